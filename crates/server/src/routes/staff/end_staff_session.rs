use actix_web::{HttpResponse, delete, web};
use api_types::Problem;

use crate::error::ApiError;
use crate::staff::extractor::Staff;
use crate::staff::sessions;
use crate::state::AppState;

/// Logs the staff member out: the session is revoked and the cookie cleared.
#[utoipa::path(
    tag = "staff",
    security(("staff_cookie" = []), ("bearer" = [])),
    responses(
        (status = 204, description = "Logged out."),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Cookie authentication without the CSRF header \
            (`csrf_check_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/staff/session")]
pub async fn end_staff_session(
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse, ApiError> {
    sessions::revoke(&state.db, staff.0.session.id, state.clock.now()).await?;
    tracing::info!(staff_id = %staff.0.member.id(), "staff logout");
    Ok(HttpResponse::NoContent()
        .cookie(super::staff_cookie(String::new()))
        .finish())
}
