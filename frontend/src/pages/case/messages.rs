//! The message thread of a citizen's case: the officer's messages (marked as read when shown),
//! the citizen's own with "Läst 14.02" once the officer has read them, and a form to write with
//! files. When writing is no longer possible the page says why.

use api_types::{MessageAuthor, MessageThreadResponse, PostMessageRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiError, cases, time_ms_of};
use crate::i18n::{Lang, use_lang};
use crate::local_time;

struct Texts {
    heading: &'static str,
    none: &'static str,
    you: &'static str,
    write: &'static str,
    write_help: &'static str,
    attach: &'static str,
    send: &'static str,
    sending: &'static str,
    sent: &'static str,
    /// `{time}` is replaced.
    read_at: &'static str,
    not_read: &'static str,
    /// `{date}` is replaced.
    closed: &'static str,
    closed_no_date: &'static str,
    error: &'static str,
    unread: &'static str,
}

const SV: Texts = Texts {
    heading: "Meddelanden",
    none: "Inga meddelanden ännu. Här kan du skriva till handläggaren.",
    you: "Du",
    write: "Skriv ett meddelande till handläggaren",
    write_help: "Skriv inte känsliga uppgifter som inte behövs för ärendet.",
    attach: "Bifoga filer (PDF, JPEG eller PNG, högst 10 MB)",
    send: "Skicka meddelandet",
    sending: "Skickar …",
    sent: "Meddelandet är skickat.",
    read_at: "Läst {time}",
    not_read: "Inte läst ännu",
    closed: "Ärendet är avslutat och det gick att skriva till och med {date}. Gör ett nytt ärende eller kontakta kommunen.",
    closed_no_date: "Det går inte att skriva i det här ärendet just nu.",
    error: "Det gick inte att hämta meddelandena. Ladda om sidan för att försöka igen.",
    unread: "Nytt",
};

