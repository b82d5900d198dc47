use actix_web::{post, web};
use api_types::{CollectSigningResponse, LoginStatus, Problem, UserMessage};
use bankid::Rfa;
use bankid::wire::CollectStatus;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use crate::auth::bankid_login::{bankid_error, flow_for, user_message};
use crate::auth::extractor::CurrentUser;
use crate::entities::case_signatures;
use crate::error::ApiError;
use crate::state::AppState;

/// Polls a signing (every 2 s while pending). It completes only if the citizen who is logged in
/// signed, and the draft has not changed since signing started.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("signing_id" = String, Path, description = "From the start response.")),
    responses(
        (status = 200, description = "Pending, failed (with the message to show) or complete.",
            body = CollectSigningResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signing of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 409, description = "The signing has already ended (`signing_finished`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "BankID could not be reached (`bankid_unavailable`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/signings/{signing_id}/collect")]
pub async fn collect_signing(
    state: web::Data<AppState>,
    user: CurrentUser,
    signing_id: web::Path<Uuid>,
) -> Result<web::Json<CollectSigningResponse>, ApiError> {
    let signing = super::load_owned_signing(&state, user.auth.user.id, *signing_id).await?;
    if signing.status != "pending" {
        return Err(ApiError::Conflict {
            code: "signing_finished",
            detail: "This signing has already ended. Start a new one.".into(),
            detail_sv: "Den här signeringen är redan avslutad. Börja om.".into(),
        });
    }
    let collected = state
        .bankid
        .collect(&signing.order_ref)
        .await
        .map_err(bankid_error)?;
    let hint_code = collected
        .hint_code
        .as_ref()
        .map(|hint| hint.as_str().to_owned());
    let flow = flow_for(&signing.device);
    let (status, message) = match (&collected.status, collected.completion_data) {
        (CollectStatus::Pending, _) => {
            let rfa = Rfa::for_collect(&CollectStatus::Pending, collected.hint_code.as_ref(), flow)
                .unwrap_or(Rfa::Rfa21);
            return Ok(web::Json(CollectSigningResponse {
                status: LoginStatus::Pending,
                hint_code,
                message: user_message(rfa),
            }));
        }
        (CollectStatus::Complete, Some(completion)) => {
            let case =
                crate::cases::load_owned(&state.db, user.auth.user.id, signing.case_id).await?;
            if completion.user.personal_number != user.auth.user.personnummer {
                tracing::warn!(user_id = %user.auth.user.id, "signing refused: signed by another person");
                (
                    "failed",
                    UserMessage {
                        code: "signed_by_another_person".into(),
                        sv: "Ärendet signerades med någon annans BankID. Signera med ditt eget \
                             BankID."
                            .into(),
                        en: "The case was signed with someone else's BankID. Sign with your own \
                             BankID."
                            .into(),
                    },
                )
            } else if case.status != "draft" || case.lock_version != signing.lock_version {
                (
                    "failed",
                    UserMessage {
                        code: "draft_changed".into(),
                        sv: "Utkastet ändrades under signeringen. Granska det och signera igen."
                            .into(),
                        en: "The draft changed while it was being signed. Review it and sign \
                             again."
                            .into(),
                    },
                )
            } else {
                case_signatures::Entity::update_many()
                    .col_expr(
                        case_signatures::Column::Signature,
                        Expr::value(Some(completion.signature.clone())),
                    )
                    .col_expr(
                        case_signatures::Column::OcspResponse,
                        Expr::value(Some(completion.ocsp_response.clone())),
                    )
                    .filter(case_signatures::Column::Id.eq(signing.id))
                    .exec(&state.db)
                    .await
                    .map_err(ApiError::internal)?;
                crate::cases::append_event(
                    &state.db,
                    case.id,
                    "case_signed",
                    Some(user.auth.user.id),
                    state.clock.now(),
                    serde_json::json!({ "signing_id": signing.id }),
                )
                .await?;
                (
                    "complete",
                    UserMessage {
                        code: "signed".into(),
                        sv: "Du har signerat ärendet.".into(),
                        en: "You have signed the case.".into(),
                    },
                )
            }
        }
        (other, _) => (
            "failed",
            user_message(
                Rfa::for_collect(other, collected.hint_code.as_ref(), flow).unwrap_or(Rfa::Rfa22),
            ),
        ),
    };
    case_signatures::Entity::update_many()
        .col_expr(case_signatures::Column::Status, Expr::value(status))
        .col_expr(
            case_signatures::Column::FinishedAt,
            Expr::value(Some(state.clock.now())),
        )
        .filter(case_signatures::Column::Id.eq(signing.id))
        .filter(case_signatures::Column::Status.eq("pending"))
        .exec(&state.db)
        .await
        .map_err(ApiError::internal)?;
    Ok(web::Json(CollectSigningResponse {
        status: if status == "complete" {
            LoginStatus::Complete
        } else {
            LoginStatus::Failed
        },
        hint_code,
        message,
    }))
}
