//! Who is logged in, and when the session ends.
//!
//! The session token is an HttpOnly cookie that this code never sees. The app only knows the
//! user (from `GET /api/v1/session` or a completed login) and the session's expiry moved onto
//! the browser's clock ([`Timing`]), so that the warning before the idle timeout (see
//! [`crate::idle`]) is right even when the browser's and the server's clocks differ.
//!
//! When the session ends (logout, timeout, or a 401 from the server), [`end`] forgets the user,
//! clears the browser's storage except the language choice and records the reason; the
//! [`SessionNavigator`] in the router then goes to `/logga-in?orsak=<reason>`.
//!
//! Tabs of the app share one session cookie, so they tell each other (a `BroadcastChannel`, which
//! stores nothing) about activity, logins and logouts: a tab left alone must not warn about, or
//! end, a session that is in use in another tab.

use std::cell::{Cell, RefCell};

use api_types::{SessionResponse, UserResponse};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::api::auth;
use crate::api::{ApiError, Stamped};
use crate::i18n::STORAGE_KEY;
use crate::time;

/// Whether someone is logged in.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthState {
    /// The app has just started and is asking the server.
    Checking,
    /// Nobody is logged in.
    LoggedOut,
    /// Logged in as this user.
    LoggedIn(UserResponse),
}

/// When the session ends, on the browser's clock (milliseconds since the epoch).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// How long the server waits for a request before it ends the session.
    pub idle_timeout_ms: f64,
    /// When the session ends unless another request is made.
    pub idle_deadline: f64,
    /// When the session ends however active it is.
    pub absolute_deadline: f64,
}

impl Timing {
    /// The timing a session answer describes. `sent_at` is when the request was sent (browser
    /// clock), `server_date` the server's `Date` header: the server's times are taken relative
    /// to its own clock and moved onto the browser's. Without a `Date` the browser's clock is
    /// trusted, but never for more than the idle timeout.
    pub fn from_session(
        session: &SessionResponse,
        sent_at: f64,
        server_date: Option<f64>,
        browser_now: f64,
    ) -> Timing {
        let idle_timeout_ms = session.idle_timeout_seconds as f64 * 1000.0;
        let server_now = server_date.unwrap_or(browser_now);
        let remaining = |at: &str| {
            time::parse_rfc3339_ms(at)
                .map(|at| (at - server_now).max(0.0))
                .unwrap_or(idle_timeout_ms)
        };
        let idle_remaining = remaining(&session.idle_expires_at).min(idle_timeout_ms);
        let absolute_remaining = time::parse_rfc3339_ms(&session.absolute_expires_at)
            .map(|at| (at - server_now).max(0.0))
            .unwrap_or(f64::INFINITY);
        Timing {
            idle_timeout_ms,
            idle_deadline: sent_at + idle_remaining,
            absolute_deadline: sent_at + absolute_remaining,
        }
    }

    /// After a successful authenticated request sent at `sent_at`: the idle window starts over
    /// from then (answers arriving out of order never move it back).
    pub fn after_activity(self, sent_at: f64) -> Timing {
        Timing {
            idle_deadline: self.idle_deadline.max(sent_at + self.idle_timeout_ms),
            ..self
        }
    }

    /// When the session ends.
    pub fn deadline(&self) -> f64 {
        self.idle_deadline.min(self.absolute_deadline)
    }

    /// Whether the session ends because of its maximum length, which activity cannot extend.
    pub fn ends_at_absolute_limit(&self) -> bool {
        self.absolute_deadline <= self.idle_deadline
    }
}

/// Why a session ended; the `orsak` query parameter of the login page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// The user logged out.
    LoggedOut,
    /// 30 minutes without activity.
    Inactive,
    /// The session reached its maximum length.
    Expired,
    /// The server no longer knows the session (revoked elsewhere, invalid token).
    Ended,
    /// A page that needs a logged-in user was opened without one.
    LoginRequired,
}

impl EndReason {
    /// Every reason.
    pub const ALL: [EndReason; 5] = [
        EndReason::LoggedOut,
        EndReason::Inactive,
        EndReason::Expired,
        EndReason::Ended,
        EndReason::LoginRequired,
    ];

