//! "Skicka en testavisering": sends a test notice to the channels of the saved profile, so the
//! citizen sees that e-mail and SMS reach them.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiError, profile};
use crate::i18n::use_lang;

/// What the last press gave.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Sent { email: bool, sms: bool },
    NoChannel,
    Limited { minutes: u64 },
    Failed,
}

/// The test-notice section.
#[component]
pub fn TestNotice() -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let send = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        outcome.set(None);
        spawn_local(async move {
            let result = match profile::send_test_notice().await {
                Ok(answer) => Outcome::Sent {
                    email: answer
                        .notices
                        .iter()
                        .any(|n| n.channel == api_types::NoticeChannel::Email),
                    sms: answer
                        .notices
                        .iter()
                        .any(|n| n.channel == api_types::NoticeChannel::Sms),
                },
                Err(ApiError::Problem(problem)) if problem.code == "no_notice_channel" => {
                    Outcome::NoChannel
                }
                Err(ApiError::RateLimited(seconds)) => Outcome::Limited {
                    minutes: u64::from(seconds.unwrap_or(3600)).div_ceil(60),
                },
                Err(_) => Outcome::Failed,
            };
            let _ = outcome.try_set(Some(result));
            let _ = busy.try_set(false);
        });
    };
    let message = move || {
        let lang = lang.get();
        outcome.get().map(|outcome| match outcome {
            Outcome::Sent { email, sms } => {
                let how = match (email, sms) {
                    (true, true) => lang.pick("med e-post och sms", "by e-mail and text message"),
                    (true, false) => lang.pick("med e-post", "by e-mail"),
                    _ => lang.pick("med sms", "by text message"),
                };
                lang.pick(
                    format!("Vi har skickat en testavisering {how}. Den brukar komma fram inom några minuter; sms skickas inte mellan 21 och 08."),
                    format!("We have sent a test notice {how}. It usually arrives within a few minutes; text messages are not sent between 21:00 and 08:00."),
                )
            }
            Outcome::NoChannel => lang.pick(
                "Välj e-post eller sms ovan, fyll i adressen eller numret och spara först.".to_owned(),
                "Choose e-mail or text message above, fill in the address or number and save first.".to_owned(),
            ),
            Outcome::Limited { minutes } => lang.pick(
                format!("Du har skickat flera testaviseringar den senaste timmen. Du kan skicka en ny om {minutes} minuter."),
                format!("You have sent several test notices in the last hour. You can send another in {minutes} minutes."),
            ),
            Outcome::Failed => lang.pick(
                "Testaviseringen kunde inte skickas. Försök igen om en stund.".to_owned(),
                "The test notice could not be sent. Try again in a while.".to_owned(),
            ),
        })
    };
    view! {
        <section aria-labelledby="profile-test-notice" class="case-section">
            <h2 id="profile-test-notice" class="ds-heading" data-size="sm">
                {move || lang.get().pick("Testa dina aviseringar", "Test your notices")}
            </h2>
            <p class="ds-paragraph">
                {move || lang.get().pick(
                    "Spara dina val först. Aviseringen säger bara att något väntar på Mina sidor, aldrig vad ärendet gäller.",
                    "Save your choices first. A notice only says that something waits on Mina sidor, never what the case is about.",
                )}
            </p>
            <div class="button-row">
                <button
                    type="button"
                    class="ds-button"
                    data-variant="secondary"
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=send
                >
                    {move || lang.get().pick("Skicka en testavisering", "Send a test notice")}
                </button>
            </div>
            <p class="ds-paragraph" role="status">{message}</p>
        </section>
    }
}
