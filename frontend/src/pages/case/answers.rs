//! The answers as people read them, and their list (shared by the review page and a case's
//! overview).

use api_types::AttachmentResponse;
use eservice::{Field, FieldKind};
use leptos::prelude::*;
use serde_json::Value;

use crate::forms_i18n::FormTexts;
use crate::i18n::{Lang, use_lang};
use crate::pages::form::{def_lang, use_form};

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
                    .find(|a| a.id == *id)
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
            id: "00000000-0000-0000-0000-0000000000a1".parse().unwrap(),
            field_id: "photos".into(),
            file_name: "gungan.jpg".into(),
            content_type: "image/jpeg".into(),
            size_bytes: 22,
        };
        assert_eq!(
            answer_lines(
                &photos,
                &json!(["00000000-0000-0000-0000-0000000000a1", "okänd"]),
                &[attachment],
                Lang::Sv
            ),
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
