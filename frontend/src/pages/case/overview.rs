//! A submitted case's overview: status, case number, answers and dated history.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::cases;
use crate::forms_i18n::{FormTexts, event_label, history_lines, status_label};
use crate::i18n::use_lang;
use crate::local_time;
use crate::pages::form::{FormHeading, def_lang, set_document_title, use_form};

use super::answers::AnswerList;

#[component]
pub fn CaseOverview() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let title = Signal::derive(move || {
        ctx.definition
            .with(|d| {
                d.as_ref()
                    .map(|d| d.title().get(def_lang(lang.get())).to_owned())
            })
            .unwrap_or_default()
    });
    Effect::new(move |_| {
        let number = ctx
            .case
            .with(|c| c.as_ref().and_then(|c| c.case_number.clone()));
        let page = match number {
            Some(number) => format!("{number} {}", title.get()),
            None => title.get(),
        };
        set_document_title(&page);
    });
    let facts = move || {
        ctx.case.get().map(|case| {
            let lang_now = lang.get();
            let submitted = case
                .submitted_at
                .as_deref()
                .and_then(|at| local_time::date_time_words(lang_now, at));
            view! {
                <dl class="case-facts">
                    {case
                        .case_number
                        .clone()
                        .map(|number| {
                            view! {
                                <div class="case-facts__row">
                                    <dt>{t().case_number}</dt>
                                    <dd class="case-number">{number}</dd>
                                </div>
                            }
                        })}
                    <div class="case-facts__row">
                        <dt>{t().case_status}</dt>
                        <dd>
                            <span class="ds-tag" data-color="info">
                                {status_label(lang_now, case.status)}
                            </span>
                        </dd>
                    </div>
                    {submitted
                        .map(|date| {
                            view! {
                                <div class="case-facts__row">
                                    <dt>{t().case_submitted}</dt>
                                    <dd>{date}</dd>
                                </div>
                            }
                        })}
                    {case
                        .expected_handling_days
                        .map(|days| {
                            view! {
                                <div class="case-facts__row">
                                    <dt>{lang_now.pick("Förväntad handläggningstid", "Expected handling time")}</dt>
                                    <dd>{lang_now.pick(format!("Cirka {days} dagar från att ärendet kom in"), format!("About {days} days from when the case was received"))}</dd>
                                </div>
                            }
                        })}
                    {case
                        .outcome
                        .map(|outcome| {
                            view! {
                                <div class="case-facts__row">
                                    <dt>{lang_now.pick("Utfall", "Outcome")}</dt>
                                    <dd>{crate::pages::officer::outcome_label(lang_now, outcome)}</dd>
                                </div>
                            }
                        })}
                    {case
                        .decision
                        .clone()
                        .map(|decision| {
                            view! {
                                <div class="case-facts__row">
                                    <dt>{lang_now.pick("Beslut", "Decision")}</dt>
                                    <dd class="case-decision">{decision}</dd>
                                </div>
                            }
                        })}
                </dl>
            }
        })
    };
    let files = move || {
        let attachments = ctx.attachments.get();
        (!attachments.is_empty()).then(|| {
            view! {
                <section aria-labelledby="case-files" class="case-section">
                    <h2 id="case-files" class="ds-heading" data-size="sm">
                        {move || t().case_files}
                    </h2>
                    <ul class="ds-list">
                        {attachments
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <li>
                                        <a
                                            class="ds-link"
                                            href=cases::attachment_url(&a.id.to_string())
                                            download=""
                                        >
                                            {a.file_name}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    };
    let history = move || {
        let lang_now = lang.get();
        ctx.case.get().map(|case| {
            history_lines(&case.history)
                .into_iter()
                .map(|(kind, at, text)| {
                    let when =
                        local_time::date_time_words(lang_now, &at).unwrap_or_else(|| at.clone());
                    view! {
                        <li class="case-history__item">
                            <span class="case-history__when">{when}</span>
                            <span class="case-history__what">{event_label(lang_now, &kind)}</span>
                            {text.map(|text| view! { <span class="case-history__text">{text}</span> })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <FormHeading text=title focus_instead=None />
        {facts}
        <section aria-labelledby="case-history" class="case-section">
            <h2 id="case-history" class="ds-heading" data-size="sm">
                {move || t().case_history}
            </h2>
            <ol class="case-history">{history}</ol>
        </section>
        {move || {
            ctx.case
                .with(|c| c.as_ref().map(|c| c.id.to_string()))
                .map(|id| view! { <super::messages::CaseMessages case_id=id /> })
        }}
        {move || {
            ctx.case
                .with(|c| c.as_ref().map(|c| c.id.to_string()))
                .map(|id| view! { <super::notices::CaseNotices case_id=id /> })
        }}
        {files}
        <section aria-labelledby="case-answers-heading" class="case-section">
            <h2 id="case-answers-heading" class="ds-heading" data-size="sm">
                {move || t().case_answers}
            </h2>
            <AnswerList editable=false />
        </section>
        <p class="ds-paragraph">
            <A href="/mina-sidor" attr:class="ds-link">
                {move || t().back_to_my_pages}
            </A>
        </p>
    }
}
