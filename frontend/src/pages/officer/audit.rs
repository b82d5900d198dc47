//! `/handlaggare/logg`: the audit log for administrators: who read, changed or downloaded what
//! and when, asked by case number ("who read case X?") or by staff member ("what did officer Y
//! open?"), newest first, paged by key.

use api_types::AuditEntryResponse;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::error_text;
use crate::api::{ApiError, client::encode, staff};
use crate::i18n::{Lang, use_lang};
use crate::local_time;
use crate::page::PageHeading;

struct Texts {
    title: &'static str,
    case_number: &'static str,
    case_number_help: &'static str,
    staff: &'static str,
    staff_help: &'static str,
    search: &'static str,
    caption: &'static str,
    when: &'static str,
    who: &'static str,
    what: &'static str,
    case: &'static str,
    request: &'static str,
    none: &'static str,
    more: &'static str,
}

const SV: Texts = Texts {
    title: "Loggbok",
    case_number: "Ärendenummer",
    case_number_help: "Vem har läst eller ändrat ärendet? Till exempel 2026-000123.",
    staff: "Medarbetarens id",
    staff_help: "Vad har en medarbetare öppnat? Klicka på ett namn i listan för att fylla i det.",
    search: "Visa händelser",
    caption: "Händelser, nyast först",
    when: "När",
    who: "Vem",
    what: "Vad",
    case: "Ärende",
    request: "Förfrågans id",
    none: "Inga händelser matchar.",
    more: "Visa äldre händelser",
};

const EN: Texts = Texts {
    title: "Audit log",
    case_number: "Case number",
    case_number_help: "Who read or changed the case? For example 2026-000123.",
    staff: "Staff member's id",
    staff_help: "What did a staff member open? Click a name in the list to fill it in.",
    search: "Show entries",
    caption: "Entries, newest first",
    when: "When",
    who: "Who",
    what: "What",
    case: "Case",
    request: "Request id",
    none: "No entries match.",
    more: "Show older entries",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

/// What an audit action means, in words.
fn action_label(lang: Lang, action: &str) -> String {
    let (sv, en) = match action {
        "case_viewed" => ("Öppnade ärendet", "Opened the case"),
        "attachment_downloaded" => ("Hämtade en fil", "Downloaded a file"),
        "case_assigned" => ("Tilldelade ärendet", "Assigned the case"),
        "handling_started" => ("Påbörjade handläggningen", "Started handling"),
        "status_note_published" => (
            "Publicerade en statusuppdatering",
            "Published a status update",
        ),
        "case_closed" => ("Avslutade ärendet", "Closed the case"),
        "case_reopened" => ("Öppnade ärendet igen", "Reopened the case"),
        "message_sent" => ("Skickade ett meddelande", "Sent a message"),
        "message_attachment_uploaded" => (
            "Laddade upp en fil till ett meddelande",
            "Uploaded a file for a message",
        ),
        "messages_read" => (
            "Läste sökandens meddelanden",
            "Read the applicant's messages",
        ),
        "note_added" => ("Skrev en intern anteckning", "Wrote an internal note"),
        "audit_log_read" => ("Läste loggboken", "Read the audit log"),
        other => return other.to_owned(),
    };
    lang.pick(sv, en).to_owned()
}

/// The audit log page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let case_number = RwSignal::new(String::new());
    let staff_id = RwSignal::new(String::new());
    let entries = RwSignal::new(None::<Vec<AuditEntryResponse>>);
    let next = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);

    let load = move |older: bool| {
        let mut parts = Vec::new();
        let number = case_number.get_untracked();
        if !number.trim().is_empty() {
            parts.push(format!("case_number={}", encode(number.trim())));
        }
        let id = staff_id.get_untracked();
        if !id.trim().is_empty() {
            parts.push(format!("staff_id={}", encode(id.trim())));
        }
        if older && let Some(cursor) = next.get_untracked() {
            parts.push(format!("before={}", encode(&cursor)));
        }
        let query = parts.join("&");
        spawn_local(async move {
            match staff::audit(&query).await {
                Ok(page) => {
                    let _ = error.try_set(None);
                    let _ = next.try_set(page.next_cursor);
                    entries.update(|list| match (older, list.as_mut()) {
                        (true, Some(list)) => list.extend(page.entries),
                        _ => *list = Some(page.entries),
                    });
                }
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                }
            }
        });
    };
    load(false);

    let table = move || {
        let l = lang.get();
        let t = texts(l);
        entries.get().map(|list| {
            if list.is_empty() {
                return view! { <p class="ds-paragraph">{t.none}</p> }.into_any();
            }
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=t.caption>
                    <table class="ds-table queue-table" data-border="true">
                        <caption>{t.caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.when}</th>
                                <th scope="col">{t.who}</th>
                                <th scope="col">{t.what}</th>
                                <th scope="col">{t.case}</th>
                                <th scope="col">{t.request}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|entry| {
                                    let who = entry.staff.display_name.clone();
                                    let id = entry.staff.id.to_string();
                                    view! {
                                        <tr>
                                            <td>{local_time::date_time_words(l, &entry.at).unwrap_or_default()}</td>
                                            <td>
                                                <button
                                                    type="button"
                                                    class="ds-button"
                                                    data-variant="tertiary"
                                                    data-size="sm"
                                                    on:click=move |_| {
                                                        staff_id.set(id.clone());
                                                        case_number.set(String::new());
                                                        load(false);
                                                    }
                                                >
                                                    {who}
                                                </button>
                                            </td>
                                            <td>{action_label(l, &entry.action)}</td>
                                            <td class="case-number">{entry.case_number.clone().unwrap_or_default()}</td>
                                            <td><code>{entry.request_id.clone()}</code></td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        })
    };

    view! {
        <PageHeading title=|lang| texts(lang).title />
        <super::notices::AdminNav />
        <form
            class="queue-filter"
            role="search"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                load(false);
            }
        >
            <div class="ds-field">
                <label class="ds-label" for="audit-case">{move || t().case_number}</label>
                <p class="ds-paragraph" data-size="sm" id="audit-case-help">{move || t().case_number_help}</p>
                <input
                    class="ds-input"
                    id="audit-case"
                    aria-describedby="audit-case-help"
                    prop:value=move || case_number.get()
                    on:input=move |ev| case_number.set(event_target_value(&ev))
                />
            </div>
            <div class="ds-field">
                <label class="ds-label" for="audit-staff">{move || t().staff}</label>
                <p class="ds-paragraph" data-size="sm" id="audit-staff-help">{move || t().staff_help}</p>
                <input
                    class="ds-input"
                    id="audit-staff"
                    aria-describedby="audit-staff-help"
                    prop:value=move || staff_id.get()
                    on:input=move |ev| staff_id.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="ds-button" data-variant="secondary">{move || t().search}</button>
        </form>
        <div role="alert">
            {move || error.get().map(|f| view! { <div class="ds-alert" data-color="danger"><p class="ds-paragraph">{error_text(lang.get(), &f)}</p></div> })}
        </div>
        {table}
        {move || next.get().map(|_| view! {
            <button type="button" class="ds-button" data-variant="secondary" on:click=move |_| load(true)>
                {move || t().more}
            </button>
        })}
    }
}
