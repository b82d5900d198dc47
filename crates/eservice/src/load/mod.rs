//! Loading a definition: JSON structure first, then the semantic rules.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::definition::{
    ChoiceOption, Condition, EServiceDefinition, Field, FieldKind, Settings, Step,
};
use crate::localized::Localized;

/// Longest `max_length` a `short_text` field may set.
pub const SHORT_TEXT_MAX_LENGTH_LIMIT: u32 = 1000;
/// Longest `max_length` a `long_text` field may set.
pub const LONG_TEXT_MAX_LENGTH_LIMIT: u32 = 20_000;
/// Largest `max_size_bytes` a `file_upload` field may set (50 MiB).
pub const FILE_MAX_SIZE_LIMIT: u64 = 50 * 1024 * 1024;
/// Largest `max_count` a `file_upload` field may set.
pub const FILE_MAX_COUNT_LIMIT: u32 = 20;
/// Most co-signers an e-service may ask for.
pub const MAX_COSIGNERS: u8 = 3;
/// Longest draft retention, in days.
pub const MAX_DRAFT_RETENTION_DAYS: u32 = 365;
/// Longest expected handling time, in days.
pub const MAX_HANDLING_DAYS: u32 = 365;

/// The stable snake_case codes of the rules a definition can break
/// ([`DefinitionError::rule`]).
pub mod rules {
    /// The input is not JSON at all.
    pub const INVALID_JSON: &str = "invalid_json";
    /// A value has the wrong JSON type or shape (e.g. a string where a
    /// number belongs, or a document that is not an object).
    pub const INVALID_STRUCTURE: &str = "invalid_structure";
    /// An object has a property the format does not know (often a typo).
    pub const UNKNOWN_PROPERTY: &str = "unknown_property";
    /// A required property is missing.
    pub const MISSING_PROPERTY: &str = "missing_property";
    /// A name from a fixed list is not on it (field `type`, `prefill`,
    /// `pattern`, `display`).
    pub const UNKNOWN_VALUE: &str = "unknown_value";
    /// `slug` is not 3–64 characters of `a-z`, `0-9` and single hyphens.
    pub const INVALID_SLUG: &str = "invalid_slug";
    /// `version` is 0.
    pub const INVALID_VERSION: &str = "invalid_version";
    /// A Swedish or English text is blank.
    pub const EMPTY_TEXT: &str = "empty_text";
    /// `draft_retention_days` is outside 1–365.
    pub const DRAFT_RETENTION_OUT_OF_RANGE: &str = "draft_retention_out_of_range";
    /// `expected_handling_days` is outside 1–365.
    pub const HANDLING_DAYS_OUT_OF_RANGE: &str = "handling_days_out_of_range";
    /// `reply_window_days` is over 365.
    pub const REPLY_WINDOW_OUT_OF_RANGE: &str = "reply_window_out_of_range";
    /// `officer_group` is not 1–64 characters of `a-z`, `0-9`, `-`, `_`.
    pub const INVALID_OFFICER_GROUP: &str = "invalid_officer_group";
    /// `signature_required` without `login_required`.
    pub const SIGNATURE_REQUIRES_LOGIN: &str = "signature_requires_login";
    /// `cosigners` without `signature_required`.
    pub const COSIGNERS_REQUIRE_SIGNATURE: &str = "cosigners_require_signature";
    /// `cosigners.count` is outside 1–3.
    pub const COSIGNER_COUNT_OUT_OF_RANGE: &str = "cosigner_count_out_of_range";
    /// `steps` is empty.
    pub const NO_STEPS: &str = "no_steps";
    /// A step has no fields.
    pub const EMPTY_STEP: &str = "empty_step";
    /// No field in the whole form takes an answer.
    pub const NO_ANSWERABLE_FIELDS: &str = "no_answerable_fields";
    /// A step or field id is not `a-z` followed by `a-z`, `0-9`, `_`.
    pub const INVALID_ID: &str = "invalid_id";
    /// Two steps share an id.
    pub const DUPLICATE_STEP_ID: &str = "duplicate_step_id";
    /// Two fields share an id (ids are unique across all steps).
    pub const DUPLICATE_FIELD_ID: &str = "duplicate_field_id";
    /// `min_length` > `max_length`, or `max_length` is 0.
    pub const INVALID_LENGTH_RANGE: &str = "invalid_length_range";
    /// `max_length` is above the limit for the field type.
    pub const MAX_LENGTH_TOO_LARGE: &str = "max_length_too_large";
    /// `min` > `max` on a number field.
    pub const INVALID_NUMBER_RANGE: &str = "invalid_number_range";
    /// `min` > `max` on a date field.
    pub const INVALID_DATE_RANGE: &str = "invalid_date_range";
    /// Both `not_in_future` and `not_in_past` on a date field.
    pub const CONFLICTING_DATE_RULES: &str = "conflicting_date_rules";
    /// A choice field has no options.
    pub const NO_OPTIONS: &str = "no_options";
    /// Two options of a field share a value.
    pub const DUPLICATE_OPTION_VALUE: &str = "duplicate_option_value";
    /// An option value is not 1–64 characters of `a-z`, `0-9`, `-`, `_`.
    pub const INVALID_OPTION_VALUE: &str = "invalid_option_value";
    /// `min_selected` > `max_selected`, or `max_selected` is 0.
    pub const INVALID_SELECTION_RANGE: &str = "invalid_selection_range";
    /// `min_selected` or `max_selected` exceeds the number of options.
    pub const SELECTION_EXCEEDS_OPTIONS: &str = "selection_exceeds_options";
    /// `require_yes` on a field that is not required.
    pub const REQUIRE_YES_WITHOUT_REQUIRED: &str = "require_yes_without_required";
    /// A file field accepts no types.
    pub const NO_ACCEPTED_TYPES: &str = "no_accepted_types";
    /// An accepted type is not a concrete lowercase `type/subtype`.
    pub const INVALID_MIME_TYPE: &str = "invalid_mime_type";
    /// `max_size_bytes` is 0 or above 50 MiB.
    pub const INVALID_MAX_SIZE: &str = "invalid_max_size";
    /// `max_count` is 0 or above 20.
    pub const INVALID_MAX_COUNT: &str = "invalid_max_count";
    /// An info block is marked required.
    pub const INFO_CANNOT_BE_REQUIRED: &str = "info_cannot_be_required";
    /// A prefill binding does not fit the field type.
    pub const PREFILL_TYPE_MISMATCH: &str = "prefill_type_mismatch";
    /// Prefill in an e-service that does not require login.
    pub const PREFILL_REQUIRES_LOGIN: &str = "prefill_requires_login";
    /// `visible_if` names a field that does not exist.
    pub const UNKNOWN_CONDITION_FIELD: &str = "unknown_condition_field";
    /// `visible_if` names this field or a later one.
    pub const CONDITION_FIELD_NOT_EARLIER: &str = "condition_field_not_earlier";
    /// `visible_if` names a field whose type conditions cannot use.
    pub const UNSUPPORTED_CONDITION_FIELD: &str = "unsupported_condition_field";
    /// `visible_if` has neither or both of `equals` and `any_of`, or an
    /// empty `any_of`.
    pub const INVALID_CONDITION: &str = "invalid_condition";
    /// A `visible_if` value can never be an answer of the named field.
    pub const INVALID_CONDITION_VALUE: &str = "invalid_condition_value";

