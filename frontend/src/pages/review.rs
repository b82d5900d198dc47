//! `/arenden/:id/granska`: every answer once more, with "Ändra" links, errors from the whole
//! form (the browser's check with `Scope::All`, and the server's 422 shown the same way), an offer
//! to save changed contact details in the profile, and submitting: straight away, or after a
//! BankID signature when the e-service asks for one. Submitting is idempotent: one
//! `Idempotency-Key` per attempt, reused when the answer did not arrive.

use api_types::{
    LoginDevice, LoginStatus, PostalAddress, ProfileResponse, UpdateProfileRequest, UserMessage,
};
use eservice::{ProfileBinding, ProfileValues, Scope};
use leptos::html::H2;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use crate::api::ApiError;
use crate::api::{cases, profile, signing};
use crate::forms_i18n::FormTexts;
use crate::i18n::{Lang, use_lang};
use crate::local_time;
use crate::pages::case::{AnswerList, answer_lines};
use crate::pages::form::{
    ErrorSummary, FormCaption, FormCtx, FormHeading, FormProblem, ProblemAlert, Progress,
    ShownError, SummaryItem, WhenLoaded, def_lang, focus_error_summary, leave_unless_draft,
    server_errors, set_document_title, use_form,
};
use crate::time;

/// Network errors in a row while polling a signing before giving up.
const MAX_POLL_NETWORK_ERRORS: u32 = 5;

/// `/arenden/:id/granska`.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let ctx = use_form();
    leave_unless_draft(ctx);
    let show = Memo::new(move |_| ctx.is_draft() || ctx.submitted_here.get());
    view! {
        <WhenLoaded>
            {move || {
                ctx.revision.track();
                show.get().then(|| view! { <Review /> })
            }}
        </WhenLoaded>
    }
}

/// A signing waiting for the citizen.
#[derive(Debug, Clone, PartialEq)]
struct Started {
    signing_id: String,
    device: LoginDevice,
    autostart_url: Option<String>,
    signed_text: String,
}

/// Where submitting is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    /// Saving, updating the profile, starting BankID or submitting.
    Working,
    Signing(Started),
}

/// Why submitting stopped.
#[derive(Debug, Clone, PartialEq)]
enum Failure {
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

