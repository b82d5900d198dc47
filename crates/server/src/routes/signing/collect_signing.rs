use actix_web::{post, web};
use api_types::{CollectSigningResponse, LoginStatus, Problem, UserMessage};
use uuid::Uuid;

use crate::auth::bankid_orders::{self, Collected, StoredOrder};
use crate::auth::extractor::CurrentUser;
use crate::cases::signing as signings;
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
    let signing = crate::cases::load_owned_signing(&state.db, owner, *signing_id).await?;
    if !signing.is_pending() {
        return Err(signings::signing_finished());
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
            signings::record_failure(&state, &signing, now).await?;
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
    let outcome =
        signings::record_completion(&state, &user.auth.user, &signing, &completion, now).await?;
    Ok(web::Json(match outcome {
        Ok(()) => CollectSigningResponse {
            status: LoginStatus::Complete,
            hint_code,
            message: UserMessage {
                code: "signed".into(),
                sv: "Du har signerat ärendet.".into(),
                en: "You have signed the case.".into(),
            },
        },
        Err(message) => CollectSigningResponse {
            status: LoginStatus::Failed,
            hint_code,
            message,
        },
    }))
}
