use actix_web::{HttpResponse, post, web};
use api_types::Problem;
use uuid::Uuid;

use crate::auth::bankid_orders;
use crate::auth::extractor::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// Cancels a pending signing (here and at BankID).
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("signing_id" = String, Path, description = "From the start response.")),
    responses(
        (status = 204, description = "Cancelled (or already finished)."),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signing of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/signings/{signing_id}/cancel")]
pub async fn cancel_signing(
    state: web::Data<AppState>,
    user: CurrentUser,
    signing_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let signing =
        crate::cases::load_owned_signing(&state.db, user.auth.user.id, *signing_id).await?;
    bankid_orders::cancel(&state, &signing).await?;
    Ok(HttpResponse::NoContent().finish())
}
