//! The canonical form of the answers, and its SHA-256 digest for BankID.
//!
//! # The canonical form
//!
//! ```text
//! {"answers":{<id>:<answer>,...},"eservice":<slug>,"version":<version>}
//! ```
//!
//! * Only fields that are visible for these answers, take an answer and have
//!   a non-blank one (see [`is_blank`](crate::is_blank)) are included;
//!   hidden fields, information blocks, blank answers and keys that are not
//!   fields are left out.
//! * Object keys are sorted by their UTF-8 bytes, at every level (the
//!   answer ids, and the parts of a postal address).
//! * No whitespace between tokens. Arrays keep their order.
//! * Strings are written with `"` and `\` escaped as `\"` and `\\`, the
//!   control characters U+0000–U+001F as `\b`, `\f`, `\n`, `\r`, `\t` or
//!   `\u00XX` (lowercase hex), and everything else as raw UTF-8. Answers are
//!   written as given (not trimmed or normalised), so the digest can be
//!   recomputed from the stored answers.
//! * Numbers are written as `serde_json` writes them (`12`, `3.5`).
//! * The e-service slug and definition version are part of the form, so the
//!   same answers to another e-service or version give another digest.
//! * When answers name attached files, [`canonical_form`] adds
//!   `"files":{<attachment id>:<SHA-256 hex of its content>,...}` (keys sorted,
//!   between `"eservice"` and `"version"`), so that replacing a file's content
//!   changes the digest although its id stays.
//!
//! The result does not depend on the order of keys in the input, nor on
//! whether `serde_json` preserves insertion order.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::answers::{Answers, answered_fields};
use crate::definition::EServiceDefinition;

/// The canonical JSON text of the visible, answered fields; see the module
/// documentation for the exact form.
#[must_use]
pub fn canonical_answers(definition: &EServiceDefinition, answers: &Answers) -> String {
    canonical_form(definition, answers, &BTreeMap::new())
}

/// The canonical JSON text of the answers and of the content of the files
/// they name: `files` maps attachment ids to the SHA-256 (hex) of their
/// content. Without files it equals [`canonical_answers`].
#[must_use]
pub fn canonical_form(
    definition: &EServiceDefinition,
    answers: &Answers,
    files: &BTreeMap<String, String>,
) -> String {
    let mut pairs: Vec<(&str, &Value)> = answered_fields(definition, answers)
        .into_iter()
        .map(|(field, value)| (field.id.as_str(), value))
        .collect();
    pairs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));

    let mut out = String::from("{\"answers\":{");
    for (index, (id, value)) in pairs.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_string(&mut out, id);
        out.push(':');
        write_value(&mut out, value);
    }
    out.push_str("},\"eservice\":");
    write_string(&mut out, definition.slug());
    if !files.is_empty() {
        out.push_str(",\"files\":{");
        // BTreeMap iterates in key order, which for these ASCII ids is byte order.
        for (index, (id, sha256)) in files.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            write_string(&mut out, id);
            out.push(':');
            write_string(&mut out, sha256);
        }
        out.push('}');
    }
    let _ = write!(out, ",\"version\":{}}}", definition.version());
    out
}

/// SHA-256 of [`canonical_answers`] (its UTF-8 bytes): what BankID sign
/// gets as `userNonVisibleData` (base64-encoded by the caller).
#[must_use]
pub fn answers_digest(definition: &EServiceDefinition, answers: &Answers) -> [u8; 32] {
    Sha256::digest(canonical_answers(definition, answers).as_bytes()).into()
}

/// SHA-256 of [`canonical_form`]: what is signed when the answers name files.
#[must_use]
pub fn signed_digest(
    definition: &EServiceDefinition,
    answers: &Answers,
    files: &BTreeMap<String, String>,
) -> [u8; 32] {
    Sha256::digest(canonical_form(definition, answers, files).as_bytes()).into()
}

/// The attachment ids that the visible file fields name, per field id, in
/// form order. Ids that are not strings are left out (validation reports
/// them).
#[must_use]
pub fn file_answers<'a>(
    definition: &'a EServiceDefinition,
    answers: &'a Answers,
) -> Vec<(&'a str, Vec<&'a str>)> {
    answered_fields(definition, answers)
        .into_iter()
        .filter(|(field, _)| matches!(field.kind, crate::FieldKind::FileUpload { .. }))
        .map(|(field, value)| {
            let ids = value
                .as_array()
                .map(|items| items.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            (field.id.as_str(), ids)
        })
        .collect()
}

/// [`answers_digest`] as 64 lowercase hex digits, for logs and receipts.
#[must_use]
pub fn answers_digest_hex(definition: &EServiceDefinition, answers: &Answers) -> String {
    hex::encode(answers_digest(definition, answers))
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => {
            let _ = write!(out, "{number}");
        }
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(object) => {
            let mut entries: Vec<(&String, &Value)> = object.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_like_serde_json_does() {
        for text in [
            "plain",
            "åäö €",
            "quote \" and \\",
            "line\nbreak\ttab",
            "\u{1}\u{1f}\u{7f}",
        ] {
            let mut ours = String::new();
            write_string(&mut ours, text);
            let theirs = serde_json::to_string(text).unwrap();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn nested_object_keys_are_sorted() {
        let value = serde_json::json!({"b": 1, "a": {"z": true, "y": [2, "x"]}});
        let mut out = String::new();
        write_value(&mut out, &value);
        assert_eq!(out, r#"{"a":{"y":[2,"x"],"z":true},"b":1}"#);
    }
}
