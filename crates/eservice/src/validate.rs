//! Validating answers: the rules the server enforces and the SPA mirrors.

use chrono::NaiveDate;
use domain::{Email, Personnummer, PhoneNumber};
use serde::Serialize;
use serde_json::Value;

use crate::answers::{Answers, is_blank, visibility};
use crate::definition::{EServiceDefinition, Field, FieldKind, PhonePurpose, PostalAddress};
use crate::localized::Lang;
use crate::messages::{self, Problem};
use crate::pattern::is_postal_code;

/// Most characters in the street part of a postal address.
pub const MAX_STREET_LENGTH: u32 = 200;
/// Most characters in the city part of a postal address.
pub const MAX_CITY_LENGTH: u32 = 100;

/// The stable snake_case codes of [`AnswerError::code`].
pub mod codes {
    /// A required, visible field has no answer.
    pub const REQUIRED: &str = "required";
    /// Fewer characters than `min_length`.
    pub const TOO_SHORT: &str = "too_short";
    /// More characters than `max_length` (or the street/city limits).
    pub const TOO_LONG: &str = "too_long";
    /// Control characters, or a line break in one-line text.
    pub const INVALID_CHARACTERS: &str = "invalid_characters";
    /// A `short_text` answer does not have the field's named pattern.
    pub const PATTERN_MISMATCH: &str = "pattern_mismatch";
    /// A number field's answer is not a number.
    pub const NOT_A_NUMBER: &str = "not_a_number";
    /// An integer field's answer has decimals.
    pub const NOT_AN_INTEGER: &str = "not_an_integer";
    /// Below the field's `min`.
    pub const BELOW_MINIMUM: &str = "below_minimum";
    /// Above the field's `max`.
    pub const ABOVE_MAXIMUM: &str = "above_maximum";
    /// Not a real date written `YYYY-MM-DD`.
    pub const INVALID_DATE: &str = "invalid_date";
    /// Before the date field's `min`.
    pub const DATE_TOO_EARLY: &str = "date_too_early";
    /// After the date field's `max`.
    pub const DATE_TOO_LATE: &str = "date_too_late";
    /// After today on a `not_in_future` field.
    pub const DATE_IN_FUTURE: &str = "date_in_future";
    /// Before today on a `not_in_past` field.
    pub const DATE_IN_PAST: &str = "date_in_past";
    /// Not one of the field's option values.
    pub const INVALID_CHOICE: &str = "invalid_choice";
    /// Fewer options selected than `min_selected`.
    pub const TOO_FEW_SELECTED: &str = "too_few_selected";
    /// More options selected than `max_selected`.
    pub const TOO_MANY_SELECTED: &str = "too_many_selected";
    /// "No" on a `require_yes` field.
    pub const MUST_BE_YES: &str = "must_be_yes";
    /// Rejected by [`domain::Email::parse`].
    pub const INVALID_EMAIL: &str = "invalid_email";
    /// Rejected by [`domain::PhoneNumber::parse`].
    pub const INVALID_PHONE: &str = "invalid_phone";
    /// Rejected by [`domain::Personnummer::parse_at`].
    pub const INVALID_PERSONNUMMER: &str = "invalid_personnummer";
    /// The postal code of an address is not five digits.
    pub const INVALID_POSTAL_CODE: &str = "invalid_postal_code";
    /// An address with some but not all of street, postal code and city.
    pub const INCOMPLETE_ADDRESS: &str = "incomplete_address";
    /// More attachments than `max_count`.
    pub const TOO_MANY_FILES: &str = "too_many_files";
    /// An answer for a field the e-service does not have (or an info block).
    pub const UNKNOWN_FIELD: &str = "unknown_field";
    /// [`Scope::Step`](crate::Scope::Step) named a step that does not exist.
    pub const UNKNOWN_STEP: &str = "unknown_step";
    /// The answer has the wrong JSON type for the field (a client bug).
    pub const WRONG_TYPE: &str = "wrong_type";

