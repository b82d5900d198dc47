//! `/logga-in`: logging in with BankID, on this device (the app opens with the autostart link)
//! or on another device (the animated QR code). Never asks for a personal number: BankID's
//! "secure start" forbids it.
//!
//! The flow: choose a device, `POST /api/v1/auth/bankid`, then poll `collect` every
//! `poll_interval_ms` and show BankID's recommended message in a polite status region. On
//! `complete` the server has set the HttpOnly session cookie: the app keeps the user and the
//! expiry and goes to `/mina-sidor`. On `failed` the message shows in an alert with "Try again".
//! Leaving the page stops the polling and the QR timer and cancels a login still waiting.
//!
//! - this module: the page, which runs the flow as a Leptos [`Action`];
//! - [`flow`]: one run of the flow (start, poll) and its state;
//! - [`panels`]: what the page shows in each phase;
//! - [`texts`]: the texts in both languages.

mod flow;
mod panels;
mod texts;

use api_types::LoginDevice;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use self::flow::{LoginFlow, Phase, Run, Started};
use self::panels::{AlreadyLoggedIn, ChoicePanel, FailedPanel, WaitingPanel};
use self::texts::texts;
use crate::i18n::use_lang;
use crate::page::PageHeading;
use crate::session::{AuthState, EndReason, use_session};

/// Where a completed login goes.
const AFTER_LOGIN: &str = "/mina-sidor";

/// Where a completed login goes when the login page was opened with `?tillbaka=<path>`: only an
/// e-service's start page or a case's page in this app (never another site; a notice's link
/// leads to the case through the login), else [`AFTER_LOGIN`].
fn return_path(tillbaka: Option<&str>) -> &str {
    let slug = |rest: &str| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let case_id =
        |rest: &str| rest.len() == 36 && rest.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    match tillbaka {
        Some(path)
            if path.strip_prefix("/e-tjanster/").is_some_and(slug)
                || path.strip_prefix("/arenden/").is_some_and(case_id) =>
        {
            path
        }
        _ => AFTER_LOGIN,
    }
}

/// The login page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();

    let flow = LoginFlow::new(session);
    let LoginFlow {
        phase,
        status,
        picked_up,
        starting,
        move_focus,
        ..
    } = flow;

    // The flow as a Leptos action: each run is one dispatch, and the run under way can be
    // aborted (cancel, another way, leaving the page).
    let runs = crate::action::long_running(move |run: &Run| flow.run(run.clone()));
    let running = StoredValue::new(None::<ActionAbortHandle>);
    let stop_run = move || {
        if let Some(handle) = running.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    };
    let dispatch = move |run: Run| {
        stop_run();
        running.set_value(Some(runs.dispatch_local(run)));
    };

    // A completed login goes on to the user's page; a login resumed from the address takes the
    // login's id out of it.
    let replace_url = RwSignal::new(false);
    let after_login =
        query.with_untracked(|query| return_path(query.get("tillbaka").as_deref()).to_owned());
    Effect::new(move |_| {
        if phase.with(|phase| *phase == Phase::Done) {
            navigate(&after_login, NavigateOptions::default());
        } else if replace_url.get() {
            replace_url.set(false);
            navigate(
                "/logga-in",
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }
    });

    let start = move |device: LoginDevice| {
        if starting.get_untracked().is_some() {
            return;
        }
        starting.set(Some(device));
        dispatch(Run::Start(device));
    };

    // Cancel while waiting, or "choose another way" after a failure: stop the run (a login still
    // waiting is cancelled on the server) and show the choice again.
    let back_to_choice = move || {
        stop_run();
        starting.set(None);
        move_focus.set_value(true);
        phase.set(Phase::Choice);
    };

    // Back from the BankID app on this device (its return address is
    // `/logga-in?login=<id>`): carry on with that login (the binding cookie shows it is ours). The address is replaced
    // so that the login's id does not stay in the history.
    if let Some(login_id) = query.with_untracked(|query| query.get("login"))
        && !login_id.is_empty()
    {
        let started = Started {
            device: LoginDevice::ThisDevice,
            login_id,
            autostart_url: None,
        };
        phase.set(Phase::Waiting(started.clone()));
        dispatch(Run::Resume(started));
        replace_url.set(true);
    }

    // Leaving the page: stop polling, and cancel a login still waiting for the user.
    on_cleanup(stop_run);

    let reason = move || {
        query
            .with(|query| query.get("orsak"))
            .and_then(|code| EndReason::from_code(&code))
    };
    let logged_in_as = move || {
        session.state.with(|state| match state {
            AuthState::LoggedIn(user) => Some(format!("{} {}", user.given_name, user.surname)),
            _ => None,
        })
    };

    let panel = move || match phase.get() {
        Phase::Choice => match logged_in_as() {
            Some(name) => view! { <AlreadyLoggedIn name=name /> }.into_any(),
            None => view! {
                <ChoicePanel
                    start=Callback::new(start)
                    starting=starting
                    focus=move_focus
                    reason=Signal::derive(reason)
                />
            }
            .into_any(),
        },
        Phase::Waiting(started) => view! {
            <WaitingPanel
                started=started
                status=status
                picked_up=picked_up
                cancel=Callback::new(move |()| back_to_choice())
                focus=move_focus
            />
        }
        .into_any(),
        Phase::Failed(device, failure) => view! {
            <FailedPanel
                failure=failure
                try_again=Callback::new(move |()| start(device))
                other_way=Callback::new(move |()| back_to_choice())
                starting=starting
                focus=move_focus
            />
        }
        .into_any(),
        Phase::Done => view! {
            <p class="ds-paragraph" role="status">
                {move || t().starting}
            </p>
        }
        .into_any(),
    };

    view! {
        <PageHeading title=|lang| texts(lang).title />
        {panel}
        <section aria-labelledby="stay-safe" class="login-safety">
            <h2 id="stay-safe" class="ds-heading" data-size="xs">
                {move || t().safety_heading}
            </h2>
            <p class="ds-paragraph">{move || t().safety_body}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_e_service_page_of_this_app_is_a_return_path() {
        assert_eq!(
            return_path(Some("/e-tjanster/felanmalan-gata-park")),
            "/e-tjanster/felanmalan-gata-park"
        );
        assert_eq!(
            return_path(Some("/arenden/2c0e4f7a-9b1d-4e3a-8f00-000000000001")),
            "/arenden/2c0e4f7a-9b1d-4e3a-8f00-000000000001"
        );
        for bad in [
            None,
            Some(""),
            Some("/e-tjanster/"),
            Some("//evil.example/e-tjanster/x"),
            Some("https://evil.example/"),
            Some("/e-tjanster/x/../../logga-ut"),
            Some("/e-tjanster/x?y=1"),
            Some("/mina-sidor/profil"),
            Some("/arenden/x"),
            Some("/arenden/2c0e4f7a-9b1d-4e3a-8f00-000000000001/../../x"),
        ] {
            assert_eq!(return_path(bad), AFTER_LOGIN, "{bad:?}");
        }
    }
}
