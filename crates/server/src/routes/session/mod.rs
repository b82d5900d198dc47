//! The current session: who is logged in, staying logged in, logging out.

pub mod end_session;
pub mod get_session;
pub mod refresh_session;

use api_types::{SessionResponse, UserResponse};
use chrono::Duration;

use crate::auth::sessions::Authenticated;
use crate::state::AppState;

/// The response for an authenticated session.
pub fn session_response(state: &AppState, auth: &Authenticated) -> SessionResponse {
    let idle = Duration::minutes(i64::from(state.settings.auth.idle_timeout_minutes));
    let idle_expires_at = (auth.session.last_seen_at + idle).min(auth.session.expires_at);
    SessionResponse {
        user: user_response(&auth.user),
        idle_timeout_seconds: u64::try_from(idle.num_seconds()).unwrap_or(0),
        idle_expires_at: idle_expires_at.to_rfc3339(),
        absolute_expires_at: auth.session.expires_at.to_rfc3339(),
    }
}

/// The public view of a user: never the full personnummer.
pub fn user_response(user: &crate::entities::users::Model) -> UserResponse {
    UserResponse {
        id: user.id.into(),
        given_name: user.given_name.clone(),
        surname: user.surname.clone(),
        personnummer_masked: user.personnummer.0.masked(),
        // An unknown stored role gets no more than a citizen's rights in the SPA.
        role: api_types::UserRole::parse(&user.role).unwrap_or(api_types::UserRole::Citizen),
    }
}
