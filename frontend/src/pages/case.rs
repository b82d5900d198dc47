//! A submitted case's page (status, case number, answers and dated history), the receipt shown
//! right after submitting, and the list of answers that the review page shares.

use api_types::AttachmentResponse;
use eservice::{Field, FieldKind};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use crate::api::cases;
use crate::forms_i18n::{FormTexts, event_label, status_label};
use crate::i18n::{Lang, use_lang};
use crate::local_time;
use crate::pages::form::{FormHeading, Load, WhenLoaded, def_lang, set_document_title, use_form};

/// An answer as people read it: option labels, Ja/Nej, an address on one line, file names.
/// One entry per line.
pub fn answer_lines(
    field: &Field,
    value: &Value,
    attachments: &[AttachmentResponse],
    lang: Lang,
) -> Vec<String> {
    let dl = def_lang(lang);
    let option_label = |wanted: &str| {
        field
            .kind
            .options()
            .and_then(|options| options.iter().find(|o| o.value == wanted))
            .map_or_else(|| wanted.to_owned(), |o| o.label.get(dl).to_owned())
    };
    match (&field.kind, value) {
        (FieldKind::SingleChoice { .. }, Value::String(chosen)) => vec![option_label(chosen)],
        (FieldKind::MultipleChoice { .. }, Value::Array(chosen)) => chosen
            .iter()
            .filter_map(Value::as_str)
            .map(option_label)
            .collect(),
        (FieldKind::YesNo { .. }, Value::Bool(yes)) => {
            let t = FormTexts::get(lang);
            vec![if *yes { t.yes } else { t.no }.to_owned()]
        }
        (FieldKind::PostalAddress {}, Value::Object(parts)) => {
            let part = |key: &str| {
                parts
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            };
            let place = format!("{} {}", part("postal_code"), part("city"))
                .trim()
                .to_owned();
            vec![
                [part("street"), place]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        }
        (FieldKind::FileUpload { .. }, Value::Array(ids)) => ids
            .iter()
            .filter_map(Value::as_str)
            .map(|id| {
                attachments
                    .iter()
                    .find(|a| a.id == id)
                    .map_or_else(|| id.to_owned(), |a| a.file_name.clone())
            })
            .collect(),
        (_, Value::String(text)) => vec![text.clone()],
        (_, Value::Number(number)) => vec![number.to_string()],
        (_, Value::Bool(yes)) => {
            let t = FormTexts::get(lang);
            vec![if *yes { t.yes } else { t.no }.to_owned()]
        }
        (_, other) => vec![other.to_string()],
    }
}

/// The answers, step by step, as description lists. With `editable`, each step has a "Change"
/// link to its page.
#[component]
pub fn AnswerList(editable: bool) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    move || {
        let lang_now = lang.get();
        let Some(definition) = ctx.definition.get() else {
            return ().into_any();
        };
        let answers = ctx.answers.get();
        let attachments = ctx.attachments.get();
        let visible: Vec<String> = eservice::visible_fields(&definition, &answers)
            .into_iter()
            .filter(|f| f.kind.takes_answer())
            .map(|f| f.id.clone())
            .collect();
        definition
            .steps()
            .iter()
            .enumerate()
            .map(|(index, step)| {
                let title = step.title.get(def_lang(lang_now)).to_owned();
                let heading_id = format!("answers-{}", step.id);
                let rows = step
                    .fields
                    .iter()
                    .filter(|field| visible.contains(&field.id))
                    .map(|field| {
                        let lines = answers
                            .get(&field.id)
                            .filter(|value| !eservice::is_blank(value))
                            .map(|value| answer_lines(field, value, &attachments, lang_now))
                            .unwrap_or_default();
                        let value = if lines.is_empty() {
                            view! { <span class="answer-list__none">{t().no_answer}</span> }
                                .into_any()
                        } else if lines.len() == 1 {
                            let line = lines.into_iter().next().unwrap_or_default();
                            view! { <span class="answer-list__text">{line}</span> }.into_any()
                        } else {
                            view! {
                                <ul class="answer-list__lines">
                                    {lines
                                        .into_iter()
                                        .map(|line| view! { <li>{line}</li> })
                                        .collect_view()}
                                </ul>
                            }
                            .into_any()
                        };
                        view! {
                            <div class="answer-list__row">
                                <dt>{field.label.get(def_lang(lang_now)).to_owned()}</dt>
                                <dd>{value}</dd>
                            </div>
                        }
                    })
                    .collect_view();
                let change = editable.then(|| {
                    let href = ctx.step_url(index + 1);
                    let title = title.clone();
                    view! {
                        <a class="ds-link answer-list__change" href=href>
                            {t().change}
                            <span class="ds-sr-only">{format!(" {title}")}</span>
                        </a>
                    }
                });
                let labelledby = heading_id.clone();
                view! {
                    <section class="answer-list" aria-labelledby=labelledby>
                        <div class="answer-list__head">
                            <h2 class="ds-heading" data-size="sm" id=heading_id>
                                {title}
                            </h2>
                            {change}
                        </div>
                        <dl class="answer-list__items">{rows}</dl>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    }
}

/// The status, case number, answers and dated history of a case that is no longer a draft.
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
                                {status_label(lang_now, &case.status)}
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
                                            href=cases::attachment_url(&a.id)
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
            case.history
                .into_iter()
                .map(|event| {
                    let when = local_time::date_time_words(lang_now, &event.at)
                        .unwrap_or_else(|| event.at.clone());
                    view! {
                        <li class="case-history__item">
                            <span class="case-history__when">{when}</span>
                            <span class="case-history__what">
                                {event_label(lang_now, &event.kind)}
                            </span>
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

/// `/arenden/:id/kvitto`: the receipt, with the case number and a link to the case.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let ctx = use_form();
    let navigate = use_navigate();
    // A draft has no receipt yet: to its review page.
    Effect::new(move |_| {
        if ctx.load.get() == Load::Ready && ctx.is_draft() && !ctx.submitted_here.get() {
            navigate(
                &ctx.url("granska"),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
    let draft = Memo::new(move |_| ctx.is_draft());
    view! {
        <WhenLoaded>
            {move || (!draft.get()).then(|| view! { <Receipt /> })}
        </WhenLoaded>
    }
}

#[component]
fn Receipt() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let title = Signal::derive(move || t().receipt_title.to_owned());
    Effect::new(move |_| {
        let eservice = ctx
            .definition
            .with(|d| {
                d.as_ref()
                    .map(|d| d.title().get(def_lang(lang.get())).to_owned())
            })
            .unwrap_or_default();
        set_document_title(&format!("{} – {eservice}", t().receipt_title));
    });
    let number = move || {
        ctx.case
            .with(|c| c.as_ref().and_then(|c| c.case_number.clone()))
            .unwrap_or_default()
    };
    let submitted = move || {
        ctx.case.with(|c| {
            let at = c.as_ref()?.submitted_at.as_deref()?;
            let date = local_time::date_time_words(lang.get(), at)?;
            Some(t().receipt_submitted.replace("{date}", &date))
        })
    };
    let handling = move || {
        ctx.definition.with(|d| {
            let days = d.as_ref()?.settings().expected_handling_days?;
            Some(t().receipt_handling.replace("{days}", &days.to_string()))
        })
    };
    view! {
        <div class="receipt">
            <FormHeading text=title focus_instead=None />
            <div class="receipt__panel">
                <p class="ds-paragraph receipt__label">{move || t().receipt_number}</p>
                <p class="receipt__number case-number">{number}</p>
            </div>
            <p class="ds-paragraph">{submitted}</p>
            <p class="ds-paragraph">{handling}</p>
            <p class="ds-paragraph">{move || t().receipt_follow}</p>
            <p class="button-row">
                <a class="ds-button" data-variant="primary" href=ctx.url("")>
                    {move || t().receipt_case_link}
                </a>
                <A href="/mina-sidor" attr:class="ds-button" attr:data-variant="secondary">
                    {move || t().receipt_my_pages}
                </A>
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fault_report() -> eservice::EServiceDefinition {
        eservice::EServiceDefinition::from_json(eservice::demo::FELANMALAN_GATA_PARK)
            .unwrap_or_else(|errors| unreachable!("{errors:?}"))
    }

    fn field(definition: &eservice::EServiceDefinition, id: &str) -> Field {
        definition
            .field(id)
            .cloned()
            .unwrap_or_else(|| unreachable!("no field {id}"))
    }

    #[test]
    fn answers_read_as_people_read_them() {
        let definition = fault_report();
        let fault = field(&definition, "fault_type");
        assert_eq!(
            answer_lines(&fault, &json!("playground"), &[], Lang::Sv),
            ["Trasig lekplatsutrustning"]
        );
        assert_eq!(
            answer_lines(&fault, &json!("playground"), &[], Lang::En),
            ["Broken playground equipment"]
        );
        let feedback = field(&definition, "wants_feedback");
        assert_eq!(answer_lines(&feedback, &json!(true), &[], Lang::Sv), ["Ja"]);
        assert_eq!(
            answer_lines(&feedback, &json!(false), &[], Lang::En),
            ["No"]
        );
        let photos = field(&definition, "photos");
        let attachment = AttachmentResponse {
            id: "a1".into(),
            field_id: "photos".into(),
            file_name: "gungan.jpg".into(),
            content_type: "image/jpeg".into(),
            size_bytes: 22,
        };
        assert_eq!(
            answer_lines(&photos, &json!(["a1", "okänd"]), &[attachment], Lang::Sv),
            ["gungan.jpg", "okänd"]
        );
        let location = field(&definition, "location");
        assert_eq!(
            answer_lines(&location, &json!("Storgatan 12"), &[], Lang::Sv),
            ["Storgatan 12"]
        );
    }

    #[test]
    fn an_address_is_one_line() {
        let definition =
            eservice::EServiceDefinition::from_json(eservice::demo::PARKERINGSTILLSTAND)
                .unwrap_or_else(|errors| unreachable!("{errors:?}"));
        let address = field(&definition, "address");
        let value = json!({"street": "Parkvägen 3", "postal_code": "733 30", "city": "Sala"});
        assert_eq!(
            answer_lines(&address, &value, &[], Lang::Sv),
            ["Parkvägen 3, 733 30 Sala"]
        );
    }
}
