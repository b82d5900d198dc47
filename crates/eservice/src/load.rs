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

// ---------------------------------------------------------------------------
// Semantic rules
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Checker {
    errors: Vec<DefinitionError>,
}

impl Checker {
    fn push(&mut self, path: &str, field: Option<&str>, rule: &'static str, message: String) {
        self.errors
            .push(DefinitionError::new(path, field, rule, message));
    }

    fn text(&mut self, text: &Localized, path: &str, field: Option<&str>) {
        for (lang, value) in [("sv", &text.sv), ("en", &text.en)] {
            if value.trim().is_empty() {
                self.push(
                    &format!("{path}.{lang}"),
                    field,
                    r::EMPTY_TEXT,
                    format!("the {} text must not be empty", language_name(lang)),
                );
            }
        }
    }
}

fn language_name(code: &str) -> &'static str {
    if code == "sv" { "Swedish" } else { "English" }
}

/// Lowercase `a-z`, digits and single hyphens, 3–64 characters, starting
/// and ending with a letter or digit.
pub(crate) fn is_slug(slug: &str) -> bool {
    (3..=64).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// `a-z` followed by `a-z`, digits and `_`, at most 64 characters.
fn is_id(id: &str) -> bool {
    id.len() <= 64
        && id.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// 1–64 characters of lowercase `a-z`, digits, `-` and `_`.
fn is_token(value: &str) -> bool {
    (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A concrete lowercase MIME type `type/subtype` (no wildcards, no
/// parameters).
fn is_mime_type(value: &str) -> bool {
    let token = |part: &str| {
        !part.is_empty()
            && part.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(
                        b,
                        b'!' | b'#' | b'$' | b'&' | b'^' | b'_' | b'.' | b'+' | b'-'
                    )
            })
    };
    value
        .split_once('/')
        .is_some_and(|(kind, subtype)| token(kind) && token(subtype))
}

fn check(definition: &EServiceDefinition) -> Vec<DefinitionError> {
    let mut c = Checker::default();

    if !is_slug(&definition.slug) {
        c.push(
            "slug",
            None,
            r::INVALID_SLUG,
            format!(
                "slug \"{}\" must be 3-64 characters of lowercase a-z, digits and single hyphens, not starting or ending with a hyphen",
                definition.slug
            ),
        );
    }
    if definition.version == 0 {
        c.push(
            "version",
            None,
            r::INVALID_VERSION,
            "version must be 1 or more".to_owned(),
        );
    }
    c.text(&definition.title, "title", None);
    c.text(&definition.description, "description", None);
    check_settings(&mut c, &definition.settings);
    check_steps(&mut c, definition);
    c.errors
}

fn check_settings(c: &mut Checker, settings: &Settings) {
    if !(1..=MAX_DRAFT_RETENTION_DAYS).contains(&settings.draft_retention_days) {
        c.push(
            "settings.draft_retention_days",
            None,
            r::DRAFT_RETENTION_OUT_OF_RANGE,
            format!(
                "draft_retention_days must be 1-{MAX_DRAFT_RETENTION_DAYS}, not {}",
                settings.draft_retention_days
            ),
        );
    }
    if let Some(days) = settings.expected_handling_days
        && !(1..=MAX_HANDLING_DAYS).contains(&days)
    {
        c.push(
            "settings.expected_handling_days",
            None,
            r::HANDLING_DAYS_OUT_OF_RANGE,
            format!("expected_handling_days must be 1-{MAX_HANDLING_DAYS}, not {days}"),
        );
    }
    if let Some(days) = settings.reply_window_days
        && days > MAX_HANDLING_DAYS
    {
        c.push(
            "settings.reply_window_days",
            None,
            r::REPLY_WINDOW_OUT_OF_RANGE,
            format!("reply_window_days must be 0-{MAX_HANDLING_DAYS}, not {days}"),
        );
    }
    if !is_token(&settings.officer_group) {
        c.push(
            "settings.officer_group",
            None,
            r::INVALID_OFFICER_GROUP,
            format!(
                "officer_group \"{}\" must be 1-64 characters of lowercase a-z, digits, - and _",
                settings.officer_group
            ),
        );
    }
    if settings.signature_required && !settings.login_required {
        c.push(
            "settings.signature_required",
            None,
            r::SIGNATURE_REQUIRES_LOGIN,
            "signature_required needs login_required: signing is done with BankID by a logged-in citizen".to_owned(),
        );
    }
    if let Some(cosigners) = &settings.cosigners {
        if !settings.signature_required {
            c.push(
                "settings.cosigners",
                None,
                r::COSIGNERS_REQUIRE_SIGNATURE,
                "cosigners needs signature_required: co-signers sign after the applicant has signed".to_owned(),
            );
        }
        if !(1..=MAX_COSIGNERS).contains(&cosigners.count) {
            c.push(
                "settings.cosigners.count",
                None,
                r::COSIGNER_COUNT_OUT_OF_RANGE,
                format!(
                    "cosigners.count must be 1-{MAX_COSIGNERS}, not {}",
                    cosigners.count
                ),
            );
        }
        c.text(&cosigners.role_label, "settings.cosigners.role_label", None);
    }
}

fn check_steps(c: &mut Checker, definition: &EServiceDefinition) {
    if definition.steps.is_empty() {
        c.push(
            "steps",
            None,
            r::NO_STEPS,
            "an e-service needs at least one step".to_owned(),
        );
        return;
    }
    let mut step_ids = BTreeSet::new();
    // Fields seen so far, for duplicates and for conditions.
    let mut earlier: BTreeMap<&str, &Field> = BTreeMap::new();
    for (step_index, step) in definition.steps.iter().enumerate() {
        let path = format!("steps[{step_index}]");
        if !is_id(&step.id) {
            c.push(
                &format!("{path}.id"),
                None,
                r::INVALID_ID,
                format!(
                    "step id \"{}\" must start with a-z and contain only a-z, digits and _ (at most 64)",
                    step.id
                ),
            );
        }
        if !step_ids.insert(step.id.as_str()) {
            c.push(
                &path,
                None,
                r::DUPLICATE_STEP_ID,
                format!("duplicate step id \"{}\"", step.id),
            );
        }
        c.text(&step.title, &format!("{path}.title"), None);
        if step.fields.is_empty() {
            c.push(
                &format!("{path}.fields"),
                None,
                r::EMPTY_STEP,
                format!("step \"{}\" has no fields", step.id),
            );
        }
        for (field_index, field) in step.fields.iter().enumerate() {
            let field_path = format!("{path}.fields[{field_index}]");
            check_field(c, definition, &earlier, field, &field_path);
            if earlier.contains_key(field.id.as_str()) {
                c.push(
                    &field_path,
                    Some(&field.id),
                    r::DUPLICATE_FIELD_ID,
                    format!(
                        "duplicate field id \"{}\" (field ids are unique across all steps)",
                        field.id
                    ),
                );
            } else {
                earlier.insert(&field.id, field);
            }
        }
    }
    if !definition.fields().any(|field| field.kind.takes_answer()) {
        c.push(
            "steps",
            None,
            r::NO_ANSWERABLE_FIELDS,
            "the form has no field that takes an answer".to_owned(),
        );
    }
}

fn check_field(
    c: &mut Checker,
    definition: &EServiceDefinition,
    earlier: &BTreeMap<&str, &Field>,
    field: &Field,
    path: &str,
) {
    let id = Some(field.id.as_str());
    if !is_id(&field.id) {
        c.push(
            &format!("{path}.id"),
            id,
            r::INVALID_ID,
            format!(
                "field id \"{}\" must start with a-z and contain only a-z, digits and _ (at most 64)",
                field.id
            ),
        );
    }
    c.text(&field.label, &format!("{path}.label"), id);
    if let Some(help) = &field.help {
        c.text(help, &format!("{path}.help"), id);
    }
    check_kind(c, field, path);
    if let Some(binding) = field.prefill {
        let prefill_path = format!("{path}.prefill");
        if !field.kind.takes_answer() {
            c.push(
                &prefill_path,
                id,
                r::PREFILL_TYPE_MISMATCH,
                "an info block takes no answer and cannot be prefilled".to_owned(),
            );
        } else if binding.field_type() != field.kind.type_name() {
            c.push(
                &prefill_path,
                id,
                r::PREFILL_TYPE_MISMATCH,
                format!(
                    "a field bound to prefill {} must be of type {}, not {}",
                    binding.name(),
                    binding.field_type(),
                    field.kind.type_name()
                ),
            );
        }
        if !definition.settings.login_required {
            c.push(
                &prefill_path,
                id,
                r::PREFILL_REQUIRES_LOGIN,
                "prefill needs login_required: only a logged-in citizen has a profile".to_owned(),
            );
        }
    }
    if let Some(condition) = &field.visible_if {
        check_condition(c, definition, earlier, field, condition, path);
    }
}

fn check_kind(c: &mut Checker, field: &Field, path: &str) {
    let id = Some(field.id.as_str());
    match &field.kind {
        FieldKind::ShortText {
            min_length,
            max_length,
            ..
        } => check_lengths(
            c,
            id,
            path,
            *min_length,
            *max_length,
            SHORT_TEXT_MAX_LENGTH_LIMIT,
        ),
        FieldKind::LongText {
            min_length,
            max_length,
        } => check_lengths(
            c,
            id,
            path,
            *min_length,
            *max_length,
            LONG_TEXT_MAX_LENGTH_LIMIT,
        ),
        FieldKind::Number { min, max, .. } => {
            if let (Some(min), Some(max)) = (min, max)
                && min > max
            {
                c.push(
                    path,
                    id,
                    r::INVALID_NUMBER_RANGE,
                    format!("min {min} > max {max}"),
                );
            }
        }
        FieldKind::Date {
            min,
            max,
            not_in_future,
            not_in_past,
        } => {
            if let (Some(min), Some(max)) = (min, max)
                && min > max
            {
                c.push(
                    path,
                    id,
                    r::INVALID_DATE_RANGE,
                    format!("min {min} > max {max}"),
                );
            }
            if *not_in_future && *not_in_past {
                c.push(
                    path,
                    id,
                    r::CONFLICTING_DATE_RULES,
                    "not_in_future and not_in_past together allow only today; use one of them"
                        .to_owned(),
                );
            }
        }
        FieldKind::SingleChoice { options, .. } => check_options(c, id, path, options),
        FieldKind::MultipleChoice {
            options,
            min_selected,
            max_selected,
        } => {
            check_options(c, id, path, options);
            if let (Some(min), Some(max)) = (min_selected, max_selected)
                && min > max
            {
                c.push(
                    path,
                    id,
                    r::INVALID_SELECTION_RANGE,
                    format!("min_selected {min} > max_selected {max}"),
                );
            }
            if *max_selected == Some(0) {
                c.push(
                    path,
                    id,
                    r::INVALID_SELECTION_RANGE,
                    "max_selected must be at least 1".to_owned(),
                );
            }
            let available = options.len();
            for (name, value) in [
                ("min_selected", min_selected),
                ("max_selected", max_selected),
            ] {
                if let Some(value) = value
                    && usize::try_from(*value).unwrap_or(usize::MAX) > available
                {
                    c.push(
                        path,
                        id,
                        r::SELECTION_EXCEEDS_OPTIONS,
                        format!("{name} {value} > the {available} options"),
                    );
                }
            }
        }
        FieldKind::YesNo { require_yes } => {
            if *require_yes && !field.required {
                c.push(
                    path,
                    id,
                    r::REQUIRE_YES_WITHOUT_REQUIRED,
                    "require_yes needs required: true".to_owned(),
                );
            }
        }
        FieldKind::FileUpload {
            accept,
            max_size_bytes,
            max_count,
        } => {
            if accept.is_empty() {
                c.push(
                    &format!("{path}.accept"),
                    id,
                    r::NO_ACCEPTED_TYPES,
                    "accept must list at least one MIME type".to_owned(),
                );
            }
            for (index, mime) in accept.iter().enumerate() {
                if !is_mime_type(mime) {
                    c.push(
                        &format!("{path}.accept[{index}]"),
                        id,
                        r::INVALID_MIME_TYPE,
                        format!(
                            "\"{mime}\" is not a concrete lowercase MIME type such as image/jpeg"
                        ),
                    );
                }
            }
            if *max_size_bytes == 0 || *max_size_bytes > FILE_MAX_SIZE_LIMIT {
                c.push(
                    &format!("{path}.max_size_bytes"),
                    id,
                    r::INVALID_MAX_SIZE,
                    format!("max_size_bytes must be 1-{FILE_MAX_SIZE_LIMIT}, not {max_size_bytes}"),
                );
            }
            if *max_count == 0 || *max_count > FILE_MAX_COUNT_LIMIT {
                c.push(
                    &format!("{path}.max_count"),
                    id,
                    r::INVALID_MAX_COUNT,
                    format!("max_count must be 1-{FILE_MAX_COUNT_LIMIT}, not {max_count}"),
                );
            }
        }
        FieldKind::Info { text } => {
            c.text(text, &format!("{path}.text"), id);
            if field.required {
                c.push(
                    path,
                    id,
                    r::INFO_CANNOT_BE_REQUIRED,
                    "an info block takes no answer and cannot be required".to_owned(),
                );
            }
        }
        FieldKind::Email {}
        | FieldKind::Phone { .. }
        | FieldKind::Personnummer {}
        | FieldKind::PostalAddress {} => {}
    }
}

fn check_lengths(
    c: &mut Checker,
    id: Option<&str>,
    path: &str,
    min_length: Option<u32>,
    max_length: u32,
    limit: u32,
) {
    if max_length == 0 {
        c.push(
            path,
            id,
            r::INVALID_LENGTH_RANGE,
            "max_length must be at least 1".to_owned(),
        );
    }
    if let Some(min) = min_length
        && min > max_length
    {
        c.push(
            path,
            id,
            r::INVALID_LENGTH_RANGE,
            format!("min_length {min} > max_length {max_length}"),
        );
    }
    if max_length > limit {
        c.push(
            path,
            id,
            r::MAX_LENGTH_TOO_LARGE,
            format!("max_length {max_length} is above the limit {limit} for this field type"),
        );
    }
}

fn check_options(c: &mut Checker, id: Option<&str>, path: &str, options: &[ChoiceOption]) {
    if options.is_empty() {
        c.push(
            &format!("{path}.options"),
            id,
            r::NO_OPTIONS,
            "options must not be empty".to_owned(),
        );
    }
    let mut values = BTreeSet::new();
    for (index, option) in options.iter().enumerate() {
        let option_path = format!("{path}.options[{index}]");
        if !is_token(&option.value) {
            c.push(
                &format!("{option_path}.value"),
                id,
                r::INVALID_OPTION_VALUE,
                format!(
                    "option value \"{}\" must be 1-64 characters of lowercase a-z, digits, - and _",
                    option.value
                ),
            );
        }
        if !values.insert(option.value.as_str()) {
            c.push(
                &option_path,
                id,
                r::DUPLICATE_OPTION_VALUE,
                format!("duplicate option value \"{}\"", option.value),
            );
        }
        c.text(&option.label, &format!("{option_path}.label"), id);
    }
}

fn check_condition(
    c: &mut Checker,
    definition: &EServiceDefinition,
    earlier: &BTreeMap<&str, &Field>,
    field: &Field,
    condition: &Condition,
    path: &str,
) {
    let id = Some(field.id.as_str());
    let path = format!("{path}.visible_if");
    match (&condition.equals, &condition.any_of) {
        (Some(_), Some(_)) | (None, None) => c.push(
            &path,
            id,
            r::INVALID_CONDITION,
            "visible_if needs exactly one of equals and any_of".to_owned(),
        ),
        (None, Some(values)) if values.is_empty() => c.push(
            &path,
            id,
            r::INVALID_CONDITION,
            "visible_if.any_of must not be empty".to_owned(),
        ),
        _ => {}
    }
    let Some(target) = earlier.get(condition.field.as_str()) else {
        if definition.field(&condition.field).is_some() {
            c.push(
                &path,
                id,
                r::CONDITION_FIELD_NOT_EARLIER,
                format!(
                    "visible_if must refer to an earlier field, and \"{}\" is not before this one",
                    condition.field
                ),
            );
        } else {
            c.push(
                &path,
                id,
                r::UNKNOWN_CONDITION_FIELD,
                format!("visible_if refers to unknown field \"{}\"", condition.field),
            );
        }
        return;
    };
    let fits: Box<dyn Fn(&Value) -> bool> = match &target.kind {
        FieldKind::YesNo { .. } => Box::new(Value::is_boolean),
        FieldKind::SingleChoice { options, .. } | FieldKind::MultipleChoice { options, .. } => {
            Box::new(move |value: &Value| {
                value
                    .as_str()
                    .is_some_and(|v| options.iter().any(|option| option.value == v))
            })
        }
        other => {
            c.push(
                &path,
                id,
                r::UNSUPPORTED_CONDITION_FIELD,
                format!(
                    "visible_if can refer to yes_no, single_choice and multiple_choice fields, and \"{}\" is {}",
                    condition.field,
                    other.type_name()
                ),
            );
            return;
        }
    };
    for value in condition.values() {
        if !fits(value) {
            c.push(
                &path,
                id,
                r::INVALID_CONDITION_VALUE,
                format!(
                    "{value} can never be an answer to the {} field \"{}\"",
                    target.kind.type_name(),
                    condition.field
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_code_is_listed_once_and_is_snake_case() {
        let unique: BTreeSet<&str> = rules::ALL.iter().copied().collect();
        assert_eq!(unique.len(), rules::ALL.len(), "a rule is listed twice");
        for rule in rules::ALL {
            assert!(
                rule.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{rule}"
            );
        }
    }

    #[test]
    fn slugs_are_lowercase_with_single_inner_hyphens() {
        for ok in ["skolbyte", "felanmalan-gata-park", "abc", "a1-b2"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in [
            "ab",
            "Skolbyte",
            "-abc",
            "abc-",
            "a--b",
            "åäö",
            "a_b",
            &"a".repeat(65),
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn mime_types_must_be_concrete_and_lowercase() {
        for ok in [
            "image/jpeg",
            "application/pdf",
            "image/svg+xml",
            "application/vnd.ms-excel",
        ] {
            assert!(is_mime_type(ok), "{ok}");
        }
        for bad in [
            "image/*",
            "Image/JPEG",
            "pdf",
            "image/",
            "/jpeg",
            "text/plain; charset=utf-8",
        ] {
            assert!(!is_mime_type(bad), "{bad}");
        }
    }
}
