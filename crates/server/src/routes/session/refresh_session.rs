use actix_web::{post, web};
use api_types::{Problem, SessionResponse};

use crate::auth::extractor::CurrentUser;
use crate::state::AppState;

/// "Stay logged in": extends the idle window (the absolute lifetime is not extended).
#[utoipa::path(
    tag = "session",
    security(("session_cookie" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The session, with a new idle expiry.", body = SessionResponse),
        (status = 401, description = "The session has already ended.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Cookie authentication without the `X-Requested-With: \
            mina-sidor` header (`csrf_check_failed`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/session/refresh")]
pub async fn refresh_session(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> web::Json<SessionResponse> {
    web::Json(super::session_response(&state, &user.auth))
}