    /// Every rule code, for documentation and tests.
    pub const ALL: [&str; 43] = [
        INVALID_JSON,
        INVALID_STRUCTURE,
        UNKNOWN_PROPERTY,
        MISSING_PROPERTY,
        UNKNOWN_VALUE,
        INVALID_SLUG,
        INVALID_VERSION,
        EMPTY_TEXT,
        DRAFT_RETENTION_OUT_OF_RANGE,
        HANDLING_DAYS_OUT_OF_RANGE,
        INVALID_OFFICER_GROUP,
        SIGNATURE_REQUIRES_LOGIN,
        COSIGNERS_REQUIRE_SIGNATURE,
        COSIGNER_COUNT_OUT_OF_RANGE,
        NO_STEPS,
        EMPTY_STEP,
        NO_ANSWERABLE_FIELDS,
        INVALID_ID,
        DUPLICATE_STEP_ID,
        DUPLICATE_FIELD_ID,
        INVALID_LENGTH_RANGE,
        MAX_LENGTH_TOO_LARGE,
        INVALID_NUMBER_RANGE,
        INVALID_DATE_RANGE,
        CONFLICTING_DATE_RULES,
        NO_OPTIONS,
        DUPLICATE_OPTION_VALUE,
        INVALID_OPTION_VALUE,
        INVALID_SELECTION_RANGE,
        SELECTION_EXCEEDS_OPTIONS,
        REQUIRE_YES_WITHOUT_REQUIRED,
        NO_ACCEPTED_TYPES,
        INVALID_MIME_TYPE,
        INVALID_MAX_SIZE,
        INVALID_MAX_COUNT,
        INFO_CANNOT_BE_REQUIRED,
        PREFILL_TYPE_MISMATCH,
        PREFILL_REQUIRES_LOGIN,
        UNKNOWN_CONDITION_FIELD,
        CONDITION_FIELD_NOT_EARLIER,
        UNSUPPORTED_CONDITION_FIELD,
        INVALID_CONDITION,
        INVALID_CONDITION_VALUE,
    ];
}