    fn lines(&self, lang: Lang) -> Vec<String> {
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
struct Flow {
    ctx: FormCtx,
    phase: RwSignal<Phase>,
    failure: RwSignal<Option<Failure>>,
    /// BankID's latest message while signing.
    status: RwSignal<Option<UserMessage>>,
    /// The `Idempotency-Key` of the current attempt.
    key: StoredValue<Option<String>>,
    /// Each signing flow gets a number; a flow whose number is not current stops.
    generation: StoredValue<u64>,
    qr_frame: RwSignal<u32>,
    done: RwSignal<bool>,
    update_profile: RwSignal<bool>,
    profile: RwSignal<Option<ProfileResponse>>,
}

impl Flow {
    fn alive(self, flow: u64) -> bool {
        self.generation.try_get_value() == Some(flow)
    }

    fn next_generation(self) -> u64 {
        self.generation.update_value(|g| *g += 1);
        self.generation.get_value()
    }

    /// Validates everything in the browser; true when there is nothing to fix.
    fn check_all(self) -> bool {
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

    /// Starts submitting: validate, save, update the profile, then sign or submit.
    fn start(self, device: Option<LoginDevice>) {
        if self.phase.get_untracked() != Phase::Idle {
            return;
        }
        self.failure.set(None);
        self.status.set(None);
        if !self.check_all() {
            return;
        }
        self.phase.set(Phase::Working);
        spawn_local(async move {
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
        });
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
        let flow = self.next_generation();
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
        if device == LoginDevice::OtherDevice {
            spawn_local(async move {
                while self.alive(flow) {
                    time::sleep(1000).await;
                    if !self.alive(flow) {
                        return;
                    }
                    let _ = self.qr_frame.try_update(|frame| *frame += 1);
                }
            });
        }
        let mut network_errors = 0;
        loop {
            time::sleep(interval).await;
            if !self.alive(flow) {
                return;
            }
            let answer = signing::collect_signing(&signing_id).await;
            if !self.alive(flow) {
                return;
            }
            match answer {
                Ok(collected) => {
                    network_errors = 0;
                    match collected.status {
                        LoginStatus::Pending => {
                            if self.status.get_untracked().as_ref() != Some(&collected.message) {
                                self.status.set(Some(collected.message));
                            }
                        }
                        LoginStatus::Failed => {
                            self.next_generation();
                            self.status.set(None);
                            self.stop(Some(Failure::Sign(collected.message)));
                            return;
                        }
                        LoginStatus::Complete => {
                            self.next_generation();
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
                        self.next_generation();
                        self.stop(Some(Failure::Network));
                        return;
                    }
                }
                Err(error) => {
                    leptos::logging::warn!("collect failed: {error}");
                    self.next_generation();
                    self.stop(Some(Failure::from_error(&error)));
                    return;
                }
            }
        }
    }

    /// Stops waiting for BankID and cancels the order.
    fn cancel(self) {
        let Phase::Signing(started) = self.phase.get_untracked() else {
            return;
        };
        self.next_generation();
        self.status.set(None);
        self.stop(None);
        spawn_local(async move {
            if let Err(error) = signing::cancel_signing(&started.signing_id).await {
                leptos::logging::warn!("cancelling the signing failed: {error}");
            }
        });
    }
}

/// The profile as the shared prefill rules read it.
fn profile_values(profile: &ProfileResponse) -> ProfileValues {
    ProfileValues {
        email: profile.email.clone(),
        phone: profile.phone.clone(),
        postal_address: profile
            .postal_address
            .as_ref()
            .map(|address| eservice::PostalAddress {
                street: address.street.clone(),
                postal_code: address.postal_code.clone(),
                city: address.city.clone(),
            }),
        given_name: Some(profile.given_name.clone()),
        surname: Some(profile.surname.clone()),
    }
}

/// The answer of the first visible field bound to this profile value.
fn bound_answer(
    definition: &eservice::EServiceDefinition,
    answers: &eservice::Answers,
    binding: ProfileBinding,
) -> Option<Value> {
    eservice::visible_fields(definition, answers)
        .into_iter()
        .find(|field| field.prefill == Some(binding))
        .and_then(|field| answers.get(&field.id).cloned())
}

/// The review page's content.
#[component]
fn Review() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let navigate = use_navigate();
    let Some(definition) = ctx.definition.get_untracked() else {
        return ().into_any();
    };
    let total = definition.steps().len() + 1;
    let settings = definition.settings().clone();

    let step_of = move || {
        t().step_of
            .replace("{n}", &total.to_string())
            .replace("{total}", &total.to_string())
    };
    {
        let definition = definition.clone();
        Effect::new(move |_| {
            let eservice = definition.title().get(def_lang(lang.get())).to_owned();
            set_document_title(&format!("{}: {} – {eservice}", step_of(), t().review_title));
        });
    }

    let flow = Flow {
        ctx,
        phase: RwSignal::new(Phase::Idle),
        failure: RwSignal::new(None),
        status: RwSignal::new(None),
        key: StoredValue::new(None),
        generation: StoredValue::new(0),
        qr_frame: RwSignal::new(0),
        done: RwSignal::new(false),
        update_profile: RwSignal::new(false),
        profile: RwSignal::new(None),
    };

    // Everything is checked on arrival; the summary lists what is left to fix.
    {
        let definition = definition.clone();
        let errors: Vec<ShownError> = ctx.answers.with_untracked(|answers| {
            eservice::validate(&definition, answers, Scope::All, local_time::today())
                .iter()
                .map(ShownError::from_answer)
                .collect()
        });
        ctx.errors.set(errors);
    }

    // The server is the authority: ask it too, and show its answer the same way.
    spawn_local(async move {
        if !ctx.save_now().await {
            return;
        }
        let id = ctx.case_id.get_untracked();
        match cases::validate_draft(&id, None).await {
            Ok(answer) => {
                let errors: Vec<ShownError> =
                    answer.errors.iter().map(ShownError::from_field).collect();
                if ctx.errors.try_with_untracked(|shown| *shown != errors) == Some(true) {
                    let _ = ctx.errors.try_set(errors);
                }
            }
            Err(error) => leptos::logging::warn!("POST validate failed: {error}"),
        }
    });

    // The profile, to offer saving changed contact details in it.
    let needs_profile = definition.fields().any(|field| field.prefill.is_some());
    if needs_profile {
        spawn_local(async move {
            match profile::get_profile().await {
                Ok(profile) => {
                    let _ = flow.profile.try_set(Some(profile));
                }
                Err(error) => leptos::logging::warn!("GET /api/v1/profile failed: {error}"),
            }
        });
    }

    Effect::new(move |_| {
        if flow.done.get() {
            navigate(
                &ctx.url("kvitto"),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });

    // Leaving the page while BankID waits cancels the order.
    on_cleanup(move || {
        if let Some(Phase::Signing(started)) = flow.phase.try_get_untracked() {
            spawn_local(async move {
                let _ = signing::cancel_signing(&started.signing_id).await;
            });
        }
    });

    let summary_items = {
        let definition = definition.clone();
        Signal::derive(move || {
            ctx.errors.with(|errors| {
                errors
                    .iter()
                    .map(|error| {
                        let step = definition
                            .steps()
                            .iter()
                            .position(|step| step.fields.iter().any(|f| f.id == error.field));
                        let href = match step {
                            Some(index) => {
                                format!("{}?falt={}", ctx.step_url(index + 1), error.field)
                            }
                            None => "#review-answers".to_owned(),
                        };
                        SummaryItem {
                            target: None,
                            href,
                            sv: error.sv.clone(),
                            en: error.en.clone(),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    let differences = {
        let definition = definition.clone();
        Memo::new(move |_| {
            let Some(profile) = flow.profile.get() else {
                return Vec::new();
            };
            ctx.answers.with(|answers| {
                eservice::profile_differences(&definition, answers, &profile_values(&profile))
                    .into_iter()
                    .filter(|binding| {
                        matches!(
                            binding,
                            ProfileBinding::Email
                                | ProfileBinding::Phone
                                | ProfileBinding::PostalAddress
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    let profile_section = {
        let definition = definition.clone();
        move || {
            let list = differences.get();
            if list.is_empty() {
                return None;
            }
            let lang_now = lang.get();
            let answers = ctx.answers.get_untracked();
            let items = list
                .into_iter()
                .map(|binding| {
                    let name = match binding {
                        ProfileBinding::Email => t().binding_email,
                        ProfileBinding::Phone => t().binding_phone,
                        ProfileBinding::PostalAddress => t().binding_address,
                        _ => t().binding_name,
                    };
                    let value = definition
                        .fields()
                        .find(|f| f.prefill == Some(binding))
                        .and_then(|field| {
                            bound_answer(&definition, &answers, binding)
                                .map(|v| answer_lines(field, &v, &[], lang_now).join(", "))
                        })
                        .unwrap_or_default();
                    view! {
                        <li>
                            <span class="profile-diff__name">{format!("{name}: ")}</span>
                            {value}
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <section aria-labelledby="profile-diff-heading" class="review-section profile-diff">
                    <h2 id="profile-diff-heading" class="ds-heading" data-size="sm">
                        {move || t().profile_heading}
                    </h2>
                    <p class="ds-paragraph">{move || t().profile_intro}</p>
                    <ul class="ds-list">{items}</ul>
                    <div class="ds-field form-choice">
                        <input
                            class="ds-input"
                            type="checkbox"
                            id="update-profile"
                            prop:checked=move || flow.update_profile.get()
                            on:change=move |ev| flow.update_profile.set(event_target_checked(&ev))
                        />
                        <label class="ds-label" data-weight="regular" for="update-profile">
                            {move || t().profile_update}
                        </label>
                    </div>
                </section>
            })
        }
    };

    let cosigners = settings.cosigners.is_some();
    let signature = settings.signature_required;
    let working = move || flow.phase.with(|p| *p == Phase::Working);
    let idle = move || {
        flow.phase
            .with(|p| *p == Phase::Idle || *p == Phase::Working)
    };

    let sign_heading = NodeRef::<H2>::new();
    Effect::new(move |_| {
        if let Some(heading) = sign_heading.get() {
            let _ = heading.focus();
        }
    });

    let controls = move || {
        if cosigners {
            return view! {
                <div class="ds-alert page-alert" data-color="warning">
                    <p class="ds-paragraph">{move || t().cosigning_unavailable}</p>
                </div>
            }
            .into_any();
        }
        if !idle() {
            return ().into_any();
        }
        let busy = move || working().then_some("true");
        if signature {
            view! {
                <p class="ds-paragraph">{move || t().sign_intro}</p>
                <div class="button-row submit-buttons">
                    <button
                        type="button"
                        class="ds-button"
                        data-variant="primary"
                        aria-disabled=busy
                        on:click=move |_| flow.start(Some(LoginDevice::OtherDevice))
                    >
                        {move || t().sign_other_device}
                    </button>
                    <button
                        type="button"
                        class="ds-button"
                        data-variant="secondary"
                        aria-disabled=busy
                        on:click=move |_| flow.start(Some(LoginDevice::ThisDevice))
                    >
                        {move || t().sign_this_device}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="button-row submit-buttons">
                    <button
                        type="button"
                        class="ds-button"
                        data-variant="primary"
                        aria-disabled=busy
                        on:click=move |_| flow.start(None)
                    >
                        {move || t().submit}
                    </button>
                </div>
            }
            .into_any()
        }
    };

    let signing_panel = move || {
        let Phase::Signing(started) = flow.phase.get() else {
            return None;
        };
        let qr = (started.device == LoginDevice::OtherDevice).then(|| {
            let id = started.signing_id.clone();
            view! {
                <img
                    class="login-qr__code sign-qr"
                    src=move || signing::signing_qr_url(&id, flow.qr_frame.get())
                    alt=move || t().sign_qr_alt
                    width="240"
                    height="240"
                />
            }
        });
        let open_app = started.autostart_url.clone().map(|url| {
            view! {
                <p class="ds-paragraph">
                    <a class="ds-button" data-variant="primary" href=url rel="external">
                        {move || t().sign_open_app}
                    </a>
                </p>
            }
        });
        let other = started.device == LoginDevice::OtherDevice;
        let text = started.signed_text.clone();
        Some(view! {
            <section class="sign-panel" aria-labelledby="sign-heading">
                <h2
                    id="sign-heading"
                    class="ds-heading"
                    data-size="sm"
                    tabindex="-1"
                    node_ref=sign_heading
                >
                    {move || if other { t().sign_qr_heading } else { t().sign_app_heading }}
                </h2>
                {qr}
                {open_app}
                <details class="ds-details sign-panel__text">
                    <summary>{move || t().sign_what}</summary>
                    <div class="sign-panel__signed">{text}</div>
                </details>
                <p class="ds-paragraph">
                    <button
                        type="button"
                        class="ds-button"
                        data-variant="secondary"
                        on:click=move |_| flow.cancel()
                    >
                        {move || t().sign_cancel}
                    </button>
                </p>
            </section>
        })
    };

    let failure_view = move || {
        flow.failure.get().map(|failure| {
            let heading = matches!(failure, Failure::Sign(_)).then(|| {
                view! {
                    <h2 class="ds-heading" data-size="xs">
                        {move || t().sign_failed_heading}
                    </h2>
                }
            });
            view! {
                <div class="ds-alert page-alert" data-color="danger">
                    {heading}
                    {move || {
                        failure
                            .lines(lang.get())
                            .into_iter()
                            .map(|line| view! { <p class="ds-paragraph">{line}</p> })
                            .collect_view()
                    }}
                </div>
            }
        })
    };

    let status_text = move || {
        if let Some(message) = flow.status.get() {
            return lang.get().pick(message.sv, message.en);
        }
        match flow.phase.get() {
            Phase::Working => t().submitting.to_owned(),
            _ => String::new(),
        }
    };

    let heading = Signal::derive(move || t().review_title.to_owned());
    view! {
        <FormCaption />
        <Progress current=total />
        {move || {
            (!summary_items.with(Vec::is_empty))
                .then(|| {
                    view! {
                        <ErrorSummary
                            items=summary_items
                            heading=Signal::derive(move || t().error_summary_heading.to_owned())
                        />
                    }
                })
        }}
        <p class="ds-paragraph form-step-count" data-size="sm">
            {step_of}
        </p>
        <FormHeading text=heading focus_instead=None />
        <ProblemAlert />
        <p class="ds-paragraph">{move || t().review_intro}</p>
        <div id="review-answers" class="review-answers">
            <AnswerList editable=true />
        </div>
        {profile_section}
        <section aria-labelledby="submit-heading" class="review-section submit-section">
            <h2 id="submit-heading" class="ds-heading" data-size="sm">
                {move || t().submit_heading}
            </h2>
            <div role="alert" class="submit-section__failure">
                {failure_view}
            </div>
            {controls}
            {signing_panel}
            <p class="ds-paragraph submit-section__status" role="status">
                {status_text}
            </p>
        </section>
        <p class="ds-paragraph">
            <a class="ds-link" href=ctx.step_url(total - 1)>
                {move || t().back}
            </a>
        </p>
    }
    .into_any()
}
