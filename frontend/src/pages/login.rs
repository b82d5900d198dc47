//! `/logga-in`: logging in with BankID, on this device (the app opens with the autostart link)
//! or on another device (the animated QR code). Never asks for a personal number: BankID's
//! "secure start" forbids it.
//!
//! The flow: choose a device, `POST /api/v1/auth/bankid`, then poll `collect` every
//! `poll_interval_ms` and show BankID's recommended message in a polite status region. On
//! `complete` the server has set the HttpOnly session cookie: the app keeps the user and the
//! expiry and goes to `/mina-sidor`. On `failed` the message shows in an alert with "Try again".
//! Leaving the page stops the polling and the QR timer and cancels a login still waiting.

use std::time::Duration;

use api_types::{LoginDevice, LoginStatus, UserMessage};
use leptos::html::H2;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::auth;
use crate::api::{ApiError, Stamped};
use crate::i18n::{Lang, use_lang};
use crate::page::{ExternalLink, PageHeading};
use crate::session::{self, AuthState, EndReason, use_session};
use crate::time;

/// Where a completed login goes.
const AFTER_LOGIN: &str = "/mina-sidor";

/// Where a completed login goes when the login page was opened with `?tillbaka=<path>`: only an
/// e-service's start page in this app (never another site), else [`AFTER_LOGIN`].
fn return_path(tillbaka: Option<&str>) -> &str {
    match tillbaka {
        Some(path)
            if path.strip_prefix("/e-tjanster/").is_some_and(|slug| {
                !slug.is_empty()
                    && slug
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            }) =>
        {
            path
        }
        _ => AFTER_LOGIN,
    }
}

/// Network errors in a row while polling before the login is given up.
const MAX_POLL_NETWORK_ERRORS: u32 = 5;

