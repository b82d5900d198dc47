//! Answers to a form and which fields they make visible.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::definition::{EServiceDefinition, Field};

/// The answers to a form: field id to answer, as the SPA sends them and a
/// draft stores them.
///
/// The answer shape for each field type is documented on
/// [`FieldKind`](crate::FieldKind). A draft keeps whatever was typed, valid
/// or not; [`validate`](crate::validate) says what is wrong with it.
pub type Answers = Map<String, Value>;

/// Which fields are visible, by id, given the answers so far.
///
/// Conditions refer to earlier fields only (the loader checks it), so one
/// pass in form order settles every field: a field is visible when it has
/// no condition, or when the field its condition names is visible and the
/// answer matches.
pub(crate) fn visibility<'a>(
    definition: &'a EServiceDefinition,
    answers: &Answers,
) -> BTreeMap<&'a str, bool> {
    let mut visible: BTreeMap<&str, bool> = BTreeMap::new();
    for field in definition.fields() {
        let shown = match &field.visible_if {
            None => true,
            Some(condition) => {
                visible
                    .get(condition.field.as_str())
                    .copied()
                    .unwrap_or(false)
                    && condition.matches(answers.get(&condition.field))
            }
        };
        visible.insert(&field.id, shown);
    }
    visible
}

/// The fields that are shown for these answers, in form order, information
/// blocks included.
///
/// Hidden fields are not validated, not required, and left out of the
/// canonical answers and the signing summary, but their answers stay in the
/// draft so that nothing typed is lost when a choice is changed back.
#[must_use]
pub fn visible_fields<'a>(definition: &'a EServiceDefinition, answers: &Answers) -> Vec<&'a Field> {
    let visible = visibility(definition, answers);
    definition
        .fields()
        .filter(|field| visible.get(field.id.as_str()).copied().unwrap_or(false))
        .collect()
}

/// Whether an answer counts as not given: `null`, a blank string, an empty
/// array, or an object (a postal address) whose parts are all blank.
#[must_use]
pub fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(parts) => parts.values().all(is_blank),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// The visible fields that take an answer and have a non-blank one, with
/// that answer, in form order.
pub(crate) fn answered_fields<'a, 'b>(
    definition: &'a EServiceDefinition,
    answers: &'b Answers,
) -> Vec<(&'a Field, &'b Value)> {
    visible_fields(definition, answers)
        .into_iter()
        .filter(|field| field.kind.takes_answer())
        .filter_map(|field| {
            answers
                .get(&field.id)
                .filter(|value| !is_blank(value))
                .map(|value| (field, value))
        })
        .collect()
}
