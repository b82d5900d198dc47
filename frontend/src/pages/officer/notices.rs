//! `/handlaggare/aviseringar`: notifications for administrators: deliveries that failed (with
//! the reason, the address masked) and the texts of every notice in Swedish and English, edited
//! with a preview and reset to the built-in texts.

use api_types::{
    NoticeChannel, NoticePreview, NoticeTemplateResponse, NoticeTemplateTexts, OutboxEntryResponse,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::error_text;
use crate::api::{ApiError, staff};
use crate::i18n::{Lang, use_lang};
use crate::local_time;
use crate::page::PageHeading;
use crate::pages::case::notices::{channel_label, kind_label};

/// The administrators' links between their pages.
#[component]
pub fn AdminNav() -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="admin-nav" aria-label=move || lang.get().pick("Administration", "Administration")>
            <ul>
                <li><a class="ds-link" href="/handlaggare/logg">{move || lang.get().pick("Loggbok", "Audit log")}</a></li>
                <li><a class="ds-link" href="/handlaggare/aviseringar">{move || lang.get().pick("Aviseringar", "Notices")}</a></li>
            </ul>
        </nav>
    }
}

fn failed_table(lang: Lang, list: Vec<OutboxEntryResponse>) -> AnyView {
    if list.is_empty() {
        return view! {
            <p class="ds-paragraph">{lang.pick("Inga misslyckade aviseringar.", "No failed notices.")}</p>
        }
        .into_any();
    }
    let caption = lang.pick(
        "Misslyckade aviseringar, nyast först",
        "Failed notices, newest first",
    );
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="ds-table queue-table" data-border="true">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.pick("Gav upp", "Gave up")}</th>
                        <th scope="col">{lang.pick("Avisering", "Notice")}</th>
                        <th scope="col">{lang.pick("Till", "To")}</th>
                        <th scope="col">{lang.pick("Försök", "Attempts")}</th>
                        <th scope="col">{lang.pick("Orsak", "Reason")}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|entry| {
                            let when = entry
                                .failed_at
                                .as_deref()
                                .and_then(|at| local_time::date_time_words(lang, at))
                                .unwrap_or_default();
                            view! {
                                <tr>
                                    <td>{when}</td>
                                    <td>{kind_label(lang, &entry.kind)}</td>
                                    <td>{channel_label(lang, entry.channel)} " " {entry.recipient_hint}</td>
                                    <td>{entry.attempts}</td>
                                    <td>{entry.last_error.unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The notifications page.
#[component]
pub fn NoticesAdminPage() -> impl IntoView {
    let lang = use_lang();
    let failed = RwSignal::new(None::<Vec<OutboxEntryResponse>>);
    let templates = RwSignal::new(Vec::<NoticeTemplateResponse>::new());
    let chosen = RwSignal::new(String::from("officer_message/sv"));
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let sms = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<NoticePreview>);
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<&'static str>);

    let fill = move |key: &str| {
        templates.with_untracked(|list| {
            if let Some(t) = list
                .iter()
                .find(|t| format!("{}/{}", t.kind, t.language.as_str()) == key)
            {
                subject.set(t.texts.subject.clone());
                body.set(t.texts.body.clone());
                sms.set(t.texts.sms.clone());
            }
        });
        preview.set(None);
        error.set(None);
    };
    spawn_local(async move {
        match staff::outbox("status=failed").await {
            Ok(page) => {
                let _ = failed.try_set(Some(page.entries));
            }
            Err(failure) => {
                let _ = error.try_set(Some(failure));
            }
        }
        if let Ok(list) = staff::notice_templates().await {
            let _ = templates.try_set(list.templates);
            fill(&chosen.get_untracked());
        }
    });
    let key = move || {
        let chosen = chosen.get_untracked();
        let (kind, language) = chosen.split_once('/').unwrap_or(("officer_message", "sv"));
        (kind.to_owned(), language.to_owned())
    };
    let texts = move || NoticeTemplateTexts {
        subject: subject.get_untracked(),
        body: body.get_untracked(),
        sms: sms.get_untracked(),
    };
    let replace = move |saved: NoticeTemplateResponse| {
        templates.update(|list| {
            if let Some(t) = list
                .iter_mut()
                .find(|t| t.kind == saved.kind && t.language == saved.language)
            {
                *t = saved;
            }
        });
    };
    let do_preview = move |_| {
        let (kind, language) = key();
        let texts = texts();
        status.set(None);
        spawn_local(async move {
            match staff::preview_notice_template(&kind, &language, &texts).await {
                Ok(shown) => {
                    let _ = error.try_set(None);
                    let _ = preview.try_set(Some(shown));
                }
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                }
            }
        });
    };
    let do_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (kind, language) = key();
        let texts = texts();
        status.set(None);
        spawn_local(async move {
            match staff::save_notice_template(&kind, &language, &texts).await {
                Ok(saved) => {
                    replace(saved);
                    let _ = error.try_set(None);
                    let _ = status.try_set(Some("saved"));
                }
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                }
            }
        });
    };
    let do_reset = move |_| {
        let (kind, language) = key();
        status.set(None);
        spawn_local(async move {
            match staff::reset_notice_template(&kind, &language).await {
                Ok(saved) => {
                    replace(saved);
                    fill(&chosen.get_untracked());
                    let _ = status.try_set(Some("reset"));
                }
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                }
            }
        });
    };

    let options = move || {
        let l = lang.get();
        templates
            .get()
            .into_iter()
            .map(|t| {
                let value = format!("{}/{}", t.kind, t.language.as_str());
                let label = format!(
                    "{} ({}){}",
                    kind_label(l, &t.kind),
                    t.language.as_str(),
                    if t.customized {
                        l.pick(", ändrad", ", changed")
                    } else {
                        ""
                    }
                );
                let selected = value == chosen.get_untracked();
                view! { <option value=value selected=selected>{label}</option> }
            })
            .collect_view()
    };
    let shown = move || {
        preview.get().map(|p| {
            let l = lang.get();
            view! {
                <section aria-labelledby="notice-preview" class="case-section notice-preview">
                    <h3 id="notice-preview" class="ds-heading" data-size="xs">{l.pick("Förhandsvisning", "Preview")}</h3>
                    <p class="ds-paragraph"><strong>{l.pick("Ämne: ", "Subject: ")}</strong>{p.subject}</p>
                    <p class="ds-paragraph notice-preview__text">{p.text}</p>
                    <p class="ds-paragraph"><strong>{channel_label(l, NoticeChannel::Sms)} ": "</strong>{p.sms}</p>
                </section>
            }
        })
    };
    let field = move |id: &'static str,
                      sv: &'static str,
                      en: &'static str,
                      value: RwSignal<String>,
                      rows: Option<u32>| {
        let label = move || lang.get().pick(sv, en);
        match rows {
            None => view! {
                <div class="ds-field form-field">
                    <label class="ds-label" for=id>{label}</label>
                    <input class="ds-input" id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                </div>
            }
            .into_any(),
            Some(rows) => view! {
                <div class="ds-field form-field">
                    <label class="ds-label" for=id>{label}</label>
                    <textarea class="ds-input" id=id rows=rows prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                </div>
            }
            .into_any(),
        }
    };

    view! {
        <PageHeading title=|lang| lang.pick("Aviseringar", "Notices") />
        <AdminNav />
        <div role="alert">
            {move || error.get().map(|f| view! { <div class="ds-alert" data-color="danger"><p class="ds-paragraph">{error_text(lang.get(), &f)}</p></div> })}
        </div>
        <section aria-labelledby="failed-notices" class="case-section">
            <h2 id="failed-notices" class="ds-heading" data-size="sm">{move || lang.get().pick("Misslyckade", "Failed")}</h2>
            <p class="ds-paragraph">{move || lang.get().pick(
                "Aviseringar som inte gick att leverera: ett tillfälligt fel prövas igen i cirka fyra timmar, en avvisad adress stoppas direkt.",
                "Notices that could not be delivered: a temporary error is retried for about four hours, a refused address stops at once.",
            )}</p>
            {move || failed.get().map(|list| failed_table(lang.get(), list))}
        </section>
        <section aria-labelledby="notice-texts" class="case-section">
            <h2 id="notice-texts" class="ds-heading" data-size="sm">{move || lang.get().pick("Texter", "Texts")}</h2>
            <p class="ds-paragraph" id="notice-texts-help">{move || lang.get().pick(
                "{link} blir länken till Mina sidor och {municipality} kommunens namn. Inget annat fylls i, så ingen avisering kan innehålla vad ett ärende gäller.",
                "{link} becomes the link to Mina sidor and {municipality} the municipality's name. Nothing else is filled in, so no notice can tell what a case is about.",
            )}</p>
            <form class="profile-form" novalidate on:submit=do_save>
                <div class="ds-field form-field">
                    <label class="ds-label" for="notice-kind">{move || lang.get().pick("Avisering", "Notice")}</label>
                    <select class="ds-input" id="notice-kind" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        chosen.set(value.clone());
                        fill(&value);
                    }>
                        {options}
                    </select>
                </div>
                {field("notice-subject", "Ämnesrad (e-post)", "Subject (e-mail)", subject, None)}
                {field("notice-body", "Text (e-post)", "Text (e-mail)", body, Some(8))}
                {field("notice-sms", "Sms", "Text message", sms, Some(3))}
                <div class="button-row">
                    <button type="button" class="ds-button" data-variant="secondary" on:click=do_preview>
                        {move || lang.get().pick("Förhandsgranska", "Preview")}
                    </button>
                    <button type="submit" class="ds-button" data-variant="primary">
                        {move || lang.get().pick("Spara", "Save")}
                    </button>
                    <button type="button" class="ds-button" data-variant="tertiary" on:click=do_reset>
                        {move || lang.get().pick("Återställ standardtexten", "Restore the built-in text")}
                    </button>
                </div>
            </form>
            <p class="ds-paragraph" role="status">
                {move || status.get().map(|s| match s {
                    "saved" => lang.get().pick("Texten är sparad och används från nästa avisering.", "The text is saved and used from the next notice."),
                    _ => lang.get().pick("Standardtexten används igen.", "The built-in text is used again."),
                })}
            </p>
            {shown}
        </section>
    }
}
