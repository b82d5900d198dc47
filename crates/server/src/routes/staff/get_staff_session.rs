use actix_web::{get, web};
use api_types::{Problem, StaffSessionResponse};

use crate::staff::extractor::Staff;
use crate::state::AppState;

/// The logged-in staff member and when the session ends; counts as activity.
#[utoipa::path(
    tag = "staff",
    security(("staff_cookie" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The current staff session.", body = StaffSessionResponse),
        (status = 401, description = "Not logged in as staff, or the session has ended.",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/staff/session")]
pub async fn get_staff_session(
    state: web::Data<AppState>,
    staff: Staff,
) -> web::Json<StaffSessionResponse> {
    web::Json(super::session_response(&state, &staff.0, None))
}