const EN: Texts = Texts {
    heading: "Messages",
    none: "No messages yet. You can write to the case officer here.",
    you: "You",
    write: "Write a message to the case officer",
    write_help: "Do not include sensitive details the case does not need.",
    attach: "Attach files (PDF, JPEG or PNG, at most 10 MB)",
    send: "Send the message",
    sending: "Sending …",
    sent: "The message has been sent.",
    read_at: "Read {time}",
    not_read: "Not read yet",
    closed: "The case is closed; writing was possible until {date}. Start a new case or contact the municipality.",
    closed_no_date: "You cannot write in this case right now.",
    error: "The messages could not be loaded. Reload the page to try again.",
    unread: "New",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

/// The thread of case `case_id`.
#[component]
pub fn CaseMessages(case_id: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let thread = RwSignal::new(None::<Result<MessageThreadResponse, ApiError>>);
    let body = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let files = NodeRef::<leptos::html::Input>::new();

    let load_id = case_id.clone();
    spawn_local(async move {
        let loaded = cases::messages(&load_id).await;
        let unread = loaded.as_ref().is_ok_and(|t| {
            t.messages
                .iter()
                .any(|m| m.author == MessageAuthor::Officer && m.read_at.is_none())
        });
        let _ = thread.try_set(Some(loaded));
        if unread {
            let _ = cases::mark_messages_read(&load_id).await;
        }
    });

    let submit_id = case_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let id = submit_id.clone();
        let chosen: Vec<web_sys::File> = files
            .get_untracked()
            .and_then(|input| input.files())
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        busy.set(true);
        sent.set(false);
        failure.set(None);
        spawn_local(async move {
            let mut attachment_ids = Vec::new();
            let mut result = Ok(());
            for file in &chosen {
                match cases::upload_message_file(&id, file).await {
                    Ok(uploaded) => attachment_ids.push(uploaded.id),
                    Err(error) => {
                        result = Err(error);
                        break;
                    }
                }
            }
            if result.is_ok() {
                let request = PostMessageRequest {
                    body: body.get_untracked(),
                    attachment_ids,
                };
                match cases::send_message(&id, &request).await {
                    Ok(message) => {
                        thread.update(|t| {
                            if let Some(Ok(t)) = t {
                                t.messages.push(message);
                            }
                        });
                        let _ = body.try_set(String::new());
                        if let Some(input) = files.get_untracked() {
                            input.set_value("");
                        }
                        let _ = sent.try_set(true);
                    }
                    Err(error) => result = Err(error),
                }
            }
            if let Err(error) = result {
                let _ = failure.try_set(Some(error));
            }
            let _ = busy.try_set(false);
        });
    };

    let files_case = case_id.clone();
    let list = move || {
        let l = lang.get();
        let t = texts(l);
        match thread.get() {
            None => None,
            Some(Err(_)) => Some(view! { <p class="ds-paragraph">{t.error}</p> }.into_any()),
            Some(Ok(thread)) if thread.messages.is_empty() => {
                Some(view! { <p class="ds-paragraph">{t.none}</p> }.into_any())
            }
            Some(Ok(thread)) => Some(
                view! {
                    <ol class="message-list">
                        {thread
                            .messages
                            .into_iter()
                            .map(|m| {
                                let when = local_time::date_time_words(l, &m.created_at)
                                    .unwrap_or_default();
                                let mine = m.author == MessageAuthor::Citizen;
                                let receipt = mine
                                    .then(|| match m.read_at.as_deref().and_then(time_ms_of) {
                                        Some(ms) => t.read_at.replace("{time}", &local_time::clock_at(l, ms)),
                                        None => t.not_read.to_owned(),
                                    });
                                let is_new = !mine && m.read_at.is_none();
                                let files_case = files_case.clone();
                                view! {
                                    <li class="message" data-author=if mine { "citizen" } else { "officer" }>
                                        <p class="message__meta">
                                            <strong>{if mine { t.you.to_owned() } else { m.author_name.clone() }}</strong>
                                            " · "
                                            {when}
                                            {is_new.then(|| view! { " " <span class="ds-tag" data-color="warning">{t.unread}</span> })}
                                        </p>
                                        <p class="message__body">{m.body.clone()}</p>
                                        {(!m.attachments.is_empty()).then(|| view! {
                                            <ul class="ds-list">
                                                {m.attachments.iter().map(|a| view! {
                                                    <li>
                                                        <a class="ds-link" download="" href=cases::message_file_url(&files_case, &a.id.to_string())>
                                                            {a.file_name.clone()}
                                                        </a>
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        })}
                                        {receipt.map(|r| view! { <p class="message__receipt" data-size="sm">{r}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any(),
            ),
        }
    };

    let form = move || {
        let l = lang.get();
        let t = texts(l);
        match thread.get() {
            Some(Ok(th)) if th.can_write => Some(
                view! {
                    <form class="message-form" on:submit=submit.clone()>
                        <div class="ds-field">
                            <label class="ds-label" for="citizen-message">{t.write}</label>
                            <p class="ds-paragraph" data-size="sm" id="citizen-message-help">{t.write_help}</p>
                            <textarea
                                class="ds-input"
                                id="citizen-message"
                                rows="4"
                                aria-describedby="citizen-message-help"
                                prop:value=move || body.get()
                                on:input=move |ev| body.set(event_target_value(&ev))
                            ></textarea>
                        </div>
                        <div class="ds-field">
                            <label class="ds-label" for="citizen-message-files">{t.attach}</label>
                            <input
                                class="ds-input"
                                id="citizen-message-files"
                                type="file"
                                multiple
                                accept="application/pdf,image/jpeg,image/png"
                                node_ref=files
                            />
                        </div>
                        <button
                            type="submit"
                            class="ds-button"
                            data-variant="primary"
                            aria-disabled=move || busy.get().then_some("true")
                        >
                            {move || if busy.get() { texts(lang.get()).sending } else { texts(lang.get()).send }}
                        </button>
                    </form>
                }
                    .into_any(),
            ),
            Some(Ok(th)) => {
                let text = th
                    .writable_until
                    .as_deref()
                    .and_then(|at| local_time::date_words(l, at))
                    .map_or_else(|| t.closed_no_date.to_owned(), |date| t.closed.replace("{date}", &date));
                Some(view! { <p class="ds-paragraph">{text}</p> }.into_any())
            }
            _ => None,
        }
    };

    view! {
        <section aria-labelledby="case-messages" class="case-section">
            <h2 id="case-messages" class="ds-heading" data-size="sm">{move || t().heading}</h2>
            {list}
            <div role="alert">
                {move || failure.get().map(|error| {
                    let l = lang.get();
                    let text = match &error {
                        ApiError::Problem(p) if !p.errors.is_empty() => p.errors.iter().map(|e| l.pick(e.message_sv.clone(), e.message.clone())).collect::<Vec<_>>().join(" "),
                        ApiError::Problem(p) => l.pick(p.detail_sv.clone(), p.detail.clone()),
                        _ => l.pick("Meddelandet kunde inte skickas. Försök igen.", "The message could not be sent. Try again.").to_owned(),
                    };
                    view! { <div class="ds-alert" data-color="danger"><p class="ds-paragraph">{text}</p></div> }
                })}
            </div>
            <div role="status" class="ds-sr-only">{move || sent.get().then(|| t().sent)}</div>
            {form}
        </section>
    }
}