    /// The value of `orsak`.
    pub fn code(self) -> &'static str {
        match self {
            EndReason::LoggedOut => "utloggad",
            EndReason::Inactive => "inaktiv",
            EndReason::Expired => "tidsgrans",
            EndReason::Ended => "avslutad",
            EndReason::LoginRequired => "inloggning-kravs",
        }
    }

    /// Parses `orsak`; unknown values are `None`.
    pub fn from_code(code: &str) -> Option<EndReason> {
        EndReason::ALL
            .into_iter()
            .find(|reason| reason.code() == code)
    }

    /// The reason for a 401 problem's `code`.
    pub fn from_problem_code(code: Option<&str>) -> EndReason {
        match code {
            Some("session_idle_timeout") => EndReason::Inactive,
            Some("session_expired") => EndReason::Expired,
            _ => EndReason::Ended,
        }
    }

    /// The login page's address for this reason.
    pub fn login_url(self) -> String {
        format!("/logga-in?orsak={}", self.code())
    }
}

/// The session state, shared through context (and with [`crate::api`] through a thread-local,
/// since API calls run outside any component).
#[derive(Debug, Clone, Copy)]
pub struct SessionContext {
    /// Who is logged in.
    pub state: RwSignal<AuthState>,
    /// When the session ends; `None` when logged out.
    pub timing: RwSignal<Option<Timing>>,
    /// The last time the session ended in this app, numbered so that each end navigates once;
    /// cleared at login.
    pub ended: RwSignal<Option<(u32, EndReason)>>,
}

thread_local! {
    static CURRENT: Cell<Option<SessionContext>> = const { Cell::new(None) };
    static TABS: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

/// The `BroadcastChannel` the app's tabs talk on.
const TABS_CHANNEL: &str = "mina-sidor-session";

/// What one tab tells the others.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TabMessage {
    /// An authenticated request sent at this time (browser clock) succeeded.
    Activity(f64),
    /// Someone logged in.
    LoggedIn,
    /// The session ended for this reason.
    Ended(EndReason),
}

impl TabMessage {
    fn encode(self) -> String {
        match self {
            TabMessage::Activity(at) => format!("activity:{at}"),
            TabMessage::LoggedIn => "login".to_owned(),
            TabMessage::Ended(reason) => format!("ended:{}", reason.code()),
        }
    }

    fn decode(text: &str) -> Option<TabMessage> {
        if text == "login" {
            return Some(TabMessage::LoggedIn);
        }
        if let Some(at) = text.strip_prefix("activity:") {
            return at
                .parse::<f64>()
                .ok()
                .filter(|at| at.is_finite())
                .map(TabMessage::Activity);
        }
        text.strip_prefix("ended:")
            .and_then(EndReason::from_code)
            .map(TabMessage::Ended)
    }
}

/// Listens to the other tabs. Without `BroadcastChannel` each tab is on its own.
fn listen_to_other_tabs(context: SessionContext) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;

    let Ok(channel) = web_sys::BroadcastChannel::new(TABS_CHANNEL) else {
        return;
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(message) = event
                .data()
                .as_string()
                .as_deref()
                .and_then(TabMessage::decode)
            else {
                return;
            };
            let logged_in = context
                .state
                .with_untracked(|state| matches!(state, AuthState::LoggedIn(_)));
            match message {
                TabMessage::Activity(sent_at) => apply_activity(context, sent_at),
                TabMessage::Ended(reason) if logged_in => end_here(context, reason),
                TabMessage::LoggedIn if !logged_in => spawn_local(check_session(context)),
                TabMessage::Ended(_) | TabMessage::LoggedIn => {}
            }
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The listener lives as long as the app.
    on_message.forget();
    TABS.with(|tabs| *tabs.borrow_mut() = Some(channel));
}

fn tell_other_tabs(message: TabMessage) {
    TABS.with(|tabs| {
        if let Some(channel) = tabs.borrow().as_ref() {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(&message.encode()));
        }
    });
}

/// Asks the server whether someone is logged in (when the app starts, or when another tab has
/// logged in).
async fn check_session(context: SessionContext) {
    match auth::fetch_session().await {
        Ok(Some(session)) => apply_session(context, &session),
        Ok(None) => context.state.set(AuthState::LoggedOut),
        Err(error) => {
            // Not logged in as far as this page knows; the login page still works.
            leptos::logging::warn!("GET /api/v1/session failed: {error}");
            if context
                .state
                .with_untracked(|state| *state == AuthState::Checking)
            {
                context.state.set(AuthState::LoggedOut);
            }
        }
    }
}

/// Creates the session state, puts it in context and asks the server whether someone is logged
/// in. Call once, in the app's root.
pub fn provide_session() -> SessionContext {
    let context = SessionContext {
        state: RwSignal::new(AuthState::Checking),
        timing: RwSignal::new(None),
        ended: RwSignal::new(None),
    };
    provide_context(context);
    CURRENT.with(|current| current.set(Some(context)));
    listen_to_other_tabs(context);
    spawn_local(check_session(context));
    context
}

