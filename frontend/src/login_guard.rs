//! Pages that need a logged-in user.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::session::{AuthState, EndReason, use_session};

/// Sends the user to the login page when the page was opened without a session. (When the
/// session ends while the page is open, the session navigator goes there with the reason.)
pub fn require_login() {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |was_checking: Option<bool>| {
        let (checking, logged_out) = session.state.with(|state| {
            (
                matches!(state, AuthState::Checking),
                matches!(state, AuthState::LoggedOut),
            )
        });
        if logged_out && was_checking.unwrap_or(true) {
            navigate(
                &EndReason::LoginRequired.login_url(),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
        checking
    });
}

/// Whether someone is logged in.
pub fn logged_in() -> Signal<bool> {
    let session = use_session();
    Signal::derive(move || {
        session
            .state
            .with(|state| matches!(state, AuthState::LoggedIn(_)))
    })
}
