//! Errors shown at fields and in error summaries: from the shared validation and from the
//! server's 422 answers, and the element each summary link moves focus to.

use api_types::FieldError;
use eservice::{AnswerError, Answers, EServiceDefinition, FieldKind};
use serde_json::Value;

use crate::api::ApiError;
use crate::i18n::Lang;

/// An error shown at a field and in the error summary, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownError {
    /// The field id.
    pub field: String,
    /// The stable code, e.g. `required`.
    pub code: String,
    /// Swedish.
    pub sv: String,
    /// English.
    pub en: String,
}

impl ShownError {
    /// From the shared validation.
    pub fn from_answer(error: &AnswerError) -> ShownError {
        ShownError {
            field: error.field.clone(),
            code: error.code.to_owned(),
            sv: error.message_sv.clone(),
            en: error.message_en.clone(),
        }
    }

    /// From the server's 422 answer.
    pub fn from_field(error: &FieldError) -> ShownError {
        ShownError {
            field: error.field.clone(),
            code: error.code.clone(),
            sv: error.message_sv.clone(),
            en: error.message.clone(),
        }
    }

    /// The message in the chosen language.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }
}

/// The DOM id of a field's (first) input.
pub fn field_dom_id(field: &str) -> String {
    format!("field-{field}")
}

/// The element an error summary link moves focus to: the field's input, or for an address the
/// part that needs attention.
pub fn error_target(
    definition: &EServiceDefinition,
    answers: &Answers,
    error: &ShownError,
) -> String {
    let base = field_dom_id(&error.field);
    let Some(field) = definition.field(&error.field) else {
        return base;
    };
    if matches!(field.kind, FieldKind::PostalAddress {}) {
        if error.code == "invalid_postal_code" {
            return format!("{base}-postal_code");
        }
        let blank = |part: &str| {
            answers
                .get(&error.field)
                .and_then(|value| value.get(part))
                .and_then(Value::as_str)
                .is_none_or(|text| text.trim().is_empty())
        };
        for part in ["street", "postal_code", "city"] {
            if blank(part) {
                return if part == "street" {
                    base
                } else {
                    format!("{base}-{part}")
                };
            }
        }
    }
    base
}
/// Errors coming back from the server, shown the same way as the browser's.
pub fn server_errors(error: &ApiError) -> Option<Vec<ShownError>> {
    let problem = error.problem()?;
    (problem.code == "validation_failed")
        .then(|| problem.errors.iter().map(ShownError::from_field).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error(field: &str, code: &str) -> ShownError {
        ShownError {
            field: field.into(),
            code: code.into(),
            sv: String::new(),
            en: String::new(),
        }
    }

    #[test]
    fn summary_links_point_at_the_part_of_an_address_that_needs_attention() {
        let definition = EServiceDefinition::from_json(eservice::demo::PARKERINGSTILLSTAND)
            .unwrap_or_else(|errors| unreachable!("{errors:?}"));
        let mut answers = Answers::new();
        assert_eq!(
            error_target(&definition, &answers, &error("phone", "required")),
            "field-phone"
        );
        assert_eq!(
            error_target(&definition, &answers, &error("address", "required")),
            "field-address"
        );
        answers.insert(
            "address".into(),
            json!({"street": "Parkvägen 3", "postal_code": "", "city": "Sala"}),
        );
        assert_eq!(
            error_target(
                &definition,
                &answers,
                &error("address", "incomplete_address")
            ),
            "field-address-postal_code"
        );
        answers.insert(
            "address".into(),
            json!({"street": "Parkvägen 3", "postal_code": "12", "city": "Sala"}),
        );
        assert_eq!(
            error_target(
                &definition,
                &answers,
                &error("address", "invalid_postal_code")
            ),
            "field-address-postal_code"
        );
    }

    #[test]
    fn server_errors_read_like_the_browsers() {
        let shown = ShownError::from_field(&FieldError {
            field: "location".into(),
            code: "required".into(),
            message: "Enter where".into(),
            message_sv: "Fyll i var".into(),
        });
        assert_eq!(shown.text(Lang::Sv), "Fyll i var");
        assert_eq!(shown.text(Lang::En), "Enter where");
    }
}
