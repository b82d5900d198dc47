//! The review page's submit section: the buttons (submit, or sign on this or another device),
//! the BankID panel while signing, and why submitting stopped.

use std::time::Duration;

use api_types::LoginDevice;
use leptos::html::H2;
use leptos::prelude::*;

use super::flow::{Flow, Phase, Started};
use crate::api::signing;
use crate::forms_i18n::FormTexts;
use crate::i18n::use_lang;

/// "Submit", or "Sign" on another device or this one; a warning instead when the e-service needs
/// cosigners, which are not available.
#[component]
pub(super) fn SubmitControls(
    flow: Flow,
    attempts: Action<Option<LoginDevice>, ()>,
    cosigners: bool,
    signature: bool,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let working = move || flow.phase.with(|p| *p == Phase::Working);
    let idle = move || {
        flow.phase
            .with(|p| *p == Phase::Idle || *p == Phase::Working)
    };
    move || {
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
                        on:click=move |_| flow.start(attempts, Some(LoginDevice::OtherDevice))
                    >
                        {move || t().sign_other_device}
                    </button>
                    <button
                        type="button"
                        class="ds-button"
                        data-variant="secondary"
                        aria-disabled=busy
                        on:click=move |_| flow.start(attempts, Some(LoginDevice::ThisDevice))
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
                        on:click=move |_| flow.start(attempts, None)
                    >
                        {move || t().submit}
                    </button>
                </div>
            }
            .into_any()
        }
    }
}

/// While BankID waits: the QR code or the link that opens the app, what is being signed, and
/// "Cancel". Its heading takes focus when it appears.
#[component]
pub(super) fn SigningPanel(flow: Flow) -> impl IntoView {
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let sign_heading = NodeRef::<H2>::new();
    Effect::new(move |_| {
        if let Some(heading) = sign_heading.get() {
            let _ = heading.focus();
        }
    });
    move || {
        let Phase::Signing(started) = flow.phase.get() else {
            return None;
        };
        let Started {
            signing_id,
            device,
            autostart_url,
            signed_text,
        } = started;
        let other = device == LoginDevice::OtherDevice;
        let qr = other.then(|| view! { <SigningQr signing_id=signing_id /> });
        let open_app = autostart_url.map(|url| {
            view! {
                <p class="ds-paragraph">
                    <a class="ds-button" data-variant="primary" href=url rel="external">
                        {move || t().sign_open_app}
                    </a>
                </p>
            }
        });
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
                    <div class="sign-panel__signed">{signed_text}</div>
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
    }
}

/// The signing's animated QR code: a new frame from the server every second, for as long as it
/// is shown.
#[component]
fn SigningQr(signing_id: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let frame = RwSignal::new(0_u32);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let _ = frame.try_update(|frame| *frame = frame.wrapping_add(1));
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <img
            class="login-qr__code sign-qr"
            src=move || signing::signing_qr_url(&signing_id, frame.get())
            alt=move || t().sign_qr_alt
            width="240"
            height="240"
        />
    }
}

/// Why submitting stopped, in a danger alert (with a heading when BankID said no).
#[component]
pub(super) fn FailureAlert(flow: Flow) -> impl IntoView {
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    move || {
        flow.failure.get().map(|failure| {
            let heading = matches!(failure, super::flow::Failure::Sign(_)).then(|| {
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
    }
}
