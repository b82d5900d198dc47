//! Submitting as it runs: validate, save, update the profile, then submit straight away or after
//! a BankID signature.
//!
//! One attempt is one dispatch of a Leptos [`Action`] (see [`super::Review`]); cancelling the
//! signature or leaving the page aborts it, which drops it where it waits.

use api_types::{
    LoginDevice, LoginStatus, PostalAddress, ProfileResponse, UpdateProfileRequest, UserMessage,
};
use eservice::{ProfileBinding, Scope};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use super::profile_offer::{bound_answer, profile_values};
use crate::api::ApiError;
use crate::api::{cases, profile, signing};
use crate::forms_i18n::FormTexts;
use crate::i18n::Lang;
use crate::local_time;
use crate::pages::form::{FormCtx, FormProblem, ShownError, focus_error_summary, server_errors};
use crate::time;

/// Network errors in a row while polling a signing before giving up.
const MAX_POLL_NETWORK_ERRORS: u32 = 5;

/// A signing waiting for the citizen.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Started {
    pub(super) signing_id: String,
    pub(super) device: LoginDevice,
    pub(super) autostart_url: Option<String>,
    pub(super) signed_text: String,
}

/// Where submitting is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Phase {
    Idle,
    /// Saving, updating the profile, starting BankID or submitting.
    Working,
    Signing(Started),
}

/// Why submitting stopped.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Failure {
    /// The answers have errors; the summary lists them.
    Validation,
    /// The server's explanation.
    Problem {
        sv: String,
        en: String,
    },
    Cosigning,
    SignatureRequired,
    Sign(UserMessage),
    Profile(Vec<ShownError>),
    RateLimited(Option<u32>),
    Network,
    Unexpected,
}

impl Failure {
    fn from_error(error: &ApiError) -> Failure {
        match error {
            ApiError::Network(_) => Failure::Network,
            ApiError::RateLimited(seconds) => Failure::RateLimited(*seconds),
            ApiError::Problem(problem) => match problem.code.as_str() {
                "validation_failed" => Failure::Validation,
                "cosigning_not_available" => Failure::Cosigning,
                "signature_required" => Failure::SignatureRequired,
                _ if !problem.detail.is_empty() => Failure::Problem {
                    sv: problem.detail_sv.clone(),
                    en: problem.detail.clone(),
                },
                _ => Failure::Unexpected,
            },
            ApiError::Status(_) | ApiError::Body(_) => Failure::Unexpected,
        }
    }

    pub(super) fn lines(&self, lang: Lang) -> Vec<String> {
        let t = FormTexts::get(lang);
        match self {
            Failure::Validation => vec![t.submit_errors.to_owned()],
            Failure::Problem { sv, en } => vec![lang.pick(sv, en).clone()],
            Failure::Cosigning => vec![t.cosigning_unavailable.to_owned()],
            Failure::SignatureRequired => vec![t.signature_required.to_owned()],
            Failure::Sign(message) => vec![lang.pick(&message.sv, &message.en).clone()],
            Failure::Profile(errors) => std::iter::once(t.profile_update_failed.to_owned())
                .chain(errors.iter().map(|e| e.text(lang).to_owned()))
                .collect(),
            Failure::RateLimited(seconds) => vec![
                t.rate_limited
                    .replace("{seconds}", &seconds.unwrap_or(60).to_string()),
            ],
            Failure::Network => vec![t.network_error.to_owned()],
            Failure::Unexpected => vec![t.unexpected_error.to_owned()],
        }
    }
}

/// The signals of the submit flow (all `Copy`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Flow {
    pub(super) ctx: FormCtx,
    pub(super) phase: RwSignal<Phase>,
    pub(super) failure: RwSignal<Option<Failure>>,
    /// BankID's latest message while signing.
    pub(super) status: RwSignal<Option<UserMessage>>,
    /// The `Idempotency-Key` of the current attempt.
    key: StoredValue<Option<String>>,
    /// The attempt under way, to abort it.
    running: StoredValue<Option<ActionAbortHandle>>,
    pub(super) done: RwSignal<bool>,
    pub(super) update_profile: RwSignal<bool>,
    pub(super) profile: RwSignal<Option<ProfileResponse>>,
}

