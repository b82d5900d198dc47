//! The protected part of the app: one parent route around every page that needs a logged-in
//! user (`/mina-sidor`, `/mina-sidor/profil`, `/arenden/:id/…`), instead of a login check in
//! each page.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};

use crate::session::{AuthState, EndReason, use_session};

/// The parent route of the pages that need a logged-in user. It draws them at once (they wait
/// for the session themselves, e.g. with [`crate::session::is_logged_in`]) and sends the user to
/// the login page when the page was opened without a session. When the session ends while a
/// page is open, the session navigator goes there with the reason instead.
#[component]
pub fn RequireLogin() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move |was_checking: Option<bool>| {
        let (checking, logged_out) = session.state.with(|state| {
            (
                matches!(state, AuthState::Checking),
                matches!(state, AuthState::LoggedOut),
            )
        });
        if logged_out && was_checking.unwrap_or(true) {
            // A case's page (e.g. a notice's link) is where the login leads back to.
            let path = location.pathname.get_untracked();
            let url = if path.starts_with("/arenden/") {
                format!(
                    "{}&tillbaka={}",
                    EndReason::LoginRequired.login_url(),
                    crate::api::client::encode(&path)
                )
            } else {
                EndReason::LoginRequired.login_url()
            };
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
        checking
    });
    view! { <Outlet /> }
}
