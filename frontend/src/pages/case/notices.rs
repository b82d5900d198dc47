//! A case's notification log: which e-mails and SMS told the citizen about the case, when, and
//! whether they arrived. The texts themselves are never shown (they hold nothing but a link).

use api_types::{NoticeChannel, NoticeLog, NoticeStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiError, cases};
use crate::i18n::{Lang, use_lang};
use crate::local_time;

/// What a notice was about, as the citizen reads it.
pub fn kind_label(lang: Lang, kind: &str) -> &'static str {
    match kind {
        "case_submitted" => lang.pick(
            "Bekräftelse på inskickat ärende",
            "Confirmation of submission",
        ),
        "officer_message" => lang.pick("Nytt meddelande", "New message"),
        "status_note" => lang.pick("Nytt besked om ärendet", "News about the case"),
        "case_closed" => lang.pick("Ärendet avslutat", "Case closed"),
        "case_reopened" => lang.pick("Ärendet handläggs igen", "Case handled again"),
        "cosignature_requested" => lang.pick("Begäran om underskrift", "Request to sign"),
        "cosignature_reminder" => lang.pick("Påminnelse om underskrift", "Reminder to sign"),
        "cosignature_completed" => lang.pick("Alla har skrivit under", "Everyone has signed"),
        "cosignature_declined" => lang.pick("En underskrift uteblev", "A signature was declined"),
        "cosignature_expired" => {
            lang.pick("Tiden för underskrifter gick ut", "Time to sign ran out")
        }
        "draft_expiring" => lang.pick("Utkastet tas snart bort", "Draft to be deleted soon"),
        "test_notice" => lang.pick("Testavisering", "Test notice"),
        _ => lang.pick("Avisering", "Notice"),
    }
}

/// The channel's name.
pub fn channel_label(lang: Lang, channel: NoticeChannel) -> &'static str {
    match channel {
        NoticeChannel::Email => lang.pick("E-post", "E-mail"),
        NoticeChannel::Sms => "SMS",
    }
}

/// Where a notice is, as the citizen reads it.
pub fn status_label(lang: Lang, status: NoticeStatus) -> &'static str {
    match status {
        NoticeStatus::Pending => lang.pick("Väntar på att skickas", "Waiting to be sent"),
        NoticeStatus::Sending => lang.pick("Skickas", "Being sent"),
        NoticeStatus::Sent => lang.pick("Skickat", "Sent"),
        NoticeStatus::Delivered => lang.pick("Levererat", "Delivered"),
        NoticeStatus::Failed => lang.pick("Kunde inte levereras", "Could not be delivered"),
    }
}

/// The tag colour of a status.
fn status_color(status: NoticeStatus) -> &'static str {
    match status {
        NoticeStatus::Delivered | NoticeStatus::Sent => "success",
        NoticeStatus::Failed => "danger",
        NoticeStatus::Pending | NoticeStatus::Sending => "neutral",
    }
}

/// The notification log of case `case_id`.
#[component]
pub fn CaseNotices(case_id: String) -> impl IntoView {
    let lang = use_lang();
    let log = RwSignal::new(None::<Result<NoticeLog, ApiError>>);
    spawn_local(async move {
        let loaded = cases::notices(&case_id).await;
        let _ = log.try_set(Some(loaded));
    });
    let rows = move || {
        let lang_now = lang.get();
        match log.get() {
            None => None,
            Some(Err(_)) => Some(
                view! {
                    <p class="ds-paragraph">
                        {lang_now.pick(
                            "Det gick inte att hämta aviseringarna. Ladda om sidan för att försöka igen.",
                            "The notices could not be loaded. Reload the page to try again.",
                        )}
                    </p>
                }
                .into_any(),
            ),
            Some(Ok(log)) if log.notices.is_empty() => Some(
                view! {
                    <p class="ds-paragraph">
                        {lang_now.pick(
                            "Inga aviseringar om det här ärendet. Du väljer e-post eller sms under ",
                            "No notices about this case. You choose e-mail or SMS under ",
                        )}
                        <a class="ds-link" href="/mina-sidor/profil">
                            {lang_now.pick("Mina uppgifter", "My details")}
                        </a>
                        "."
                    </p>
                }
                .into_any(),
            ),
            Some(Ok(log)) => Some(
                view! {
                    <ul class="notice-log">
                        {log
                            .notices
                            .into_iter()
                            .map(|notice| {
                                let when = local_time::date_time_words(lang_now, &notice.created_at)
                                    .unwrap_or_else(|| notice.created_at.clone());
                                view! {
                                    <li class="notice-log__item">
                                        <span class="notice-log__what">
                                            {kind_label(lang_now, &notice.kind)}
                                        </span>
                                        <span class="notice-log__how">
                                            {channel_label(lang_now, notice.channel)} ", " {when}
                                        </span>
                                        <span class="ds-tag" data-color=status_color(notice.status)>
                                            {status_label(lang_now, notice.status)}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            ),
        }
    };
    view! {
        <section aria-labelledby="case-notices" class="case-section">
            <h2 id="case-notices" class="ds-heading" data-size="sm">
                {move || lang.get().pick("Aviseringar", "Notices")}
            </h2>
            {rows}
        </section>
    }
}