impl Flow {
    pub(super) fn new(ctx: FormCtx) -> Flow {
        Flow {
            ctx,
            phase: RwSignal::new(Phase::Idle),
            failure: RwSignal::new(None),
            status: RwSignal::new(None),
            key: StoredValue::new(None),
            running: StoredValue::new(None),
            done: RwSignal::new(false),
            update_profile: RwSignal::new(false),
            profile: RwSignal::new(None),
        }
    }

    /// Validates everything in the browser; true when there is nothing to fix.
    pub(super) fn check_all(self) -> bool {
        let Some(definition) = self.ctx.definition.get_untracked() else {
            return false;
        };
        let errors: Vec<ShownError> = self.ctx.answers.with_untracked(|answers| {
            eservice::validate(&definition, answers, Scope::All, local_time::today())
                .iter()
                .map(ShownError::from_answer)
                .collect()
        });
        let ok = errors.is_empty();
        self.ctx.errors.set(errors);
        if !ok {
            self.failure.set(Some(Failure::Validation));
            focus_error_summary();
        }
        ok
    }

    fn stop(self, failure: Option<Failure>) {
        let _ = self.phase.try_set(Phase::Idle);
        let _ = self.failure.try_set(failure);
    }

    /// Starts submitting when nothing is under way and the browser finds nothing to fix: the
    /// attempt runs as a dispatch of `attempts`.
    pub(super) fn start(
        self,
        attempts: Action<Option<LoginDevice>, ()>,
        device: Option<LoginDevice>,
    ) {
        if self.phase.get_untracked() != Phase::Idle {
            return;
        }
        self.failure.set(None);
        self.status.set(None);
        if !self.check_all() {
            return;
        }
        self.phase.set(Phase::Working);
        let handle = attempts.dispatch_local(device);
        self.running.set_value(Some(handle));
    }

    /// One attempt: save, update the profile, then sign or submit.
    pub(super) async fn run(self, device: Option<LoginDevice>) {
        if !self.ctx.save_now().await {
            let blocked = self.ctx.problem.try_get_untracked().flatten().is_some();
            self.stop((!blocked).then_some(Failure::Network));
            return;
        }
        if self.update_profile.get_untracked() && !self.save_profile().await {
            return;
        }
        match device {
            None => self.submit().await,
            Some(device) => self.sign(device).await,
        }
    }

    /// Aborts the attempt under way, if any.
    fn abort(self) {
        if let Some(handle) = self.running.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    }

    /// Saves the answers that differ from the profile in the profile. False when that failed.
    async fn save_profile(self) -> bool {
        let (Some(definition), Some(profile)) = (
            self.ctx.definition.get_untracked(),
            self.profile.get_untracked(),
        ) else {
            return true;
        };
        let answers = self.ctx.answers.get_untracked();
        let differences =
            eservice::profile_differences(&definition, &answers, &profile_values(&profile));
        if differences.is_empty() {
            return true;
        }
        let mut request = UpdateProfileRequest {
            email: profile.email.clone(),
            phone: profile.phone.clone(),
            postal_address: profile.postal_address.clone(),
            notify_email: profile.notify_email,
            notify_sms: profile.notify_sms,
            language: None,
        };
        for binding in differences {
            let Some(value) = bound_answer(&definition, &answers, binding) else {
                continue;
            };
            match binding {
                ProfileBinding::Email => request.email = value.as_str().map(str::to_owned),
                ProfileBinding::Phone => request.phone = value.as_str().map(str::to_owned),
                ProfileBinding::PostalAddress => {
                    let part = |key: &str| {
                        value
                            .get(key)
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .trim()
                            .to_owned()
                    };
                    request.postal_address = Some(PostalAddress {
                        street: part("street"),
                        postal_code: part("postal_code"),
                        city: part("city"),
                    });
                }
                ProfileBinding::GivenName | ProfileBinding::Surname | ProfileBinding::FullName => {}
            }
        }
        match profile::update_profile(&request).await {
            Ok(saved) => {
                let _ = self.profile.try_set(Some(saved));
                let _ = self.update_profile.try_set(false);
                true
            }
            Err(error) => {
                leptos::logging::warn!("PUT /api/v1/profile failed: {error}");
                let failure = match &error {
                    ApiError::Problem(problem) if problem.code == "validation_failed" => {
                        Failure::Profile(
                            problem.errors.iter().map(ShownError::from_field).collect(),
                        )
                    }
                    other => Failure::from_error(other),
                };
                self.stop(Some(failure));
                false
            }
        }
    }

