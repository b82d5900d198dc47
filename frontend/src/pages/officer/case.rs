//! `/handlaggare/arenden/:id`: a case of the officer's groups: the facts, the handling steps
//! (take, start, status note, close with a decision, reopen), the message thread with read
//! receipts, internal notes, the history, the answers and the files.

use api_types::{
    AssignCaseRequest, CaseOutcome, CaseStatus, CaseVersionRequest, CloseCaseRequest,
    MessageAuthor, MessageResponse, NoteRequest, OfficerCaseResponse, PostMessageRequest,
    ReopenCaseRequest, StaffId, StatusNoteRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::{OfficerTexts, error_text, outcome_label};
use crate::api::staff::{self, Step};
use crate::api::{ApiError, time_ms_of};
use crate::forms_i18n::{event_label, status_label};
use crate::i18n::{Lang, use_lang};
use crate::local_time;
use crate::pages::form::set_document_title;

/// The officer's view of one case.
#[component]
pub fn OfficerCasePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || OfficerTexts::get(lang.get());
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let case = RwSignal::new(None::<OfficerCaseResponse>);
    let me = RwSignal::new(None::<StaffId>);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);

    Effect::new(move |_| {
        let id = id();
        spawn_local(async move {
            if let Ok(session) = staff::session().await {
                let _ = me.try_set(Some(session.staff.id));
            }
            match staff::case(&id).await {
                Ok(loaded) => {
                    let unread = loaded
                        .messages
                        .iter()
                        .any(|m| m.author == MessageAuthor::Citizen && m.read_at.is_none());
                    let _ = case.try_set(Some(loaded));
                    if unread {
                        let _ = staff::mark_read(&id).await;
                    }
                }
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                }
            }
        });
    });
    Effect::new(move |_| {
        if let Some(c) = case.get() {
            set_document_title(&format!(
                "{} {}",
                c.case_number,
                lang.get().of(&c.eservice_title)
            ));
        }
    });

    let run = move |step: Step| {
        let id = id();
        error.set(None);
        done.set(false);
        spawn_local(async move {
            match staff::step(&id, step).await {
                Ok(updated) => {
                    let _ = case.try_set(Some(updated));
                    let _ = done.try_set(true);
                }
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                }
            }
        });
    };

    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |focused: Option<bool>| {
        if focused == Some(true) {
            return true;
        }
        match (heading.get(), case.with(Option::is_some)) {
            (Some(h1), true) => {
                let _ = h1.focus();
                true
            }
            _ => false,
        }
    });

    view! {
        <h1 class="ds-heading page-title" data-size="lg" tabindex="-1" node_ref=heading>
            {move || {
                case.get()
                    .map(|c| {
                        format!("{} {}", c.case_number, lang.get().of(&c.eservice_title))
                    })
                    .unwrap_or_else(|| t().queue_title.to_owned())
            }}
        </h1>
        <div role="alert">
            {move || {
                error
                    .get()
                    .map(|failure| {
                        view! {
                            <div class="ds-alert" data-color="danger">
                                <p class="ds-paragraph">{error_text(lang.get(), &failure)}</p>
                            </div>
                        }
                    })
            }}
        </div>
        <div role="status" class="ds-sr-only">{move || done.get().then(|| t().done)}</div>
        {move || {
            case.get()
                .map(|c| {
                    view! {
                        <Facts case=c.clone() />
                        <Handling case=c.clone() me=me run=run />
                        <Messages case=c.clone() on_sent=move |m| case.update(|c| if let Some(c) = c { c.messages.push(m) }) />
                        <Notes case=c.clone() on_added=move |n| case.update(|c| if let Some(c) = c { c.notes.push(n) }) />
                        <History case=c.clone() />
                        <Answers case=c />
                    }
                })
        }}
        <p class="ds-paragraph">
            <A href="/handlaggare" attr:class="ds-link">{move || t().back_to_queue}</A>
        </p>
    }
}

