use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpResponse, delete, web};
use api_types::Problem;

use crate::auth::SESSION_COOKIE;
use crate::auth::extractor::CurrentUser;
use crate::auth::sessions;
use crate::error::ApiError;
use crate::state::AppState;

/// Logs out: the session is revoked on the server (the token is useless afterwards) and the
/// cookie is cleared.
#[utoipa::path(
    tag = "session",
    security(("session_cookie" = []), ("bearer" = [])),
    responses(
        (status = 204, description = "Logged out."),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Cookie authentication without the CSRF header \
            (`csrf_check_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/session")]
pub async fn end_session(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, ApiError> {
    sessions::revoke(&state.db, user.auth.session.id, state.clock.now()).await?;
    tracing::info!(user_id = %user.auth.user.id, session_id = %user.auth.session.id, "logout");
    Ok(HttpResponse::NoContent()
        .cookie(clear_session_cookie())
        .finish())
}

/// A cookie that replaces the session cookie and expires at once.
pub fn clear_session_cookie() -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, "")
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::ZERO)
        .finish()
}