    /// Every answer error code, for documentation and translations.
    pub const ALL: [&str; 27] = [
        REQUIRED,
        TOO_SHORT,
        TOO_LONG,
        INVALID_CHARACTERS,
        PATTERN_MISMATCH,
        NOT_A_NUMBER,
        NOT_AN_INTEGER,
        BELOW_MINIMUM,
        ABOVE_MAXIMUM,
        INVALID_DATE,
        DATE_TOO_EARLY,
        DATE_TOO_LATE,
        DATE_IN_FUTURE,
        DATE_IN_PAST,
        INVALID_CHOICE,
        TOO_FEW_SELECTED,
        TOO_MANY_SELECTED,
        MUST_BE_YES,
        INVALID_EMAIL,
        INVALID_PHONE,
        INVALID_PERSONNUMMER,
        INVALID_POSTAL_CODE,
        INCOMPLETE_ADDRESS,
        TOO_MANY_FILES,
        UNKNOWN_FIELD,
        UNKNOWN_STEP,
        WRONG_TYPE,
    ];
}

/// What part of the form to validate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// The visible fields of one step, by step id (going to the next page).
    Step(&'a str),
    /// Every visible field, plus answers for fields that do not exist
    /// (submitting).
    All,
}

/// One problem with one answer: a code for programs and a message for
/// people, in Swedish and English.
///
/// This is what a 422 response lists per field. The messages name the
/// field's label, so they also read well in an error summary at the top of
/// the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerError {
    /// The field id (for `unknown_field` the unknown key, for
    /// `unknown_step` the step id).
    pub field: String,
    /// A stable code from [`codes`].
    pub code: &'static str,
    /// The message in Swedish.
    pub message_sv: String,
    /// The message in English.
    pub message_en: String,
}

impl AnswerError {
    /// The message in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.message_sv,
            Lang::En => &self.message_en,
        }
    }

    fn new(field: &str, code: &'static str, (sv, en): (String, String)) -> Self {
        Self {
            field: field.to_owned(),
            code,
            message_sv: sv,
            message_en: en,
        }
    }
}

/// Validates the answers of one step or of the whole form.
///
/// Only visible fields are checked, and a hidden field is never required.
/// Each field gets at most one error, the first rule it breaks, and errors
/// come in form order. With [`Scope::All`], answers whose key is not a field
/// that takes an answer are reported last as `unknown_field`. An unknown
/// step id gives a single `unknown_step` error.
///
/// `today` is the reference date for `not_in_future`/`not_in_past` dates
/// and for personnummer (century and birth dates in the future).
#[must_use]
pub fn validate(
    definition: &EServiceDefinition,
    answers: &Answers,
    scope: Scope<'_>,
    today: NaiveDate,
) -> Vec<AnswerError> {
    let fields: Vec<&Field> = match scope {
        Scope::All => definition.fields().collect(),
        Scope::Step(id) => match definition.step(id) {
            Some(step) => step.fields.iter().collect(),
            None => {
                return vec![AnswerError::new(
                    id,
                    codes::UNKNOWN_STEP,
                    messages::unknown_step(id),
                )];
            }
        },
    };
    let visible = visibility(definition, answers);
    let mut errors: Vec<AnswerError> = fields
        .into_iter()
        .filter(|field| visible.get(field.id.as_str()).copied().unwrap_or(false))
        .filter_map(|field| validate_field(field, answers.get(&field.id), today))
        .collect();
    if scope == Scope::All {
        for key in answers.keys() {
            let known = definition
                .field(key)
                .is_some_and(|field| field.kind.takes_answer());
            if !known {
                errors.push(AnswerError::new(
                    key,
                    codes::UNKNOWN_FIELD,
                    messages::unknown_field(key),
                ));
            }
        }
    }
    errors
}

/// Validates one field's answer, ignoring visibility (the caller decides
/// whether the field is shown). `None` and blank answers (see
/// [`is_blank`]) count as not answered.
#[must_use]
pub fn validate_field(
    field: &Field,
    answer: Option<&Value>,
    today: NaiveDate,
) -> Option<AnswerError> {
    if !field.kind.takes_answer() {
        return None;
    }
    let problem = match answer.filter(|value| !is_blank(value)) {
        None if field.required => Some(Problem::Required),
        None => None,
        Some(value) => check_answer(&field.kind, value, today).err(),
    }?;
    let (code, text) = messages::describe(&problem, field);
    Some(AnswerError::new(&field.id, code, text))
}

