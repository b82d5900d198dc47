use actix_web::{post, web};
use api_types::{CollectSigningResponse, LoginStatus, Problem, UserMessage};
use bankid::Rfa;
use bankid::wire::{CompletionData, Risk};
use sea_orm::{ConnectionTrait, TransactionTrait};
use uuid::Uuid;

use crate::auth::bankid_login::user_message;
use crate::auth::bankid_orders::{self, Collected, OrderStatus, StoredOrder};
use crate::auth::extractor::CurrentUser;
use crate::cases::{self, drafts};
use crate::entities::case_signatures;
use crate::error::{ApiError, ErrorCode};
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
    let signing = crate::cases::load_owned_signing(&state.db, owner, *signing_id).await?;
    if !signing.is_pending() {
        return Err(signing_finished());
    }
    let now = state.clock.now();
    let (hint_code, completion) = match bankid_orders::collect(&state, &signing).await? {
        Collected::Pending { hint_code, message } => {
            return Ok(web::Json(CollectSigningResponse {
                status: LoginStatus::Pending,
                hint_code,
                message,
            }));
        }
        Collected::Failed { hint_code, message } => {
            end(&state.db, &signing, OrderStatus::Failed, None, now).await?;
            return Ok(web::Json(CollectSigningResponse {
                status: LoginStatus::Failed,
                hint_code,
                message,
            }));
        }
        Collected::Complete {
            hint_code,
            completion,
        } => (hint_code, completion),
    };
    // The signature, its event and the draft's state change together or not at all; a second
    // collect of the same signing finds it ended and changes nothing.
    let txn = state.db.begin().await.map_err(ApiError::internal)?;
    let outcome = match refusal(&user, &completion) {
        Some(message) => Err(message),
        None => {
            end(
                &txn,
                &signing,
                OrderStatus::Complete,
                Some(&completion),
                now,
            )
            .await?;
            let case = cases::load_owned_for_update(&txn, owner, signing.case_id).await?;
            let signed_revision =
                u32::try_from(signing.lock_version).map_err(ApiError::internal)?;
            match drafts::record_signature(&txn, &case, signed_revision, now).await {
                Ok(_) => Ok(()),
                Err(ApiError::Conflict { .. }) => Err(draft_changed()),
                Err(other) => return Err(other),
            }
        }
    };
    let response = match outcome {
        Ok(()) => {
            txn.commit().await.map_err(ApiError::internal)?;
            CollectSigningResponse {
                status: LoginStatus::Complete,
                hint_code,
                message: UserMessage {
                    code: "signed".into(),
                    sv: "Du har signerat ärendet.".into(),
                    en: "You have signed the case.".into(),
                },
            }
        }
        Err(message) => {
            // A refused completion is not kept as a signature.
            txn.rollback().await.map_err(ApiError::internal)?;
            end(&state.db, &signing, OrderStatus::Failed, None, now).await?;
            CollectSigningResponse {
                status: LoginStatus::Failed,
                hint_code,
                message,
            }
        }
    };
    Ok(web::Json(response))
}

/// Ends the pending signing exactly once; a signing another request already ended is
/// `signing_finished` (and the caller's transaction rolls back).
async fn end(
    db: &impl ConnectionTrait,
    signing: &case_signatures::Model,
    to: OrderStatus,
    completion: Option<&CompletionData>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    if signing
        .finish(db, &[OrderStatus::Pending], to, completion, now)
        .await?
    {
        Ok(())
    } else {
        Err(signing_finished())
    }
}

/// Why a completed order does not count as the citizen's signature, if it does not.
fn refusal(user: &CurrentUser, completion: &CompletionData) -> Option<UserMessage> {
    if completion.user.personal_number != user.auth.user.personnummer.0.as_str() {
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

fn signing_finished() -> ApiError {
    ApiError::Conflict {
        code: ErrorCode::SigningFinished,
        detail: "This signing has already ended. Start a new one.".into(),
        detail_sv: "Den här signeringen är redan avslutad. Börja om.".into(),
    }
}
