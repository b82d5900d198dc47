use actix_web::{post, web};
use api_types::{CollectSigningResponse, LoginStatus, Problem, UserMessage};
use bankid::Rfa;
use bankid::wire::{CollectStatus, CompletionData, Risk};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use crate::auth::bankid_login::{bankid_error, flow_for, user_message};
use crate::auth::extractor::CurrentUser;
use crate::cases::{self, drafts};
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
    let owner = user.auth.user.id;
    let signing = super::load_owned_signing(&state, owner, *signing_id).await?;
    if signing.status != "pending" {
        return Err(signing_finished());
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
    let now = state.clock.now();
    let txn = state.db.begin().await.map_err(ApiError::internal)?;
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
            finish(&txn, &signing, "complete", Some(&completion), now).await?;
            match refusal(&user, &completion) {
                Some(message) => ("failed", message),
                None => {
                    let case = cases::load_owned_for_update(&txn, owner, signing.case_id).await?;
                    let signed_revision =
                        u32::try_from(signing.lock_version).map_err(ApiError::internal)?;
                    match drafts::record_signature(&txn, &case, signed_revision, now).await {
                        Ok(_) => (
                            "complete",
                            UserMessage {
                                code: "signed".into(),
                                sv: "Du har signerat ärendet.".into(),
                                en: "You have signed the case.".into(),
                            },
                        ),
                        Err(ApiError::Conflict { .. }) => ("failed", draft_changed()),
                        Err(other) => return Err(other),
                    }
                }
            }
        }
        (other, _) => (
            "failed",
            user_message(
                Rfa::for_collect(other, collected.hint_code.as_ref(), flow).unwrap_or(Rfa::Rfa22),
            ),
        ),
    };
    if status == "failed" {
        // A refused completion is not kept as a signature.
        finish(&txn, &signing, "failed", None, now).await?;
    }
    txn.commit().await.map_err(ApiError::internal)?;
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

/// Why a completed order does not count as the citizen's signature, if it does not.
fn refusal(user: &CurrentUser, completion: &CompletionData) -> Option<UserMessage> {
    if completion.user.personal_number != user.auth.user.personnummer {
        tracing::warn!(user_id = %user.auth.user.id, "signing refused: signed by another person");
        return Some(UserMessage {
            code: "signed_by_another_person".into(),
            sv: "Ärendet signerades med någon annans BankID. Signera med ditt eget BankID.".into(),
            en: "The case was signed with someone else's BankID. Sign with your own BankID.".into(),
        });
    }
    if completion.risk == Some(Risk::High) {
        tracing::warn!(user_id = %user.auth.user.id, "signing refused: BankID risk high");
        return Some(user_message(Rfa::Rfa22));
    }
    None
}

fn draft_changed() -> UserMessage {
    UserMessage {
        code: "draft_changed".into(),
        sv: "Utkastet ändrades under signeringen. Granska det och signera igen.".into(),
        en: "The draft changed while it was being signed. Review it and sign again.".into(),
    }
}

/// Ends a pending signing exactly once, keeping BankID's signature when it completed. A
/// signing that another request already ended is `signing_finished`, and the caller's
/// transaction rolls back, so two collects never record two signatures.
async fn finish(
    db: &impl ConnectionTrait,
    signing: &case_signatures::Model,
    status: &str,
    completion: Option<&CompletionData>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    let mut update = case_signatures::Entity::update_many()
        .col_expr(case_signatures::Column::Status, Expr::value(status))
        .col_expr(case_signatures::Column::FinishedAt, Expr::value(Some(now)))
        .col_expr(
            case_signatures::Column::Signature,
            Expr::value(completion.map(|c| c.signature.clone())),
        )
        .col_expr(
            case_signatures::Column::OcspResponse,
            Expr::value(completion.map(|c| c.ocsp_response.clone())),
        )
        .filter(case_signatures::Column::Id.eq(signing.id));
    // The first finish moves it from pending; a refusal in the same transaction may follow.
    update = if status == "failed" && completion.is_none() {
        update.filter(case_signatures::Column::Status.is_in(["pending", "complete"]))
    } else {
        update.filter(case_signatures::Column::Status.eq("pending"))
    };
    let result = update.exec(db).await.map_err(ApiError::internal)?;
    if result.rows_affected != 1 {
        return Err(signing_finished());
    }
    Ok(())
}

fn signing_finished() -> ApiError {
    ApiError::Conflict {
        code: "signing_finished",
        detail: "This signing has already ended. Start a new one.".into(),
        detail_sv: "Den här signeringen är redan avslutad. Börja om.".into(),
    }
}
