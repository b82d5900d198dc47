//! A BankID login as it runs: start it, then poll `collect` until BankID is done.
//!
//! One run is one dispatch of a Leptos [`Action`] (see [`super::LoginPage`]); cancelling,
//! choosing another way or leaving the page aborts it, which drops the run where it waits. A
//! login that had started and was still waiting is then cancelled on the server
//! ([`CancelOnDrop`]).

use api_types::{LoginDevice, LoginStatus, UserMessage};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::texts::texts;
use crate::api::auth;
use crate::api::{ApiError, Stamped};
use crate::i18n::Lang;
use crate::session::{self, SessionContext};
use crate::time;

/// Network errors in a row while polling before the login is given up.
const MAX_POLL_NETWORK_ERRORS: u32 = 5;

/// How often a login resumed from the address is polled (it has no answer to say).
const RESUMED_POLL_INTERVAL_MS: u32 = 2000;

/// A started login that waits for the user.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Started {
    pub(super) device: LoginDevice,
    pub(super) login_id: String,
    pub(super) autostart_url: Option<String>,
}

/// Why a login did not succeed.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Failure {
    /// BankID's message (RFA code) from collect.
    Message(UserMessage),
    /// The server's problem document, in both languages.
    Problem { sv: String, en: String },
    /// Too many attempts; wait this many seconds, when known.
    RateLimited(Option<u32>),
    /// No answer from the server.
    Network,
    /// Anything else.
    Unexpected,
}

impl Failure {
    pub(super) fn from_error(error: &ApiError) -> Failure {
        match error {
            ApiError::Network(_) => Failure::Network,
            ApiError::RateLimited(seconds) => Failure::RateLimited(*seconds),
            ApiError::Problem(problem) if !problem.detail.is_empty() => Failure::Problem {
                sv: problem.detail_sv.clone(),
                en: problem.detail.clone(),
            },
            ApiError::Problem(_) | ApiError::Status(_) | ApiError::Body(_) => Failure::Unexpected,
        }
    }

    pub(super) fn text(&self, lang: Lang) -> String {
        let t = texts(lang);
        match self {
            Failure::Message(message) => lang.pick(&message.sv, &message.en).clone(),
            Failure::Problem { sv, en } => lang.pick(sv, en).clone(),
            Failure::RateLimited(Some(seconds)) => t
                .rate_limited_seconds
                .replace("{seconds}", &seconds.to_string()),
            Failure::RateLimited(None) => t.rate_limited.to_string(),
            Failure::Network => t.network_error.to_string(),
            Failure::Unexpected => t.unexpected_error.to_string(),
        }
    }
}

/// Where the login is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Phase {
    /// Choosing this or another device.
    Choice,
    /// Waiting for the user in the BankID app.
    Waiting(Started),
    /// Failed; the device it was tried with.
    Failed(LoginDevice, Failure),
    /// Logged in; on the way to `/mina-sidor`.
    Done,
}

/// What a run does first.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Run {
    /// Start a new login on this device or another.
    Start(LoginDevice),
    /// Carry on with a login started earlier (back from the BankID app on this device).
    Resume(Started),
}

/// The login page's state (all `Copy`).
#[derive(Debug, Clone, Copy)]
pub(super) struct LoginFlow {
    pub(super) session: SessionContext,
    pub(super) phase: RwSignal<Phase>,
    /// BankID's latest message while waiting; only changed when it changes, so that the status
    /// region does not repeat it.
    pub(super) status: RwSignal<Option<UserMessage>>,
    /// Whether the BankID app has picked the order up (the QR code has been scanned): then the
    /// code is no longer needed and stops.
    pub(super) picked_up: RwSignal<bool>,
    /// The device a login is being started on.
    pub(super) starting: RwSignal<Option<LoginDevice>>,
    /// Whether the next panel takes focus when it appears (not on the first render).
    pub(super) move_focus: StoredValue<bool>,
}

impl LoginFlow {
    pub(super) fn new(session: SessionContext) -> LoginFlow {
        LoginFlow {
            session,
            phase: RwSignal::new(Phase::Choice),
            status: RwSignal::new(None),
            picked_up: RwSignal::new(false),
            starting: RwSignal::new(None),
            move_focus: StoredValue::new(false),
        }
    }

