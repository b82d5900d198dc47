use actix_web::{get, web};
use api_types::{Problem, SessionResponse};

use crate::auth::extractor::CurrentUser;
use crate::state::AppState;

/// The logged-in user and when the session ends. Like every authenticated request it counts as
/// activity.
#[utoipa::path(
    tag = "session",
    security(("session_cookie" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The current session.", body = SessionResponse),
        (status = 401, description = "Not logged in, or the session has ended \
            (`unauthenticated`, `invalid_token`, `session_idle_timeout`, `session_expired`, \
            `session_revoked`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/session")]
pub async fn get_session(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> web::Json<SessionResponse> {
    web::Json(super::session_response(&state, &user.auth))
}