struct Texts {
    title: &'static str,
    intro: &'static str,
    choice_heading: &'static str,
    this_device: &'static str,
    this_device_hint: &'static str,
    other_device: &'static str,
    other_device_hint: &'static str,
    starting: &'static str,
    qr_heading: &'static str,
    qr_steps: [&'static str; 4],
    qr_alt: &'static str,
    app_heading: &'static str,
    app_body: &'static str,
    open_app: &'static str,
    app_help: &'static str,
    resumed_heading: &'static str,
    cancel: &'static str,
    failed_heading: &'static str,
    try_again: &'static str,
    other_way: &'static str,
    network_error: &'static str,
    unexpected_error: &'static str,
    /// `{seconds}` is replaced by the number of seconds.
    rate_limited_seconds: &'static str,
    rate_limited: &'static str,
    already_heading: &'static str,
    /// `{name}` is replaced by the user's name.
    already_body: &'static str,
    already_link: &'static str,
    reason_logged_out: &'static str,
    reason_inactive: &'static str,
    reason_expired: &'static str,
    reason_ended: &'static str,
    reason_login_required: &'static str,
    need_heading: &'static str,
    need_body: &'static str,
    get_bankid: &'static str,
    safety_heading: &'static str,
    safety_body: &'static str,
}

const SV: Texts = Texts {
    title: "Logga in",
    intro: "Du loggar in på Mina sidor med BankID.",
    choice_heading: "Var har du ditt BankID?",
    this_device: "BankID på den här enheten",
    this_device_hint: "BankID-appen öppnas på den dator, mobil eller surfplatta som du använder nu.",
    other_device: "BankID på en annan enhet",
    other_device_hint: "Till exempel Mobilt BankID i din telefon. Du skannar en QR-kod med BankID-appen.",
    starting: "Startar BankID …",
    qr_heading: "Skanna QR-koden med BankID-appen",
    qr_steps: [
        "Öppna BankID-appen i din mobil eller surfplatta.",
        "Tryck på QR-symbolen i appen.",
        "Rikta kameran mot QR-koden på den här sidan.",
        "Legitimera dig i appen.",
    ],
    qr_alt: "QR-kod för BankID. Skanna med BankID-appen.",
    app_heading: "Öppna BankID-appen",
    app_body: "Öppna BankID-appen på den här enheten och legitimera dig. Kom sedan tillbaka hit, så loggas du in.",
    open_app: "Öppna BankID-appen",
    app_help: "Öppnas inte appen? Kontrollera att BankID-appen finns på enheten. Du kan också avbryta och välja BankID på en annan enhet.",
    resumed_heading: "Kontrollerar inloggningen med BankID",
    cancel: "Avbryt",
    failed_heading: "Du är inte inloggad",
    try_again: "Försök igen",
    other_way: "Välj ett annat sätt",
    network_error: "Det gick inte att få kontakt med Mina sidor. Kontrollera din internetanslutning och försök igen.",
    unexpected_error: "Något gick fel. Försök igen.",
    rate_limited_seconds: "Du har försökt logga in många gånger på kort tid. Vänta {seconds} sekunder och försök igen.",
    rate_limited: "Du har försökt logga in många gånger på kort tid. Vänta en stund och försök igen.",
    already_heading: "Du är redan inloggad",
    already_body: "Du är inloggad som {name}.",
    already_link: "Gå till Mina sidor",
    reason_logged_out: "Du är utloggad.",
    reason_inactive: "Du har loggats ut eftersom du varit inaktiv i 30 minuter.",
    reason_expired: "Du har loggats ut eftersom du har varit inloggad så länge som det är tillåtet. Logga in igen för att fortsätta.",
    reason_ended: "Din inloggning har avslutats. Logga in igen för att fortsätta.",
    reason_login_required: "Du behöver logga in för att se den sidan.",
    need_heading: "Det här behöver du",
    need_body: "Du behöver ett BankID på din mobil, surfplatta eller dator. BankID skaffar du via din bank.",
    get_bankid: "Läs om hur du skaffar BankID på bankid.com",
    safety_heading: "Tänk på säkerheten",
    safety_body: "Använd bara BankID när du själv har börjat logga in på Mina sidor. Om någon ringer dig och ber dig att öppna BankID ska du aldrig göra det. Kommunen ber dig aldrig om din säkerhetskod.",
};

const EN: Texts = Texts {
    title: "Log in",
    intro: "You log in to Mina sidor with BankID.",
    choice_heading: "Where is your BankID?",
    this_device: "BankID on this device",
    this_device_hint: "The BankID app opens on the computer, phone or tablet that you are using now.",
    other_device: "BankID on another device",
    other_device_hint: "For example Mobile BankID on your phone. You scan a QR code with the BankID app.",
    starting: "Starting BankID …",
    qr_heading: "Scan the QR code with the BankID app",
    qr_steps: [
        "Open the BankID app on your phone or tablet.",
        "Tap the QR symbol in the app.",
        "Point the camera at the QR code on this page.",
        "Identify yourself in the app.",
    ],
    qr_alt: "QR code for BankID. Scan it with the BankID app.",
    app_heading: "Open the BankID app",
    app_body: "Open the BankID app on this device and identify yourself. Then come back here and you will be logged in.",
    open_app: "Open the BankID app",
    app_help: "Does the app not open? Check that the BankID app is installed on this device. You can also cancel and choose BankID on another device.",
    resumed_heading: "Checking your login with BankID",
    cancel: "Cancel",
    failed_heading: "You are not logged in",
    try_again: "Try again",
    other_way: "Choose another way",
    network_error: "Mina sidor could not be reached. Check your internet connection and try again.",
    unexpected_error: "Something went wrong. Please try again.",
    rate_limited_seconds: "You have tried to log in many times in a short while. Wait {seconds} seconds and try again.",
    rate_limited: "You have tried to log in many times in a short while. Wait a moment and try again.",
    already_heading: "You are already logged in",
    already_body: "You are logged in as {name}.",
    already_link: "Go to Mina sidor",
    reason_logged_out: "You are logged out.",
    reason_inactive: "You have been logged out because you were inactive for 30 minutes.",
    reason_expired: "You have been logged out because you were logged in for as long as is allowed. Log in again to continue.",
    reason_ended: "Your login has ended. Log in again to continue.",
    reason_login_required: "You need to log in to see that page.",
    need_heading: "What you need",
    need_body: "You need BankID on your phone, tablet or computer. You get BankID from your bank.",
    get_bankid: "Read how to get BankID at bankid.com",
    safety_heading: "Stay safe",
    safety_body: "Only use BankID when you yourself have started to log in to Mina sidor. If someone calls you and asks you to open BankID, never do it. The municipality never asks for your security code.",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

impl Texts {
    fn reason(&self, reason: EndReason) -> &'static str {
        match reason {
            EndReason::LoggedOut => self.reason_logged_out,
            EndReason::Inactive => self.reason_inactive,
            EndReason::Expired => self.reason_expired,
            EndReason::Ended => self.reason_ended,
            EndReason::LoginRequired => self.reason_login_required,
        }
    }
}

/// A started login that waits for the user.
#[derive(Debug, Clone, PartialEq)]
struct Started {
    device: LoginDevice,
    login_id: String,
    autostart_url: Option<String>,
}

/// Why a login did not succeed.
#[derive(Debug, Clone, PartialEq)]
enum Failure {
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
    fn from_error(error: &ApiError) -> Failure {
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

    fn text(&self, lang: Lang) -> String {
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
enum Phase {
    /// Choosing this or another device.
    Choice,
    /// Waiting for the user in the BankID app.
    Waiting(Started),
    /// Failed; the device it was tried with.
    Failed(LoginDevice, Failure),
    /// Logged in; on the way to `/mina-sidor`.
    Done,
}

/// The login page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();

    let phase = RwSignal::new(Phase::Choice);
    // BankID's latest message while waiting; only changed when it changes, so that the status
    // region does not repeat it.
    let status = RwSignal::new(None::<UserMessage>);
    // Whether the BankID app has picked the order up (the QR code has been scanned): then the
    // code is no longer needed and stops.
    let picked_up = RwSignal::new(false);
    let starting = RwSignal::new(None::<LoginDevice>);
    // Each flow gets a number; a flow whose number is no longer current stops.
    let generation = StoredValue::new(0_u64);
    // Whether the next panel takes focus when it appears (not on the first render).
    let move_focus = StoredValue::new(false);

    let alive = move |flow: u64| generation.try_get_value() == Some(flow);
    let next_flow = move || {
        generation.update_value(|g| *g += 1);
        generation.get_value()
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

    let poll = move |flow: u64, started: Started, interval_ms: u32| async move {
        let mut network_errors = 0;
        loop {
            let answer = auth::collect_login(&started.login_id).await;
            if !alive(flow) {
                return;
            }
            match answer {
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
                            if !waiting_for_app && !picked_up.get_untracked() {
                                picked_up.set(true);
                            }
                            if status.get_untracked().as_ref() != Some(&value.message) {
                                status.set(Some(value.message));
                            }
                        }
                        (LoginStatus::Complete, Some(new_session)) => {
                            let stamped = Stamped {
                                value: new_session,
                                sent_at,
                                server_date,
                            };
                            session::logged_in(session, &stamped);
                            phase.set(Phase::Done);
                            return;
                        }
                        (LoginStatus::Complete, None) => {
                            leptos::logging::warn!("login complete without a session");
                            move_focus.set_value(true);
                            phase.set(Phase::Failed(started.device, Failure::Unexpected));
                            return;
                        }
                        (LoginStatus::Failed, _) => {
                            move_focus.set_value(true);
                            phase.set(Phase::Failed(
                                started.device,
                                Failure::Message(value.message),
                            ));
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
                    move_focus.set_value(true);
                    phase.set(Phase::Failed(started.device, Failure::from_error(&error)));
                    return;
                }
            }
            time::sleep(interval_ms).await;
            if !alive(flow) {
                return;
            }
        }
    };

    let start = move |device: LoginDevice| {
        if starting.get_untracked().is_some() {
            return;
        }
        starting.set(Some(device));
        let flow = next_flow();
        spawn_local(async move {
            let answer = auth::start_login(device).await;
            if !alive(flow) {
                // The page was left meanwhile: the login is not wanted.
                if let Ok(answer) = answer {
                    let _ = auth::cancel_login(&answer.login_id).await;
                }
                return;
            }
            starting.set(None);
            move_focus.set_value(true);
            match answer {
                Ok(answer) => {
                    let started = Started {
                        device,
                        login_id: answer.login_id,
                        autostart_url: answer.autostart_url,
                    };
                    status.set(None);
                    picked_up.set(false);
                    phase.set(Phase::Waiting(started.clone()));
                    poll(flow, started, answer.poll_interval_ms.max(1000)).await;
                }
                Err(error) => {
                    leptos::logging::warn!("starting the login failed: {error}");
                    phase.set(Phase::Failed(device, Failure::from_error(&error)));
                }
            }
        });
    };

    let cancel = move || {
        let current = phase.get_untracked();
        next_flow();
        move_focus.set_value(true);
        phase.set(Phase::Choice);
        if let Phase::Waiting(started) = current {
            spawn_local(async move {
                if let Err(error) = auth::cancel_login(&started.login_id).await {
                    leptos::logging::warn!("cancelling the login failed: {error}");
                }
            });
        }
    };

    let back_to_choice = move || {
        next_flow();
        move_focus.set_value(true);
        phase.set(Phase::Choice);
    };

    // Back from the BankID app on this device (its return address is
    // `/logga-in?login=<id>&nonce=<nonce>`): carry on with that login. The address is replaced
    // so that the login's id does not stay in the history.
    if let Some(login_id) = query.with_untracked(|query| query.get("login"))
        && !login_id.is_empty()
    {
        let flow = next_flow();
        let started = Started {
            device: LoginDevice::ThisDevice,
            login_id,
            autostart_url: None,
        };
        phase.set(Phase::Waiting(started.clone()));
        spawn_local(poll(flow, started, 2000));
        replace_url.set(true);
    }

    // Leaving the page: stop polling, and cancel a login still waiting for the user.
    on_cleanup(move || {
        if let Some(Phase::Waiting(started)) = phase.try_get_untracked() {
            spawn_local(async move {
                let _ = auth::cancel_login(&started.login_id).await;
            });
        }
        generation.update_value(|g| *g += 1);
    });

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
                cancel=Callback::new(move |()| cancel())
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

/// A panel's `<h2>`, which takes focus when the panel replaced another one (so keyboard and
/// screen reader users continue from it instead of from the top of the page).
#[component]
fn PanelHeading(
    id: &'static str,
    text: Signal<&'static str>,
    focus: StoredValue<bool>,
) -> impl IntoView {
    let heading = NodeRef::<H2>::new();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        match heading.get() {
            Some(h2) => {
                if focus.try_get_value() == Some(true) {
                    focus.set_value(false);
                    let _ = h2.focus();
                }
                true
            }
            None => false,
        }
    });
    view! {
        <h2 id=id class="ds-heading login-panel__heading" data-size="sm" tabindex="-1" node_ref=heading>
            {text}
        </h2>
    }
}

/// Picks one of the texts.
type TextOf = fn(&Texts) -> &'static str;

/// The choice between this and another device, with the reason for an earlier logout.
#[component]
fn ChoicePanel(
    start: Callback<LoginDevice>,
    starting: RwSignal<Option<LoginDevice>>,
    focus: StoredValue<bool>,
    reason: Signal<Option<EndReason>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let busy = move || starting.get().is_some();
    let choice = move |device: LoginDevice, id: &'static str| {
        let (label, hint): (TextOf, TextOf) = match device {
            LoginDevice::ThisDevice => (|t| t.this_device, |t| t.this_device_hint),
            LoginDevice::OtherDevice => (|t| t.other_device, |t| t.other_device_hint),
        };
        view! {
            <li class="login-choice">
                <button
                    type="button"
                    class="ds-button login-choice__button"
                    data-variant="primary"
                    aria-describedby=id
                    aria-disabled=move || busy().then_some("true")
                    on:click=move |_| {
                        if !busy() {
                            start.run(device);
                        }
                    }
                >
                    {move || label(t())}
                </button>
                <p id=id class="ds-paragraph login-choice__hint" data-size="sm">
                    {move || hint(t())}
                </p>
            </li>
        }
    };
    view! {
        {move || {
            reason
                .get()
                .map(|reason| {
                    let color = match reason {
                        EndReason::LoggedOut => "success",
                        EndReason::LoginRequired => "info",
                        _ => "warning",
                    };
                    view! {
                        <div class="ds-alert page-alert login-reason" data-color=color>
                            <p class="ds-paragraph">{move || t().reason(reason)}</p>
                        </div>
                    }
                })
        }}
        <p class="ds-paragraph lead" data-size="lg">
            {move || t().intro}
        </p>
        <section aria-labelledby="login-choice-heading" class="login-panel">
            <PanelHeading
                id="login-choice-heading"
                text=Signal::derive(move || t().choice_heading)
                focus=focus
            />
            <ul class="login-choices">
                {choice(LoginDevice::ThisDevice, "login-this-device-hint")}
                {choice(LoginDevice::OtherDevice, "login-other-device-hint")}
            </ul>
            <p role="status" class="ds-paragraph login-status">
                {move || busy().then(|| t().starting)}
            </p>
        </section>
        <section aria-labelledby="what-you-need">
            <h2 id="what-you-need" class="ds-heading" data-size="xs">
                {move || t().need_heading}
            </h2>
            <p class="ds-paragraph">{move || t().need_body}</p>
            <p class="ds-paragraph">
                <ExternalLink href="https://www.bankid.com/">{move || t().get_bankid}</ExternalLink>
            </p>
        </section>
    }
}

/// Waiting for the user: the QR code or the link that opens the app, BankID's message and
/// "Cancel".
#[component]
fn WaitingPanel(
    started: Started,
    status: RwSignal<Option<UserMessage>>,
    picked_up: RwSignal<bool>,
    cancel: Callback<()>,
    focus: StoredValue<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let message = move || {
        status.with(|message| {
            message
                .as_ref()
                .map(|message| lang.get().pick(&message.sv, &message.en).clone())
        })
    };

    let body = match (started.device, started.autostart_url) {
        (LoginDevice::ThisDevice, None) => view! {
            <PanelHeading
                id="login-waiting-heading"
                text=Signal::derive(move || t().resumed_heading)
                focus=focus
            />
        }
        .into_any(),
        (LoginDevice::OtherDevice, _) => view! {
            <PanelHeading
                id="login-waiting-heading"
                text=Signal::derive(move || t().qr_heading)
                focus=focus
            />
            <div class="login-qr">
                <ol class="ds-list login-qr__steps">
                    {move || t().qr_steps.map(|step| view! { <li>{step}</li> }).collect_view()}
                </ol>
                <Show when=move || !picked_up.get()>
                    <QrCode login_id=started.login_id.clone() />
                </Show>
            </div>
        }
        .into_any(),
        (LoginDevice::ThisDevice, Some(url)) => view! {
            <PanelHeading
                id="login-waiting-heading"
                text=Signal::derive(move || t().app_heading)
                focus=focus
            />
            <p class="ds-paragraph">{move || t().app_body}</p>
            <p class="login-open-app">
                // A plain link: the browser hands `bankid:` to the app and this page stays.
                <a class="ds-button" data-variant="primary" href=url rel="external">
                    {move || t().open_app}
                </a>
            </p>
            <p class="ds-paragraph" data-size="sm">
                {move || t().app_help}
            </p>
        }
        .into_any(),
    };

    view! {
        <section aria-labelledby="login-waiting-heading" class="login-panel">
            {body}
            <div role="status" aria-live="polite" class="login-status">
                {move || message().map(|text| view! { <p class="ds-paragraph">{text}</p> })}
            </div>
            <p>
                <button
                    type="button"
                    class="ds-button"
                    data-variant="secondary"
                    on:click=move |_| cancel.run(())
                >
                    {move || t().cancel}
                </button>
            </p>
        </section>
    }
}

/// The animated QR code: a new frame from the server every second (the secret that makes the
/// frames never reaches the browser).
#[component]
fn QrCode(login_id: String) -> impl IntoView {
    let lang = use_lang();
    let frame = RwSignal::new(0_u32);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let _ = frame.try_update(|frame| *frame = frame.wrapping_add(1));
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let src = move || auth::qr_image_url(&login_id, frame.get());
    view! {
        <img
            class="login-qr__code"
            src=src
            alt=move || texts(lang.get()).qr_alt
            width="240"
            height="240"
        />
    }
}

/// The login failed: why, "Try again" and "Choose another way".
#[component]
fn FailedPanel(
    failure: Failure,
    try_again: Callback<()>,
    other_way: Callback<()>,
    starting: RwSignal<Option<LoginDevice>>,
    focus: StoredValue<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let busy = move || starting.get().is_some();
    view! {
        <section aria-labelledby="login-failed-heading" class="login-panel">
            <PanelHeading
                id="login-failed-heading"
                text=Signal::derive(move || t().failed_heading)
                focus=focus
            />
            <div class="ds-alert page-alert" data-color="danger" role="alert">
                <p class="ds-paragraph">{move || failure.text(lang.get())}</p>
            </div>
            <div class="button-row">
                <button
                    type="button"
                    class="ds-button"
                    data-variant="primary"
                    aria-disabled=move || busy().then_some("true")
                    on:click=move |_| {
                        if !busy() {
                            try_again.run(());
                        }
                    }
                >
                    {move || t().try_again}
                </button>
                <button
                    type="button"
                    class="ds-button"
                    data-variant="secondary"
                    on:click=move |_| other_way.run(())
                >
                    {move || t().other_way}
                </button>
            </div>
            <p role="status" class="ds-paragraph login-status">
                {move || busy().then(|| t().starting)}
            </p>
        </section>
    }
}

/// Someone is already logged in: no second login, a link to their page instead.
#[component]
fn AlreadyLoggedIn(name: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    view! {
        <div class="ds-alert page-alert" data-color="info">
            <h2 class="ds-heading" data-size="xs">
                {move || t().already_heading}
            </h2>
            <p class="ds-paragraph">{move || t().already_body.replace("{name}", &name)}</p>
            <p class="ds-paragraph">
                <A href=AFTER_LOGIN attr:class="ds-link">
                    {move || t().already_link}
                </A>
            </p>
        </div>
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

    #[test]
    fn every_logout_reason_has_a_text_in_both_languages() {
        for reason in EndReason::ALL {
            assert!(!SV.reason(reason).is_empty());
            assert!(!EN.reason(reason).is_empty());
            assert_ne!(SV.reason(reason), EN.reason(reason));
        }
    }

    #[test]
    fn only_an_e_service_page_of_this_app_is_a_return_path() {
        assert_eq!(
            return_path(Some("/e-tjanster/felanmalan-gata-park")),
            "/e-tjanster/felanmalan-gata-park"
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
        ] {
            assert_eq!(return_path(bad), AFTER_LOGIN, "{bad:?}");
        }
    }
}