    /// One run: start (or resume) a login and wait for BankID.
    pub(super) async fn run(self, run: Run) {
        let (started, interval_ms) = match run {
            Run::Resume(started) => (started, RESUMED_POLL_INTERVAL_MS),
            Run::Start(device) => {
                let answer = auth::start_login(device).await;
                self.starting.set(None);
                self.move_focus.set_value(true);
                match answer {
                    Ok(answer) => {
                        let started = Started {
                            device,
                            login_id: answer.login_id,
                            autostart_url: answer.autostart_url,
                        };
                        self.status.set(None);
                        self.picked_up.set(false);
                        self.phase.set(Phase::Waiting(started.clone()));
                        (started, answer.poll_interval_ms.max(1000))
                    }
                    Err(error) => {
                        leptos::logging::warn!("starting the login failed: {error}");
                        self.phase
                            .set(Phase::Failed(device, Failure::from_error(&error)));
                        return;
                    }
                }
            }
        };
        let guard = CancelOnDrop(Some(started.login_id.clone()));
        self.poll(started, interval_ms).await;
        guard.disarm();
    }

    /// Polls `collect` until the login is complete or has failed.
    async fn poll(self, started: Started, interval_ms: u32) {
        let mut network_errors = 0;
        loop {
            match auth::collect_login(&started.login_id).await {
                Ok(Stamped {
                    value,
                    sent_at,
                    server_date,
                }) => {
                    network_errors = 0;
                    match (value.status, value.session) {
                        (LoginStatus::Pending, _) => {
                            let waiting_for_app = value.hint_code.as_deref().is_none_or(|hint| {
                                matches!(hint, "outstandingTransaction" | "noClient")
                            });
                            // `try_`: an aborted run may take one more step after the page
                            // is gone.
                            if !waiting_for_app && self.picked_up.try_get_untracked() == Some(false)
                            {
                                self.picked_up.set(true);
                            }
                            let changed = self.status.try_with_untracked(|status| {
                                status.as_ref() != Some(&value.message)
                            });
                            if changed == Some(true) {
                                self.status.set(Some(value.message));
                            }
                        }
                        (LoginStatus::Complete, Some(new_session)) => {
                            let stamped = Stamped {
                                value: new_session,
                                sent_at,
                                server_date,
                            };
                            session::logged_in(self.session, &stamped);
                            self.phase.set(Phase::Done);
                            return;
                        }
                        (LoginStatus::Complete, None) => {
                            leptos::logging::warn!("login complete without a session");
                            self.fail(started.device, Failure::Unexpected);
                            return;
                        }
                        (LoginStatus::Failed, _) => {
                            self.fail(started.device, Failure::Message(value.message));
                            return;
                        }
                    }
                }
                Err(ApiError::Network(error)) if network_errors < MAX_POLL_NETWORK_ERRORS => {
                    leptos::logging::warn!("collect failed, will retry: {error}");
                    network_errors += 1;
                }
                Err(error) => {
                    leptos::logging::warn!("collect failed: {error}");
                    self.fail(started.device, Failure::from_error(&error));
                    return;
                }
            }
            time::sleep(interval_ms).await;
        }
    }

    fn fail(self, device: LoginDevice, failure: Failure) {
        self.move_focus.set_value(true);
        self.phase.set(Phase::Failed(device, failure));
    }
}

/// Cancels a login still waiting for the user when its run is dropped (aborted) before BankID
/// is done with it.
struct CancelOnDrop(Option<String>);

impl CancelOnDrop {
    /// BankID is done with the login: nothing to cancel.
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(login_id) = self.0.take() {
            spawn_local(async move {
                if let Err(error) = auth::cancel_login(&login_id).await {
                    leptos::logging::warn!("cancelling the login failed: {error}");
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_read_in_the_chosen_language() {
        let message = Failure::Message(UserMessage {
            code: "RFA6".into(),
            sv: "Åtgärden avbruten.".into(),
            en: "Action cancelled.".into(),
        });
        assert_eq!(message.text(Lang::Sv), "Åtgärden avbruten.");
        assert_eq!(message.text(Lang::En), "Action cancelled.");
        assert_eq!(
            Failure::RateLimited(Some(30)).text(Lang::Sv),
            "Du har försökt logga in många gånger på kort tid. Vänta 30 sekunder och försök igen."
        );
        assert!(Failure::from_error(&ApiError::Network("x".into())) == Failure::Network);
        assert!(Failure::from_error(&ApiError::Status(500)) == Failure::Unexpected);
    }
}
