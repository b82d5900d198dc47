//! `/handlaggare/logga-in`: staff log in with user name and password.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::{OfficerTexts, error_text};
use crate::api::staff;
use crate::i18n::use_lang;
use crate::page::PageHeading;

/// The staff login page.
#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || OfficerTexts::get(lang.get());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<crate::api::ApiError>);
    let navigate = use_navigate();
    let site = crate::site::use_site();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match staff::log_in(username.get_untracked(), password.get_untracked()).await {
                // Administrators do not handle cases: they start in the audit log.
                Ok(session) if session.staff.role == api_types::StaffRole::Admin => {
                    navigate("/handlaggare/logg", Default::default());
                }
                Ok(_) => navigate("/handlaggare", Default::default()),
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                    let _ = password.try_set(String::new());
                }
            }
            let _ = busy.try_set(false);
        });
    };

    view! {
        <PageHeading title=|lang| OfficerTexts::get(lang).login_title />
        <p class="ds-paragraph">{move || t().login_intro}</p>
        <div role="alert">
            {move || {
                error
                    .get()
                    .map(|failure| {
                        view! {
                            <div class="ds-alert" data-color="danger">
                                <p class="ds-paragraph">{error_text(lang.get(), &failure)}</p>
                            </div>
                        }
                    })
            }}
        </div>
        {move || {
            site.get()
                .filter(|site| site.staff_oidc_login)
                .map(|_| {
                    view! {
                        <p class="ds-paragraph">
                            <a class="ds-button" data-variant="primary" href="/api/v1/staff/oidc/login" rel="external">
                                {move || t().oidc_login}
                            </a>
                        </p>
                        <h2 class="ds-heading" data-size="xs">{move || t().local_login}</h2>
                    }
                })
        }}
        <form class="staff-login" on:submit=submit novalidate>
            <div class="ds-field">
                <label class="ds-label" for="staff-username">{move || t().username}</label>
                <input
                    class="ds-input"
                    id="staff-username"
                    name="username"
                    autocomplete="username"
                    required
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
            </div>
            <div class="ds-field">
                <label class="ds-label" for="staff-password">{move || t().password}</label>
                <input
                    class="ds-input"
                    id="staff-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </div>
            <button
                type="submit"
                class="ds-button"
                data-variant="primary"
                aria-disabled=move || busy.get().then_some("true")
            >
                {move || if busy.get() { t().logging_in } else { t().log_in }}
            </button>
        </form>
    }
}
