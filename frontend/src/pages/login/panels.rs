//! The login page's panels: the choice of device, waiting for BankID (QR code or the link that
//! opens the app), a failed login, and "already logged in". Each panel's heading takes focus when
//! it replaced another panel.

use std::time::Duration;

use api_types::{LoginDevice, UserMessage};
use leptos::html::H2;
use leptos::prelude::*;
use leptos_router::components::A;

use super::AFTER_LOGIN;
use super::flow::{Failure, Started};
use super::texts::{Texts, texts};
use crate::api::auth;
use crate::i18n::use_lang;
use crate::page::ExternalLink;
use crate::session::EndReason;

/// A panel's `<h2>`, which takes focus when the panel replaced another one (so keyboard and
/// screen reader users continue from it instead of from the top of the page).
#[component]
pub(super) fn PanelHeading(
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
pub(super) fn ChoicePanel(
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
pub(super) fn WaitingPanel(
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

/// The login failed: why, "Try again" and "Choose another way". After too many attempts the
/// wait counts down on screen (announced when it starts and when ten seconds are left, not every
/// second) and the login starts again by itself when it is over.
#[component]
pub(super) fn FailedPanel(
    failure: Failure,
    try_again: Callback<()>,
    other_way: Callback<()>,
    starting: RwSignal<Option<LoginDevice>>,
    focus: StoredValue<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let wait = match failure {
        Failure::RateLimited(Some(seconds)) => seconds,
        _ => 0,
    };
    let remaining = RwSignal::new(wait);
    if wait > 0
        && let Ok(handle) = set_interval_with_handle(
            move || {
                let left = remaining.get_untracked();
                if left == 0 {
                    return;
                }
                let _ = remaining.try_set(left - 1);
                if left == 1 && starting.get_untracked().is_none() {
                    try_again.run(());
                }
            },
            Duration::from_secs(1),
        )
    {
        on_cleanup(move || handle.clear());
    }
    let counting = move || remaining.get() > 0;
    let busy = move || starting.get().is_some() || counting();
    let message = move || {
        let l = lang.get();
        if wait == 0 {
            return failure.text(l);
        }
        l.pick(
            "Du har försökt logga in många gånger på kort tid. Inloggningen startar igen av sig själv om en liten stund.",
            "You have tried to log in many times in a short while. The login starts again by itself in a moment.",
        )
        .to_owned()
    };
    // The polite announcement: at the start and with ten seconds left.
    let announced = Memo::new(move |_| {
        let left = remaining.get();
        if wait == 0 || left == 0 {
            None
        } else if left == wait || left == 10 {
            Some(left)
        } else if left > 10 {
            Some(wait)
        } else {
            Some(10)
        }
    });
    view! {
        <section aria-labelledby="login-failed-heading" class="login-panel">
            <PanelHeading
                id="login-failed-heading"
                text=Signal::derive(move || t().failed_heading)
                focus=focus
            />
            <div class="ds-alert page-alert" data-color="danger" role="alert">
                <p class="ds-paragraph">{message}</p>
            </div>
            {(wait > 0).then(|| view! {
                <p class="ds-paragraph login-countdown" aria-hidden="true">
                    {move || {
                        let left = remaining.get();
                        lang.get().pick(
                            format!("Försök igen om {left} s"),
                            format!("Try again in {left} s"),
                        )
                    }}
                </p>
                <p class="ds-sr-only" role="status">
                    {move || announced.get().map(|left| lang.get().pick(
                        format!("Inloggningen startar igen om {left} sekunder."),
                        format!("The login starts again in {left} seconds."),
                    ))}
                </p>
            })}
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
pub(super) fn AlreadyLoggedIn(name: String) -> impl IntoView {
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