#[component]
fn Facts(case: OfficerCaseResponse) -> impl IntoView {
    let lang = use_lang();
    move || {
        let l = lang.get();
        let t = OfficerTexts::get(l);
        let received = local_time::date_time_words(l, &case.submitted_at).unwrap_or_default();
        view! {
            <dl class="case-facts officer-facts">
                <div class="case-facts__row">
                    <dt>{t.status}</dt>
                    <dd>
                        <span class="ds-tag" data-color="info">{status_label(l, case.status)}</span>
                    </dd>
                </div>
                <div class="case-facts__row">
                    <dt>{t.facts_applicant}</dt>
                    <dd>{case.applicant.name.clone()}</dd>
                </div>
                <div class="case-facts__row">
                    <dt>{t.facts_personnummer}</dt>
                    <dd>{case.applicant.personnummer.clone()}</dd>
                </div>
                <div class="case-facts__row">
                    <dt>{t.facts_received}</dt>
                    <dd>{received}</dd>
                </div>
                <div class="case-facts__row">
                    <dt>{t.facts_officer}</dt>
                    <dd>
                        {case
                            .assigned_to
                            .as_ref()
                            .map_or_else(|| t.nobody.to_owned(), |o| o.display_name.clone())}
                    </dd>
                </div>
                {case
                    .outcome
                    .map(|o| {
                        view! {
                            <div class="case-facts__row">
                                <dt>{t.facts_outcome}</dt>
                                <dd>{outcome_label(l, o)}</dd>
                            </div>
                        }
                    })}
                {case
                    .signatures
                    .iter()
                    .map(|s| {
                        let when = local_time::date_time_words(l, &s.signed_at).unwrap_or_default();
                        view! {
                            <div class="case-facts__row">
                                <dt>{t.signed}</dt>
                                <dd>{format!("{}, {when}", s.signer_name)}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        }
    }
}

/// A labelled text area bound to `value`.
#[component]
fn TextArea(
    id: &'static str,
    label: Signal<&'static str>,
    #[prop(optional)] help: Option<Signal<&'static str>>,
    value: RwSignal<String>,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    let described = help.is_some().then(|| help_id.clone());
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id>{label}</label>
            {help.map(|h| view! { <p class="ds-paragraph" data-size="sm" id=help_id.clone()>{h}</p> })}
            <textarea
                class="ds-input"
                id=id
                rows="3"
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

#[component]
fn Handling(
    case: OfficerCaseResponse,
    me: RwSignal<Option<StaffId>>,
    run: impl Fn(Step) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || OfficerTexts::get(lang.get());
    let version = Some(case.version);
    let status = case.status;
    let note = RwSignal::new(String::new());
    let decision = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let outcome = RwSignal::new(CaseOutcome::Decided);
    let mine = case.assigned_to.as_ref().map(|o| o.id);
    let take = move |_| {
        if let Some(officer_id) = me.get_untracked() {
            run(Step::Assign(AssignCaseRequest {
                officer_id,
                version,
            }));
        }
    };
    let open = matches!(status, CaseStatus::Submitted | CaseStatus::InProgress);
    let colleagues = RwSignal::new(Vec::<api_types::ColleagueResponse>::new());
    let chosen = RwSignal::new(None::<StaffId>);
    if open {
        spawn_local(async move {
            if let Ok(list) = staff::colleagues().await {
                let _ = chosen.try_set(list.first().map(|c| c.id));
                let _ = colleagues.try_set(list);
            }
        });
    }
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(officer_id) = chosen.get_untracked() {
            run(Step::Assign(AssignCaseRequest {
                officer_id,
                version,
            }));
        }
    };
    view! {
        <section aria-labelledby="handling" class="case-section">
            <h2 id="handling" class="ds-heading" data-size="sm">{move || t().handling}</h2>
            <div class="button-row">
                {move || {
                    (open && mine != me.get() && me.get().is_some())
                        .then(|| {
                            view! {
                                <button type="button" class="ds-button" data-variant="primary" on:click=take>
                                    {move || t().take}
                                </button>
                            }
                        })
                }}
                {(status == CaseStatus::Submitted)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="ds-button"
                                data-variant="secondary"
                                on:click=move |_| run(Step::Start(CaseVersionRequest { version }))
                            >
                                {move || t().start}
                            </button>
                        }
                    })}
            </div>
            {open
                .then(|| {
                    view! {
                        <form class="assign-form" on:submit=assign>
                            <div class="ds-field">
                                <label class="ds-label" for="assign-to">{move || t().assign_to}</label>
                                <select
                                    class="ds-input"
                                    id="assign-to"
                                    on:change=move |ev| {
                                        chosen.set(event_target_value(&ev).parse().ok());
                                    }
                                >
                                    {move || {
                                        colleagues
                                            .get()
                                            .into_iter()
                                            .map(|c| view! { <option value=c.id.to_string()>{c.display_name}</option> })
                                            .collect_view()
                                    }}
                                </select>
                            </div>
                            <button type="submit" class="ds-button" data-variant="secondary">
                                {move || t().assign}
                            </button>
                        </form>
                        <form on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            run(Step::StatusNote(StatusNoteRequest { text: note.get_untracked(), version }));
                        }>
                            <TextArea
                                id="status-note"
                                label=Signal::derive(move || t().status_note)
                                help=Signal::derive(move || t().status_note_help)
                                value=note
                            />
                            <button type="submit" class="ds-button" data-variant="secondary">
                                {move || t().publish}
                            </button>
                        </form>
                        <form on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            let text = decision.get_untracked();
                            run(Step::Close(CloseCaseRequest {
                                outcome: outcome.get_untracked(),
                                decision: (!text.trim().is_empty()).then_some(text),
                                version,
                            }));
                        }>
                            <fieldset class="ds-fieldset">
                                <legend class="ds-heading" data-size="xs">{move || t().close}</legend>
                                <div class="ds-field">
                                    <label class="ds-label" for="close-outcome">{move || t().outcome}</label>
                                    <select
                                        class="ds-input"
                                        id="close-outcome"
                                        on:change=move |ev| {
                                            let value = event_target_value(&ev);
                                            if let Some(o) = CaseOutcome::ALL.into_iter().find(|o| o.as_str() == value) {
                                                outcome.set(o);
                                            }
                                        }
                                    >
                                        {CaseOutcome::ALL
                                            .into_iter()
                                            .map(|o| view! { <option value=o.as_str()>{move || outcome_label(lang.get(), o)}</option> })
                                            .collect_view()}
                                    </select>
                                </div>
                                <TextArea
                                    id="close-decision"
                                    label=Signal::derive(move || t().decision)
                                    help=Signal::derive(move || t().decision_help)
                                    value=decision
                                />
                                <button type="submit" class="ds-button" data-variant="secondary">
                                    {move || t().close_button}
                                </button>
                            </fieldset>
                        </form>
                    }
                })}
            {(status == CaseStatus::Closed)
                .then(|| {
                    view! {
                        <form on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            run(Step::Reopen(ReopenCaseRequest { reason: reason.get_untracked(), version }));
                        }>
                            <TextArea id="reopen-reason" label=Signal::derive(move || t().reopen_reason) value=reason />
                            <button type="submit" class="ds-button" data-variant="secondary">
                                {move || t().reopen}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}

/// "Läst 14.02" for a message read by the other side.
pub fn read_receipt(lang: Lang, message: &MessageResponse, t: &OfficerTexts) -> String {
    match message.read_at.as_deref().and_then(time_ms_of) {
        Some(ms) => t.read_at.replace("{time}", &local_time::clock_at(lang, ms)),
        None => t.not_read.to_owned(),
    }
}

#[component]
fn Messages(
    case: OfficerCaseResponse,
    on_sent: impl Fn(MessageResponse) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || OfficerTexts::get(lang.get());
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let sent = RwSignal::new(false);
    let case_id = case.id.to_string();
    let messages = case.messages.clone();
    let files_case = case_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = case_id.clone();
        let request = PostMessageRequest {
            body: body.get_untracked(),
            attachment_ids: Vec::new(),
        };
        error.set(None);
        sent.set(false);
        spawn_local(async move {
            match staff::send_message(&id, &request).await {
                Ok(message) => {
                    on_sent(message);
                    let _ = body.try_set(String::new());
                    let _ = sent.try_set(true);
                }
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                }
            }
        });
    };
    view! {
        <section aria-labelledby="messages" class="case-section">
            <h2 id="messages" class="ds-heading" data-size="sm">{move || t().messages}</h2>
            {move || {
                let l = lang.get();
                let t = OfficerTexts::get(l);
                if messages.is_empty() {
                    return view! { <p class="ds-paragraph">{t.no_messages}</p> }.into_any();
                }
                view! {
                    <ol class="message-list">
                        {messages
                            .iter()
                            .map(|m| {
                                let when = local_time::date_time_words(l, &m.created_at).unwrap_or_default();
                                let receipt = (m.author == MessageAuthor::Officer).then(|| read_receipt(l, m, t));
                                let files_case = files_case.clone();
                                view! {
                                    <li class="message" data-author=match m.author { MessageAuthor::Officer => "officer", MessageAuthor::Citizen => "citizen" }>
                                        <p class="message__meta">
                                            <strong>{m.author_name.clone()}</strong>
                                            " · "
                                            {when}
                                        </p>
                                        <p class="message__body">{m.body.clone()}</p>
                                        {(!m.attachments.is_empty()).then(|| view! {
                                            <ul class="ds-list">
                                                {m.attachments.iter().map(|a| view! {
                                                    <li>
                                                        <a class="ds-link" download="" href=staff::message_file_url(&files_case, &a.id.to_string())>
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
                    .into_any()
            }}
            <div role="alert">
                {move || error.get().map(|f| view! { <div class="ds-alert" data-color="danger"><p class="ds-paragraph">{error_text(lang.get(), &f)}</p></div> })}
            </div>
            <div role="status" class="ds-sr-only">{move || sent.get().then(|| t().sent)}</div>
            <form on:submit=submit>
                <TextArea id="officer-message" label=Signal::derive(move || t().message_to_applicant) value=body />
                <button type="submit" class="ds-button" data-variant="primary">{move || t().send}</button>
            </form>
        </section>
    }
}

#[component]
fn Notes(
    case: OfficerCaseResponse,
    on_added: impl Fn(api_types::NoteResponse) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || OfficerTexts::get(lang.get());
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let case_id = case.id.to_string();
    let notes = case.notes.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = case_id.clone();
        let request = NoteRequest {
            body: body.get_untracked(),
        };
        error.set(None);
        spawn_local(async move {
            match staff::add_note(&id, &request).await {
                Ok(note) => {
                    on_added(note);
                    let _ = body.try_set(String::new());
                }
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                }
            }
        });
    };
    view! {
        <section aria-labelledby="notes" class="case-section">
            <h2 id="notes" class="ds-heading" data-size="sm">{move || t().notes}</h2>
            <p class="ds-paragraph" data-size="sm">{move || t().notes_help}</p>
            {move || {
                let l = lang.get();
                if notes.is_empty() {
                    return view! { <p class="ds-paragraph">{OfficerTexts::get(l).no_notes}</p> }.into_any();
                }
                view! {
                    <ul class="ds-list">
                        {notes.iter().map(|n| {
                            let when = local_time::date_time_words(l, &n.created_at).unwrap_or_default();
                            view! { <li><strong>{n.author_name.clone()}</strong>" · "{when}": "{n.body.clone()}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <div role="alert">
                {move || error.get().map(|f| view! { <div class="ds-alert" data-color="danger"><p class="ds-paragraph">{error_text(lang.get(), &f)}</p></div> })}
            </div>
            <form on:submit=submit>
                <TextArea id="officer-note" label=Signal::derive(move || t().note) value=body />
                <button type="submit" class="ds-button" data-variant="secondary">{move || t().save_note}</button>
            </form>
        </section>
    }
}

#[component]
fn History(case: OfficerCaseResponse) -> impl IntoView {
    let lang = use_lang();
    move || {
        let l = lang.get();
        view! {
            <section aria-labelledby="officer-history" class="case-section">
                <h2 id="officer-history" class="ds-heading" data-size="sm">{OfficerTexts::get(l).history}</h2>
                <ol class="case-history">
                    {case.history.iter().map(|e| {
                        let when = local_time::date_time_words(l, &e.at).unwrap_or_default();
                        let who = e.actor_name.clone().map(|n| format!(" ({n})")).unwrap_or_default();
                        view! {
                            <li class="case-history__item">
                                <span class="case-history__when">{when}</span>
                                <span class="case-history__what">{event_label(l, &e.kind)}{who}</span>
                                {e.text.clone().map(|text| view! { <span class="case-history__text">{text}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    }
}

#[component]
fn Answers(case: OfficerCaseResponse) -> impl IntoView {
    let lang = use_lang();
    let case_id = case.id.to_string();
    let definition = RwSignal::new(None::<eservice::EServiceDefinition>);
    let slug = case.eservice_slug.clone();
    let version = case.eservice_version;
    spawn_local(async move {
        if let Ok(loaded) = crate::api::eservices::get_filed_version(&slug, version).await {
            let _ = definition.try_set(Some(loaded.definition));
        }
    });
    move || {
        let l = lang.get();
        let t = OfficerTexts::get(l);
        let dl = crate::pages::form::def_lang(l);
        let answers = definition.with(|definition| match definition {
            // As the citizen filled them in: step by step, with the questions and option labels
            // of the version the case was filed on.
            Some(definition) => definition
                .steps()
                .iter()
                .map(|step| {
                    let rows: Vec<_> = step
                        .fields
                        .iter()
                        .filter_map(|field| {
                            let value = case.answers.get(&field.id)?;
                            let lines = crate::pages::case::answer_lines(field, value, &case.attachments, l);
                            (!lines.is_empty()).then(|| (field.label.get(dl).to_owned(), lines.join(", ")))
                        })
                        .collect();
                    view! {
                        <h3 class="ds-heading" data-size="xs">{step.title.get(dl).to_owned()}</h3>
                        <dl class="case-facts">
                            {rows.into_iter().map(|(label, text)| view! {
                                <div class="case-facts__row"><dt>{label}</dt><dd>{text}</dd></div>
                            }).collect_view()}
                        </dl>
                    }
                })
                .collect_view()
                .into_any(),
            None => view! {
                <dl class="case-facts">
                    {case.answers.iter().map(|(key, value)| {
                        let text = match value {
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        view! { <div class="case-facts__row"><dt>{key.clone()}</dt><dd>{text}</dd></div> }
                    }).collect_view()}
                </dl>
            }
            .into_any(),
        });
        view! {
            <section aria-labelledby="officer-answers" class="case-section">
                <h2 id="officer-answers" class="ds-heading" data-size="sm">{t.answers}</h2>
                {answers}
                {(!case.attachments.is_empty()).then(|| view! {
                    <h3 class="ds-heading" data-size="xs">{t.files}</h3>
                    <ul class="ds-list">
                        {case.attachments.iter().map(|a| view! {
                            <li><a class="ds-link" download="" href=staff::attachment_url(&case_id, &a.id.to_string())>{a.file_name.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        }
    }
}