/// Checks a non-blank answer against its field type.
fn check_answer(kind: &FieldKind, value: &Value, today: NaiveDate) -> Result<(), Problem> {
    match kind {
        FieldKind::ShortText {
            min_length,
            max_length,
            pattern,
        } => {
            let text = as_str(value)?;
            check_text(text, *min_length, *max_length, false)?;
            match pattern {
                Some(pattern) if !pattern.matches(text) => Err(Problem::PatternMismatch(*pattern)),
                _ => Ok(()),
            }
        }
        FieldKind::LongText {
            min_length,
            max_length,
        } => check_text(as_str(value)?, *min_length, *max_length, true),
        FieldKind::Number { min, max, integer } => {
            let number = parse_number(value)?;
            if *integer && number.fract() != 0.0 {
                return Err(Problem::NotAnInteger);
            }
            if let Some(min) = min
                && number < *min
            {
                return Err(Problem::BelowMinimum(*min));
            }
            if let Some(max) = max
                && number > *max
            {
                return Err(Problem::AboveMaximum(*max));
            }
            Ok(())
        }
        FieldKind::Date {
            min,
            max,
            not_in_future,
            not_in_past,
        } => {
            let date = parse_iso_date(as_str(value)?).ok_or(Problem::InvalidDate)?;
            if *not_in_future && date > today {
                return Err(Problem::DateInFuture);
            }
            if *not_in_past && date < today {
                return Err(Problem::DateInPast);
            }
            if let Some(min) = min
                && date < *min
            {
                return Err(Problem::DateTooEarly(*min));
            }
            if let Some(max) = max
                && date > *max
            {
                return Err(Problem::DateTooLate(*max));
            }
            Ok(())
        }
        FieldKind::SingleChoice { options, .. } => {
            let chosen = as_str(value)?;
            if options.iter().any(|option| option.value == chosen) {
                Ok(())
            } else {
                Err(Problem::InvalidChoice)
            }
        }
        FieldKind::MultipleChoice {
            options,
            min_selected,
            max_selected,
        } => {
            let Value::Array(items) = value else {
                return Err(Problem::WrongType);
            };
            let mut chosen: Vec<&str> = Vec::with_capacity(items.len());
            for item in items {
                let item = as_str(item)?;
                if !options.iter().any(|option| option.value == item) {
                    return Err(Problem::InvalidChoice);
                }
                if !chosen.contains(&item) {
                    chosen.push(item);
                }
            }
            let count = chosen.len();
            if let Some(min) = min_selected
                && count < to_usize(*min)
            {
                return Err(Problem::TooFewSelected(*min));
            }
            if let Some(max) = max_selected
                && count > to_usize(*max)
            {
                return Err(Problem::TooManySelected(*max));
            }
            Ok(())
        }
        FieldKind::YesNo { require_yes } => match value {
            Value::Bool(false) if *require_yes => Err(Problem::MustBeYes),
            Value::Bool(_) => Ok(()),
            _ => Err(Problem::WrongType),
        },
        FieldKind::Email {} => Email::parse(as_str(value)?)
            .map(drop)
            .map_err(|_| Problem::InvalidEmail),
        FieldKind::Phone {
            purpose: PhonePurpose::Call,
        } => PhoneNumber::parse_callable(as_str(value)?)
            .map(drop)
            .map_err(|_| Problem::InvalidPhone),
        FieldKind::Phone {
            purpose: PhonePurpose::Sms,
        } => PhoneNumber::parse(as_str(value)?)
            .map(drop)
            .map_err(|_| Problem::InvalidMobile),
        FieldKind::Personnummer {} => Personnummer::parse_at(as_str(value)?, today)
            .map(drop)
            .map_err(Problem::InvalidPersonnummer),
        FieldKind::PostalAddress {} => check_address(value),
        FieldKind::FileUpload { max_count, .. } => {
            let Value::Array(items) = value else {
                return Err(Problem::WrongType);
            };
            if items
                .iter()
                .any(|item| item.as_str().is_none_or(|id| id.trim().is_empty()))
            {
                return Err(Problem::WrongType);
            }
            if items.len() > to_usize(*max_count) {
                return Err(Problem::TooManyFiles {
                    max: *max_count,
                    actual: items.len(),
                });
            }
            Ok(())
        }
        FieldKind::Info { .. } => Ok(()),
    }
}

