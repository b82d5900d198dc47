//! Request-body rules declared with `validator` on the API types, turned into the API's
//! `validation_failed` problem with one Swedish and English message per field.

use api_types::FieldError;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::error::ApiError;

/// Checks `body` against its declared rules.
pub fn validated<T: Validate>(body: T) -> Result<T, ApiError> {
    match body.validate() {
        Ok(()) => Ok(body),
        Err(errors) => Err(ApiError::Validation(field_errors(&errors))),
    }
}

fn field_errors(errors: &ValidationErrors) -> Vec<FieldError> {
    let mut list = Vec::new();
    for (field, kind) in errors.errors() {
        let ValidationErrorsKind::Field(errors) = kind else {
            continue;
        };
        for error in errors {
            let min = error.params.get("min").and_then(serde_json::Value::as_u64);
            let max = error.params.get("max").and_then(serde_json::Value::as_u64);
            let (code, message, message_sv) = match (min, max) {
                (Some(1), _) if error.code == "length" && is_empty(error) => (
                    "required",
                    "Fill this in.".to_owned(),
                    "Fyll i det här fältet.".to_owned(),
                ),
                (_, Some(max)) if error.code == "length" => (
                    "too_long",
                    format!("At most {max} (characters or items)."),
                    format!("Högst {max} (tecken eller delar)."),
                ),
                _ => (
                    "invalid",
                    "This value is not valid.".to_owned(),
                    "Värdet är inte giltigt.".to_owned(),
                ),
            };
            list.push(FieldError {
                field: field.to_string(),
                code: code.into(),
                message,
                message_sv,
            });
        }
    }
    list
}

fn is_empty(error: &validator::ValidationError) -> bool {
    error
        .params
        .get("value")
        .and_then(serde_json::Value::as_str)
        .is_some_and(str::is_empty)
}