/// The session state (see [`crate::context`] for a missing context; the fallback is the app's
/// session, or nobody logged in).
pub fn use_session() -> SessionContext {
    crate::context::expect_context_or(|| {
        CURRENT.with(Cell::get).unwrap_or_else(|| SessionContext {
            state: RwSignal::new(AuthState::LoggedOut),
            timing: RwSignal::new(None),
            ended: RwSignal::new(None),
        })
    })
}

/// Whether someone is logged in (tracked).
pub fn is_logged_in() -> Signal<bool> {
    let session = use_session();
    Signal::derive(move || {
        session
            .state
            .with(|state| matches!(state, AuthState::LoggedIn(_)))
    })
}

/// A login has just completed in this tab: the user is logged in, here and in the other tabs.
pub fn logged_in(context: SessionContext, session: &Stamped<SessionResponse>) {
    apply_session(context, session);
    tell_other_tabs(TabMessage::LoggedIn);
}

/// A session the server has confirmed: the user is logged in.
fn apply_session(context: SessionContext, session: &Stamped<SessionResponse>) {
    let timing = Timing::from_session(
        &session.value,
        session.sent_at,
        session.server_date,
        time::now_ms(),
    );
    context.ended.set(None);
    context.timing.set(Some(timing));
    context
        .state
        .set(AuthState::LoggedIn(session.value.user.clone()));
}

/// A new idle expiry from a session answer (`POST /api/v1/session/refresh`).
pub fn refreshed(context: SessionContext, session: &Stamped<SessionResponse>) {
    if context
        .state
        .with_untracked(|state| matches!(state, AuthState::LoggedIn(_)))
    {
        apply_session(context, session);
    }
}

/// Called by [`crate::api`] after each successful authenticated request, sent at `sent_at`.
pub fn record_activity(sent_at: f64) {
    if let Some(context) = CURRENT.with(Cell::get) {
        apply_activity(context, sent_at);
        tell_other_tabs(TabMessage::Activity(sent_at));
    }
}

fn apply_activity(context: SessionContext, sent_at: f64) {
    context.timing.update(|timing| {
        if let Some(current) = timing {
            *current = current.after_activity(sent_at);
        }
    });
}

/// Called by [`crate::api`] when an authenticated request got 401: the session is over.
pub fn ended_by_server(problem_code: Option<&str>) {
    if let Some(context) = CURRENT.with(Cell::get) {
        let logged_in = context
            .state
            .with_untracked(|state| matches!(state, AuthState::LoggedIn(_)));
        if logged_in {
            end(context, EndReason::from_problem_code(problem_code));
        }
    }
}

/// Forgets the session in the app, here and in the other tabs: the user, the expiry and
/// everything in the browser's storage but the language choice; records why, which sends the
/// user to the login page.
pub fn end(context: SessionContext, reason: EndReason) {
    end_here(context, reason);
    tell_other_tabs(TabMessage::Ended(reason));
}

fn end_here(context: SessionContext, reason: EndReason) {
    clear_browser_storage();
    context.timing.set(None);
    context.state.set(AuthState::LoggedOut);
    let seq = context
        .ended
        .with_untracked(|ended| ended.map_or(1, |(seq, _)| seq.wrapping_add(1)));
    context.ended.set(Some((seq, reason)));
}

/// Logs out: the server revokes the session and clears the cookie, then the app forgets it.
/// On an error the user stays logged in (the cookie may still be valid) and can try again.
pub async fn log_out(context: SessionContext) -> Result<(), ApiError> {
    auth::delete_session().await?;
    end(context, EndReason::LoggedOut);
    Ok(())
}

/// The session has run out on the browser's clock: ask the server to end it too (in case the
/// clocks differ; errors do not matter) and forget it.
pub async fn expire(context: SessionContext, reason: EndReason) {
    if let Err(error) = auth::delete_session().await {
        leptos::logging::warn!("DELETE /api/v1/session at expiry failed: {error}");
    }
    end(context, reason);
}

/// Removes everything from `sessionStorage` and everything but the language choice from
/// `localStorage`.
fn clear_browser_storage() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(Some(storage)) = window.session_storage() {
        let _ = storage.clear();
    }
    if let Ok(Some(storage)) = window.local_storage() {
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|index| storage.key(index).ok().flatten())
            .filter(|key| key != STORAGE_KEY)
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }
}