    /// Submits with this attempt's `Idempotency-Key`.
    async fn submit(self) {
        let key = match self.key.try_get_value().flatten() {
            Some(key) => key,
            None => {
                let key = cases::new_idempotency_key();
                let _ = self.key.try_set_value(Some(key.clone()));
                key
            }
        };
        let id = self.ctx.case_id.get_untracked();
        match cases::submit_draft(&id, &key).await {
            Ok(case) => {
                let _ = self.ctx.submitted_here.try_set(true);
                let _ = self.ctx.attachments.try_set(case.attachments.clone());
                let _ = self.ctx.case.try_set(Some(case));
                let _ = self.key.try_set_value(None);
                let _ = self.done.try_set(true);
            }
            Err(error) => {
                leptos::logging::warn!("POST submit failed: {error}");
                // The same key again only when the answer may not have arrived.
                let answered = matches!(error.status(), Some(status) if status < 500);
                if answered {
                    let _ = self.key.try_set_value(None);
                }
                if let Some(errors) = server_errors(&error) {
                    let _ = self.ctx.errors.try_set(errors);
                    focus_error_summary();
                }
                if error.problem().is_some_and(|p| p.code == "edit_conflict") {
                    let _ = self.ctx.problem.try_set(Some(FormProblem::Conflict));
                }
                self.stop(Some(Failure::from_error(&error)));
            }
        }
    }

    /// Starts a BankID signature and waits for it; submits when it is complete.
    async fn sign(self, device: LoginDevice) {
        let id = self.ctx.case_id.get_untracked();
        let started = match signing::start_signing(&id, device).await {
            Ok(started) => started,
            Err(error) => {
                leptos::logging::warn!("POST sign failed: {error}");
                if let Some(errors) = server_errors(&error) {
                    let _ = self.ctx.errors.try_set(errors);
                    focus_error_summary();
                }
                self.stop(Some(Failure::from_error(&error)));
                return;
            }
        };
        let signing_id = started.signing_id.clone();
        let interval = started.poll_interval_ms.max(1000);
        if self
            .phase
            .try_set(Phase::Signing(Started {
                signing_id: started.signing_id,
                device,
                autostart_url: started.autostart_url,
                signed_text: started.signed_text,
            }))
            .is_some()
        {
            return;
        }
        let mut network_errors = 0;
        loop {
            time::sleep(interval).await;
            match signing::collect_signing(&signing_id).await {
                Ok(collected) => {
                    network_errors = 0;
                    match collected.status {
                        LoginStatus::Pending => {
                            // `try_`: an aborted attempt may take one more step after the page
                            // is gone.
                            let changed = self.status.try_with_untracked(|status| {
                                status.as_ref() != Some(&collected.message)
                            });
                            if changed == Some(true) {
                                self.status.set(Some(collected.message));
                            }
                        }
                        LoginStatus::Failed => {
                            self.status.set(None);
                            self.stop(Some(Failure::Sign(collected.message)));
                            return;
                        }
                        LoginStatus::Complete => {
                            self.status.set(None);
                            self.phase.set(Phase::Working);
                            self.submit().await;
                            return;
                        }
                    }
                }
                Err(ApiError::Network(error)) => {
                    network_errors += 1;
                    leptos::logging::warn!("collect failed: {error}");
                    if network_errors >= MAX_POLL_NETWORK_ERRORS {
                        self.stop(Some(Failure::Network));
                        return;
                    }
                }
                Err(error) => {
                    leptos::logging::warn!("collect failed: {error}");
                    self.stop(Some(Failure::from_error(&error)));
                    return;
                }
            }
        }
    }

    /// Stops waiting for BankID and cancels the order.
    pub(super) fn cancel(self) {
        let Phase::Signing(started) = self.phase.get_untracked() else {
            return;
        };
        self.abort();
        self.status.set(None);
        self.stop(None);
        spawn_local(async move {
            if let Err(error) = signing::cancel_signing(&started.signing_id).await {
                leptos::logging::warn!("cancelling the signing failed: {error}");
            }
        });
    }

    /// Leaving the page: stops the attempt while BankID waits, and cancels the order.
    pub(super) fn leave(self) {
        if let Some(Phase::Signing(started)) = self.phase.try_get_untracked() {
            self.abort();
            spawn_local(async move {
                let _ = signing::cancel_signing(&started.signing_id).await;
            });
        }
    }
}