fn as_str(value: &Value) -> Result<&str, Problem> {
    value.as_str().ok_or(Problem::WrongType)
}

fn to_usize(value: u32) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

/// Length in characters after trimming; control characters are refused
/// except line breaks and tabs in multi-line text.
fn check_text(text: &str, min: Option<u32>, max: u32, multiline: bool) -> Result<(), Problem> {
    let text = text.trim();
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(Problem::InvalidCharacters);
    }
    let length = text.chars().count();
    if length > to_usize(max) {
        return Err(Problem::TooLong {
            max,
            actual: length,
        });
    }
    match min {
        Some(min) if length < to_usize(min) => Err(Problem::TooShort(min)),
        _ => Ok(()),
    }
}

/// A JSON number, or a string with digits, an optional sign, at most one
/// decimal comma or point, and spaces as thousands separators.
pub(crate) fn parse_number(value: &Value) -> Result<f64, Problem> {
    match value {
        Value::Number(number) => number
            .as_f64()
            .filter(|n| n.is_finite())
            .ok_or(Problem::NotANumber),
        Value::String(text) => parse_decimal(text).ok_or(Problem::NotANumber),
        _ => Err(Problem::WrongType),
    }
}

fn parse_decimal(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| match c {
            ',' => '.',
            '\u{2212}' => '-',
            other => other,
        })
        .collect();
    let body = cleaned
        .strip_prefix('-')
        .or_else(|| cleaned.strip_prefix('+'))
        .unwrap_or(&cleaned);
    let (whole, fraction) = match body.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Exactly `YYYY-MM-DD` and a real date.
pub(crate) fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return None;
    }
    let year = text.get(0..4)?.parse().ok()?;
    let month = text.get(5..7)?.parse().ok()?;
    let day = text.get(8..10)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

fn check_address(value: &Value) -> Result<(), Problem> {
    let address: PostalAddress =
        serde_json::from_value(value.clone()).map_err(|_| Problem::WrongType)?;
    let parts = [&address.street, &address.postal_code, &address.city];
    if parts.iter().any(|part| part.trim().is_empty()) {
        return Err(Problem::IncompleteAddress);
    }
    if parts.iter().any(|part| part.chars().any(char::is_control)) {
        return Err(Problem::InvalidCharacters);
    }
    for (part, max) in [
        (&address.street, MAX_STREET_LENGTH),
        (&address.city, MAX_CITY_LENGTH),
    ] {
        let length = part.trim().chars().count();
        if length > to_usize(max) {
            return Err(Problem::TooLong {
                max,
                actual: length,
            });
        }
    }
    if !is_postal_code(address.postal_code.trim()) {
        return Err(Problem::InvalidPostalCode);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_accept_swedish_and_english_notation() {
        assert_eq!(parse_decimal("3,5"), Some(3.5));
        assert_eq!(parse_decimal("3.5"), Some(3.5));
        assert_eq!(parse_decimal(" 12 000 "), Some(12_000.0));
        assert_eq!(parse_decimal("\u{2212}4"), Some(-4.0));
        assert_eq!(parse_decimal("+7"), Some(7.0));
        for bad in [
            "", "abc", "1e5", "inf", "NaN", "1,2,3", ",5", "5,", "0x10", "--1",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn iso_dates_must_be_exact_and_real() {
        assert_eq!(
            parse_iso_date("2026-02-28"),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28",
            "2026/02/28",
            "+2026-02-2",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_answer_code_is_listed_once() {
        let unique: std::collections::BTreeSet<&str> = codes::ALL.iter().copied().collect();
        assert_eq!(unique.len(), codes::ALL.len());
    }
}
