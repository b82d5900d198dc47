//! Staff login and session (officers and administrators), and the colleagues an officer can
//! assign cases to.

pub mod end_staff_session;
pub mod finish_oidc_login;
pub mod get_staff_session;
pub mod list_colleagues;
pub mod staff_login;
pub mod start_oidc_login;

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use api_types::StaffSessionResponse;
use chrono::Duration;

use crate::staff::extractor::STAFF_COOKIE;
use crate::staff::sessions::StaffAuthenticated;
use crate::state::AppState;

/// The response for a staff session.
pub fn session_response(
    state: &AppState,
    auth: &StaffAuthenticated,
    token: Option<String>,
) -> StaffSessionResponse {
    let idle = Duration::minutes(i64::from(state.settings.auth.idle_timeout_minutes));
    StaffSessionResponse {
        staff: auth.member.response(),
        idle_timeout_seconds: u64::try_from(idle.num_seconds()).unwrap_or(0),
        idle_expires_at: (auth.session.last_seen_at + idle)
            .min(auth.session.expires_at)
            .to_rfc3339(),
        absolute_expires_at: auth.session.expires_at.to_rfc3339(),
        token,
    }
}

/// The staff cookie (`value` empty: cleared).
pub fn staff_cookie(value: String) -> Cookie<'static> {
    let clear = value.is_empty();
    let mut cookie = Cookie::build(STAFF_COOKIE, value)
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Strict)
        .finish();
    if clear {
        cookie.set_max_age(CookieDuration::ZERO);
    }
    cookie
}
