//! The warning before the session times out (WCAG 2.2.1 Timing Adjustable).
//!
//! The server ends a session after 30 minutes without requests. Two minutes before that, a modal
//! `alertdialog` asks whether to stay logged in; one action (the focused button, Enter or Escape)
//! extends the session, as often as needed. The countdown text changes every second, but screen
//! readers hear the dialog when it opens (focus moves into it) and a short note at one minute and
//! at 30 seconds, not every tick. At the end the app logs out and says why on the login page.

use std::time::Duration;

use leptos::html::{Button, Dialog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::auth;
use crate::i18n::{Lang, use_lang};
use crate::session::{self, EndReason, use_session};
use crate::time;

/// How long before the end the warning opens (WCAG asks for at least 20 seconds).
pub const WARN_BEFORE_MS: f64 = 120_000.0;

/// The countdowns at which screen readers hear how much time is left, in seconds.
const ANNOUNCE_AT_SECONDS: [f64; 2] = [60.0, 30.0];

struct Texts {
    title: &'static str,
    body_before: &'static str,
    body_after: &'static str,
    stay: &'static str,
    log_out: &'static str,
    limit_title: &'static str,
    limit_body_before: &'static str,
    limit_body_after: &'static str,
    limit_ok: &'static str,
    one_minute_left: &'static str,
    thirty_seconds_left: &'static str,
    refresh_failed: &'static str,
    logout_failed: &'static str,
}

const SV: Texts = Texts {
    title: "Du loggas snart ut",
    body_before: "Du har inte gjort något på Mina sidor på en stund. Av säkerhetsskäl loggas du ut om",
    body_after: "(minuter:sekunder) om du inte väljer att fortsätta.",
    stay: "Fortsätt vara inloggad",
    log_out: "Logga ut",
    limit_title: "Din inloggning tar snart slut",
    limit_body_before: "Av säkerhetsskäl kan du vara inloggad en begränsad tid. Du loggas ut om",
    limit_body_after: "(minuter:sekunder). Logga in igen om du vill fortsätta.",
    limit_ok: "Jag förstår",
    one_minute_left: "En minut kvar innan du loggas ut.",
    thirty_seconds_left: "30 sekunder kvar innan du loggas ut.",
    refresh_failed: "Det gick inte att förlänga inloggningen. Kontrollera din internetanslutning och försök igen.",
    logout_failed: "Det gick inte att logga ut. Försök igen.",
};

const EN: Texts = Texts {
    title: "You will soon be logged out",
    body_before: "You have not done anything on Mina sidor for a while. For your security, you will be logged out in",
    body_after: "(minutes:seconds) unless you choose to continue.",
    stay: "Stay logged in",
    log_out: "Log out",
    limit_title: "Your login will soon end",
    limit_body_before: "For your security, you can only stay logged in for a limited time. You will be logged out in",
    limit_body_after: "(minutes:seconds). Log in again if you want to continue.",
    limit_ok: "I understand",
    one_minute_left: "One minute left before you are logged out.",
    thirty_seconds_left: "30 seconds left before you are logged out.",
    refresh_failed: "Your login could not be extended. Check your internet connection and try again.",
    logout_failed: "Logging out failed. Please try again.",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

/// Something that went wrong in the dialog, shown in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DialogError {
    Refresh,
    Logout,
}

/// The timeout warning and the logout at the end. Place once, inside the router.
#[component]
pub fn IdleWarning() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let t = move || texts(lang.get());

    let now = RwSignal::new(time::now_ms());
    let open = RwSignal::new(false);
    // The deadline a warning about the maximum length was acknowledged for (it cannot be
    // extended, so it is not shown again).
    let acknowledged = StoredValue::new(None::<f64>);
    // What the polite live region says: nothing at first, a short note at 60 and 30 s.
    let announcement = RwSignal::new(None::<usize>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<DialogError>);

    let dialog = NodeRef::<Dialog>::new();
    let first_button = NodeRef::<Button>::new();
    let last_button = NodeRef::<Button>::new();

    // The browser's clock, once a second (Playwright's `page.clock` can fast-forward it).
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let _ = now.try_set(time::now_ms());
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    // Browsers slow timers down in background tabs: look at the clock again on return.
    let on_focus = window_event_listener(leptos::ev::focus, move |_| {
        let _ = now.try_set(time::now_ms());
    });
    on_cleanup(move || on_focus.remove());

    let remaining = move || {
        session
            .timing
            .get()
            .map(|timing| timing.deadline() - now.get())
    };
    let at_limit = move || {
        session
            .timing
            .get()
            .is_some_and(|timing| timing.ends_at_absolute_limit())
    };

    // Opens the warning in time, closes it when the session was extended, ends the session at
    // the deadline.
    Effect::new(move |_| {
        let now = now.get();
        let Some(timing) = session.timing.get() else {
            open.set(false);
            return;
        };
        let left = timing.deadline() - now;
        if left <= 0.0 {
            open.set(false);
            // Forget the expiry at once, so that this happens once.
            session.timing.set(None);
            let reason = if timing.ends_at_absolute_limit() {
                EndReason::Expired
            } else {
                EndReason::Inactive
            };
            spawn_local(session::expire(session, reason));
        } else if left <= WARN_BEFORE_MS {
            let acknowledged = acknowledged.get_value() == Some(timing.deadline());
            if !open.get_untracked() && !acknowledged {
                // Notes for thresholds already passed when the dialog opens are not said.
                let passed = ANNOUNCE_AT_SECONDS
                    .iter()
                    .take_while(|&&at| left <= at * 1000.0)
                    .count();
                announcement.set(passed.checked_sub(1));
                error.set(None);
                open.set(true);
            } else if open.get_untracked() {
                let passed = ANNOUNCE_AT_SECONDS
                    .iter()
                    .take_while(|&&at| left <= at * 1000.0)
                    .count();
                if let Some(index) = passed.checked_sub(1)
                    && announcement.get_untracked().is_none_or(|said| said < index)
                {
                    announcement.set(Some(index));
                }
            }
        } else if open.get_untracked() {
            open.set(false);
        }
    });

    // Shows the dialog as a modal (the rest of the page becomes inert) and moves focus to its
    // primary button; closing it returns focus to where it was.
    Effect::new(move |_| {
        let is_open = open.get();
        let Some(element) = dialog.get() else {
            return;
        };
        if is_open {
            if !element.open() {
                let _ = element.show_modal();
            }
            if let Some(button) = first_button.get_untracked() {
                let _ = button.focus();
            }
        } else if element.open() {
            element.close();
        }
    });

    let stay = move || {
        if at_limit() {
            acknowledged.set_value(session.timing.get_untracked().map(|t| t.deadline()));
            open.set(false);
            return;
        }
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match auth::refresh_session().await {
                // The new expiry closes the dialog.
                Ok(answer) => session::refreshed(session, &answer),
                // The session has already ended: the app has gone to the login page.
                Err(error) if error.status() == Some(401) => {}
                Err(failure) => {
                    leptos::logging::warn!("POST /api/v1/session/refresh failed: {failure}");
                    let _ = error.try_set(Some(DialogError::Refresh));
                }
            }
            let _ = busy.try_set(false);
        });
    };

    let log_out = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            if let Err(failure) = session::log_out(session).await {
                leptos::logging::warn!("DELETE /api/v1/session failed: {failure}");
                let _ = error.try_set(Some(DialogError::Logout));
            }
            let _ = busy.try_set(false);
        });
    };

    // Escape means "stay logged in"; Tab and Shift+Tab go round the dialog's two buttons.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            stay();
        }
        "Tab" => {
            let (Some(first), Some(last)) = (first_button.get(), last_button.get()) else {
                return;
            };
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let first_el: &web_sys::Element = first.unchecked_ref();
            let last_el: &web_sys::Element = last.unchecked_ref();
            if ev.shift_key() && active.as_ref() == Some(first_el) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && active.as_ref() == Some(last_el) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    // The browser's own Escape handling (the `cancel` event) would close the dialog without
    // extending the session.
    let on_cancel = move |ev: leptos::ev::Event| {
        ev.prevent_default();
        stay();
    };

    let countdown = move || remaining().map(time::format_countdown).unwrap_or_default();
    let announcement_text = move || {
        announcement.get().map(|index| {
            if index == 0 {
                t().one_minute_left
            } else {
                t().thirty_seconds_left
            }
        })
    };
    let error_text = move || {
        error.get().map(|error| match error {
            DialogError::Refresh => t().refresh_failed,
            DialogError::Logout => t().logout_failed,
        })
    };

    view! {
        <dialog
            class="ds-dialog idle-dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="idle-dialog-title"
            aria-describedby="idle-dialog-body"
            node_ref=dialog
            on:keydown=on_keydown
            on:cancel=on_cancel
        >
            <h2 id="idle-dialog-title" class="ds-heading" data-size="sm">
                {move || if at_limit() { t().limit_title } else { t().title }}
            </h2>
            <p id="idle-dialog-body" class="ds-paragraph">
                {move || if at_limit() { t().limit_body_before } else { t().body_before }}
                " "
                <strong class="idle-dialog__countdown">{countdown}</strong>
                " "
                {move || if at_limit() { t().limit_body_after } else { t().body_after }}
            </p>
            <p class="ds-sr-only" aria-live="polite">
                {announcement_text}
            </p>
            <div role="alert" class="idle-dialog__error">
                {move || {
                    error_text()
                        .map(|text| {
                            view! {
                                <p class="ds-alert" data-color="danger" data-size="sm">
                                    {text}
                                </p>
                            }
                        })
                }}
            </div>
            <div class="button-row">
                <button
                    type="button"
                    class="ds-button"
                    data-variant="primary"
                    node_ref=first_button
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=move |_| stay()
                >
                    {move || if at_limit() { t().limit_ok } else { t().stay }}
                </button>
                <button
                    type="button"
                    class="ds-button"
                    data-variant="secondary"
                    node_ref=last_button
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=move |_| log_out()
                >
                    {move || t().log_out}
                </button>
            </div>
        </dialog>
    }
}