/// Goes to the login page, with the reason, each time the session ends. Place inside the router.
#[component]
pub fn SessionNavigator() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |last: Option<Option<u32>>| {
        let ended = session.ended.get();
        let seq = ended.map(|(seq, _)| seq);
        if let Some((seq, reason)) = ended
            && last.flatten() != Some(seq)
        {
            navigate(&reason.login_url(), NavigateOptions::default());
        }
        seq
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(idle_expires_at: &str, absolute_expires_at: &str) -> SessionResponse {
        SessionResponse {
            user: UserResponse {
                id: "00000000-0000-0000-0000-000000000000".parse().unwrap(),
                given_name: "Anna".into(),
                surname: "Andersson".into(),
                personnummer_masked: "19900629-****".into(),
                role: api_types::UserRole::Citizen,
            },
            idle_timeout_seconds: 1800,
            idle_expires_at: idle_expires_at.into(),
            absolute_expires_at: absolute_expires_at.into(),
        }
    }

    /// 2026-01-01T12:00:00Z.
    const NOON: f64 = 1_767_268_800_000.0;

    #[test]
    fn the_expiry_is_moved_onto_the_browsers_clock() {
        // The browser's clock is an hour ahead of the server's.
        let browser = NOON + 3_600_000.0;
        let timing = Timing::from_session(
            &session("2026-01-01T12:30:00Z", "2026-01-02T00:00:00Z"),
            browser,
            Some(NOON),
            browser + 200.0,
        );
        assert_eq!(timing.idle_timeout_ms, 1_800_000.0);
        assert_eq!(timing.idle_deadline, browser + 1_800_000.0);
        assert_eq!(timing.absolute_deadline, browser + 12.0 * 3_600_000.0);
        assert_eq!(timing.deadline(), browser + 1_800_000.0);
        assert!(!timing.ends_at_absolute_limit());
    }

    #[test]
    fn the_maximum_length_caps_the_expiry() {
        let timing = Timing::from_session(
            &session("2026-01-01T12:10:00Z", "2026-01-01T12:10:00Z"),
            NOON,
            Some(NOON),
            NOON,
        );
        assert_eq!(timing.deadline(), NOON + 600_000.0);
        assert!(timing.ends_at_absolute_limit());
        // Activity cannot extend it.
        let later = timing.after_activity(NOON + 60_000.0);
        assert_eq!(later.deadline(), NOON + 600_000.0);
    }

    #[test]
    fn without_a_date_header_the_idle_timeout_is_the_most_trusted() {
        // The browser's clock is an hour behind and there is no Date header.
        let browser = NOON - 3_600_000.0;
        let timing = Timing::from_session(
            &session("2026-01-01T12:30:00Z", "2026-01-02T00:00:00Z"),
            browser,
            None,
            browser,
        );
        assert_eq!(timing.idle_deadline, browser + 1_800_000.0);
    }

    #[test]
    fn activity_moves_the_idle_expiry_but_never_back() {
        let timing = Timing {
            idle_timeout_ms: 1_800_000.0,
            idle_deadline: NOON + 1_800_000.0,
            absolute_deadline: NOON + 43_200_000.0,
        };
        let later = timing.after_activity(NOON + 60_000.0);
        assert_eq!(later.idle_deadline, NOON + 1_860_000.0);
        assert_eq!(later.after_activity(NOON).idle_deadline, NOON + 1_860_000.0);
    }

    #[test]
    fn messages_between_tabs_round_trip_and_nothing_else_is_one() {
        for message in [
            TabMessage::Activity(NOON + 0.5),
            TabMessage::LoggedIn,
            TabMessage::Ended(EndReason::Inactive),
            TabMessage::Ended(EndReason::LoggedOut),
        ] {
            assert_eq!(TabMessage::decode(&message.encode()), Some(message));
        }
        for text in [
            "",
            "activity:",
            "activity:NaN",
            "activity:inf",
            "ended:x",
            "logout",
        ] {
            assert_eq!(TabMessage::decode(text), None, "{text}");
        }
    }

    #[test]
    fn reasons_round_trip_through_the_query_and_follow_the_problem_code() {
        for reason in EndReason::ALL {
            assert_eq!(EndReason::from_code(reason.code()), Some(reason));
        }
        assert_eq!(EndReason::from_code("okänd"), None);
        assert_eq!(
            EndReason::from_problem_code(Some("session_idle_timeout")),
            EndReason::Inactive
        );
        assert_eq!(
            EndReason::from_problem_code(Some("session_expired")),
            EndReason::Expired
        );
        assert_eq!(
            EndReason::from_problem_code(Some("session_revoked")),
            EndReason::Ended
        );
        assert_eq!(EndReason::from_problem_code(None), EndReason::Ended);
        assert_eq!(EndReason::Inactive.login_url(), "/logga-in?orsak=inaktiv");
    }
}