use rules as r;

/// One broken rule in a definition: where, which rule, and a message for
/// the author.
///
/// `path` points into the document with 0-based indexes, e.g.
/// `steps[1].fields[2].visible_if`; it is empty for the document as a whole.
/// `field` is the id of the field the error is about, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefinitionError {
    /// Where in the document, e.g. `steps[1].fields[2]`.
    pub path: String,
    /// The id of the field concerned, if any.
    pub field: Option<String>,
    /// The stable rule code; see [`rules`].
    pub rule: &'static str,
    /// What is wrong, in English, for the author of the definition.
    pub message: String,
}

impl DefinitionError {
    fn new(
        path: impl Into<String>,
        field: Option<&str>,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            field: field.map(str::to_owned),
            rule,
            message: message.into(),
        }
    }
}

/// `steps[1].fields[2] (kommun): duplicate field id "kommun"`.
impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str("definition")?;
        } else {
            f.write_str(&self.path)?;
        }
        if let Some(field) = &self.field {
            write!(f, " ({field})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DefinitionError {}

/// All the errors found in a definition, as one error value (what
/// deserialising an [`EServiceDefinition`] fails with).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid e-service definition: {}", join_errors(.0))]
pub struct DefinitionErrors(pub Vec<DefinitionError>);

fn join_errors(errors: &[DefinitionError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl TryFrom<Value> for EServiceDefinition {
    type Error = DefinitionErrors;

    fn try_from(value: Value) -> Result<Self, Self::Error> {
        Self::from_value(value).map_err(DefinitionErrors)
    }
}

impl EServiceDefinition {
    /// Parses and checks a definition document.
    ///
    /// Unknown properties are rejected everywhere. Structural errors (wrong
    /// types, missing or unknown properties) are collected per step and
    /// field; if there are none, the semantic rules run and all their
    /// errors are returned together.
    ///
    /// # Errors
    ///
    /// Every [`DefinitionError`] found, in document order.
    pub fn from_json(input: &str) -> Result<Self, Vec<DefinitionError>> {
        let value: Value = serde_json::from_str(input).map_err(|e| {
            vec![DefinitionError::new(
                "",
                None,
                r::INVALID_JSON,
                format!("not valid JSON: {e}"),
            )]
        })?;
        Self::from_value(value)
    }

    /// Checks an already parsed definition document; see
    /// [`from_json`](Self::from_json).
    ///
    /// # Errors
    ///
    /// Every [`DefinitionError`] found, in document order.
    pub fn from_value(value: Value) -> Result<Self, Vec<DefinitionError>> {
        let mut errors = Vec::new();
        let definition = decode_definition(value, &mut errors);
        match definition {
            Some(definition) if errors.is_empty() => {
                let problems = check(&definition);
                if problems.is_empty() {
                    Ok(definition)
                } else {
                    Err(problems)
                }
            }
            _ => Err(errors),
        }
    }
}

// ---------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------

/// The rule for a serde error message. serde's wording for these cases is
/// stable and the only classification it offers.
fn structure_rule(message: &str) -> &'static str {
    if message.starts_with("unknown field") {
        r::UNKNOWN_PROPERTY
    } else if message.starts_with("missing field") {
        r::MISSING_PROPERTY
    } else if message.starts_with("unknown variant") {
        r::UNKNOWN_VALUE
    } else {
        r::INVALID_STRUCTURE
    }
}

fn structure_error(
    errors: &mut Vec<DefinitionError>,
    path: &str,
    field: Option<&str>,
    message: String,
) {
    let rule = structure_rule(&message);
    errors.push(DefinitionError::new(path, field, rule, message));
}

/// Takes an object apart: reports unknown and missing keys and returns the
/// object, or reports that the value is not an object.
fn expect_object(
    value: Value,
    path: &str,
    field: Option<&str>,
    keys: &[&str],
    errors: &mut Vec<DefinitionError>,
) -> Option<Map<String, Value>> {
    let Value::Object(object) = value else {
        errors.push(DefinitionError::new(
            path,
            field,
            r::INVALID_STRUCTURE,
            format!("expected an object, found {}", json_type(&value)),
        ));
        return None;
    };
    for key in object.keys() {
        if !keys.contains(&key.as_str()) {
            errors.push(DefinitionError::new(
                path,
                field,
                r::UNKNOWN_PROPERTY,
                format!(
                    "unknown field `{key}`, expected one of {}",
                    keys.iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    for key in keys {
        if !object.contains_key(*key) {
            errors.push(DefinitionError::new(
                path,
                field,
                r::MISSING_PROPERTY,
                format!("missing field `{key}`"),
            ));
        }
    }
    Some(object)
}

fn decode<T: DeserializeOwned>(
    value: Option<Value>,
    path: &str,
    field: Option<&str>,
    errors: &mut Vec<DefinitionError>,
) -> Option<T> {
    // A missing value has been reported by `expect_object`.
    let value = value?;
    match serde_json::from_value(value) {
        Ok(decoded) => Some(decoded),
        Err(e) => {
            structure_error(errors, path, field, e.to_string());
            None
        }
    }
}

fn decode_array(
    value: Option<Value>,
    path: &str,
    field: Option<&str>,
    errors: &mut Vec<DefinitionError>,
) -> Option<Vec<Value>> {
    match value? {
        Value::Array(items) => Some(items),
        other => {
            errors.push(DefinitionError::new(
                path,
                field,
                r::INVALID_STRUCTURE,
                format!("expected an array, found {}", json_type(&other)),
            ));
            None
        }
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn decode_definition(
    value: Value,
    errors: &mut Vec<DefinitionError>,
) -> Option<EServiceDefinition> {
    const KEYS: [&str; 6] = [
        "slug",
        "version",
        "title",
        "description",
        "settings",
        "steps",
    ];
    let mut root = expect_object(value, "", None, &KEYS, errors)?;
    let slug: Option<String> = decode(root.remove("slug"), "slug", None, errors);
    let version: Option<u32> = decode(root.remove("version"), "version", None, errors);
    let title: Option<Localized> = decode(root.remove("title"), "title", None, errors);
    let description: Option<Localized> =
        decode(root.remove("description"), "description", None, errors);
    let settings: Option<Settings> = decode(root.remove("settings"), "settings", None, errors);
    let steps = decode_array(root.remove("steps"), "steps", None, errors).map(|items| {
        items
            .into_iter()
            .enumerate()
            .filter_map(|(index, item)| decode_step(item, index, errors))
            .collect::<Vec<_>>()
    });
    Some(EServiceDefinition {
        slug: slug?,
        version: version?,
        title: title?,
        description: description?,
        settings: settings?,
        steps: steps?,
    })
}

fn decode_step(value: Value, index: usize, errors: &mut Vec<DefinitionError>) -> Option<Step> {
    let path = format!("steps[{index}]");
    let mut object = expect_object(value, &path, None, &["id", "title", "fields"], errors)?;
    let id: Option<String> = decode(object.remove("id"), &format!("{path}.id"), None, errors);
    let title: Option<Localized> = decode(
        object.remove("title"),
        &format!("{path}.title"),
        None,
        errors,
    );
    let fields_path = format!("{path}.fields");
    let fields = decode_array(object.remove("fields"), &fields_path, None, errors).map(|items| {
        let mut fields = Vec::with_capacity(items.len());
        let mut complete = true;
        for (index, item) in items.into_iter().enumerate() {
            match decode_field(item, &format!("{fields_path}[{index}]"), errors) {
                Some(field) => fields.push(field),
                None => complete = false,
            }
        }
        complete.then_some(fields)
    });
    Some(Step {
        id: id?,
        title: title?,
        fields: fields??,
    })
}

fn decode_field(value: Value, path: &str, errors: &mut Vec<DefinitionError>) -> Option<Field> {
    let Value::Object(object) = value else {
        errors.push(DefinitionError::new(
            path,
            None,
            r::INVALID_STRUCTURE,
            format!("expected a field object, found {}", json_type(&value)),
        ));
        return None;
    };
    let id = object.get("id").and_then(Value::as_str).map(str::to_owned);
    match Field::try_from(object) {
        Ok(field) => Some(field),
        Err(message) => {
            structure_error(errors, path, id.as_deref(), message);
            None
        }
    }
}

mod check;
use check::check;

#[cfg(test)]
mod tests;
