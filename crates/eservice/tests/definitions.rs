//! Loading definitions: the demo e-services, and a table of broken ones.

#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

use std::collections::BTreeSet;

use eservice::{DefinitionError, EServiceDefinition, FieldKind, demo, rules};
use serde_json::{Value, json};

/// A small valid definition that the broken cases start from.
fn base() -> Value {
    json!({
        "slug": "test-tjanst",
        "version": 1,
        "title": {"sv": "Testtjänst", "en": "Test service"},
        "description": {"sv": "En tjänst för tester.", "en": "A service for tests."},
        "settings": {
            "login_required": true,
            "signature_required": true,
            "draft_retention_days": 30,
            "officer_group": "test",
            "published": false
        },
        "steps": [
            {
                "id": "first",
                "title": {"sv": "Först", "en": "First"},
                "fields": [
                    {
                        "id": "kind",
                        "type": "single_choice",
                        "label": {"sv": "Typ", "en": "Kind"},
                        "required": true,
                        "options": [
                            {"value": "a", "label": {"sv": "A", "en": "A"}},
                            {"value": "b", "label": {"sv": "B", "en": "B"}}
                        ]
                    },
                    {
                        "id": "name",
                        "type": "short_text",
                        "label": {"sv": "Namn", "en": "Name"}
                    }
                ]
            },
            {
                "id": "second",
                "title": {"sv": "Sedan", "en": "Then"},
                "fields": [
                    {
                        "id": "email",
                        "type": "email",
                        "label": {"sv": "E-post", "en": "E-mail"},
                        "prefill": "email"
                    },
                    {
                        "id": "more",
                        "type": "yes_no",
                        "label": {"sv": "Mer?", "en": "More?"},
                        "visible_if": {"field": "kind", "equals": "a"}
                    }
                ]
            }
        ]
    })
}

/// `base()` with the value at a JSON pointer replaced (or removed when
/// `new` is `None`).
fn with(pointer: &str, new: Option<Value>) -> Value {
    let mut doc = base();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = doc.pointer_mut(parent).unwrap();
    match (target, new) {
        (Value::Object(map), Some(value)) => {
            map.insert(key.to_owned(), value);
        }
        (Value::Object(map), None) => {
            map.remove(key);
        }
        (Value::Array(items), Some(value)) => {
            let index: usize = key.parse().unwrap();
            if index < items.len() {
                items[index] = value;
            } else {
                items.push(value);
            }
        }
        (Value::Array(items), None) => {
            items.remove(key.parse().unwrap());
        }
        _ => panic!("{pointer} does not point into an object or array"),
    }
    doc
}

fn set(pointer: &str, value: Value) -> Value {
    with(pointer, Some(value))
}

fn errors_of(doc: Value) -> Vec<DefinitionError> {
    match EServiceDefinition::from_value(doc) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    }
}

#[test]
fn the_base_definition_used_by_the_broken_cases_is_valid() {
    let errors = errors_of(base());
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_demo_definition_loads() {
    for (name, text) in demo::ALL {
        let definition = EServiceDefinition::from_json(text)
            .unwrap_or_else(|errors| panic!("{name}: {errors:#?}"));
        assert_eq!(
            format!("{}.json", definition.slug()),
            name,
            "the file is named after the slug"
        );
        assert!(definition.settings().login_required, "{name}");
        assert!(definition.settings().published, "{name}");
    }
}

#[test]
fn the_demo_definitions_have_the_settings_the_issue_asks_for() {
    let fault = EServiceDefinition::from_json(demo::FELANMALAN_GATA_PARK).unwrap();
    assert!(!fault.settings().signature_required);
    assert!(matches!(
        fault.field("photos").map(|f| &f.kind),
        Some(FieldKind::FileUpload { max_count: 3, max_size_bytes: 10_485_760, accept })
            if accept == &["image/jpeg", "image/png", "image/heic"]
    ));
    let feedback = fault.field("feedback_email").unwrap();
    assert_eq!(feedback.prefill, Some(eservice::ProfileBinding::Email));
    assert!(feedback.visible_if.is_some());

    let permit = EServiceDefinition::from_json(demo::PARKERINGSTILLSTAND).unwrap();
    assert!(permit.settings().signature_required);
    assert!(permit.settings().cosigners.is_none());
    assert!(matches!(
        permit.field("medical_certificate").map(|f| &f.kind),
        Some(FieldKind::FileUpload { max_count: 2, .. })
    ));

    let school = EServiceDefinition::from_json(demo::SKOLBYTE).unwrap();
    let cosigners = school.settings().cosigners.as_ref().unwrap();
    assert_eq!(cosigners.count, 1);
    assert_eq!(cosigners.role_label.sv, "Vårdnadshavare 2");
    assert_eq!(cosigners.role_label.en, "Guardian 2");
    assert!(matches!(
        school.field("start_date").map(|f| &f.kind),
        Some(FieldKind::Date {
            not_in_past: true,
            ..
        })
    ));
}

#[test]
fn a_definition_serialises_to_a_document_that_loads_to_an_equal_definition() {
    for (name, text) in demo::ALL {
        let definition = EServiceDefinition::from_json(text).unwrap();
        let written = serde_json::to_string_pretty(&definition).unwrap();
        let again = EServiceDefinition::from_json(&written)
            .unwrap_or_else(|errors| panic!("{name}: {errors:#?}\n{written}"));
        assert_eq!(again, definition, "{name}");
    }
}

#[test]
fn deserialising_a_definition_runs_the_same_checks() {
    let result: Result<EServiceDefinition, _> =
        serde_json::from_value(set("/steps/1/fields/0/id", json!("name")));
    let message = result.unwrap_err().to_string();
    assert!(
        message.contains("steps[1].fields[0] (name): duplicate field id"),
        "{message}"
    );
}

#[test]
fn an_error_names_the_path_the_field_and_the_rule() {
    let errors = errors_of(set("/steps/1/fields/0/id", json!("name")));
    let error = errors
        .iter()
        .find(|e| e.rule == rules::DUPLICATE_FIELD_ID)
        .unwrap();
    assert_eq!(error.path, "steps[1].fields[0]");
    assert_eq!(error.field.as_deref(), Some("name"));
    assert_eq!(
        error.to_string(),
        "steps[1].fields[0] (name): duplicate field id \"name\" (field ids are unique across all steps)"
    );
}

#[test]
fn structural_errors_in_several_fields_are_all_reported() {
    let mut doc = set("/steps/0/fields/1/max_lenght", json!(10));
    doc["steps"][1]["fields"][0]["type"] = json!("colour");
    let errors = errors_of(doc);
    let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.rule, e.path.as_str())).collect();
    assert_eq!(
        found,
        [
            (rules::UNKNOWN_PROPERTY, "steps[0].fields[1]"),
            (rules::UNKNOWN_VALUE, "steps[1].fields[0]"),
        ],
        "{errors:#?}"
    );
    assert!(errors[0].message.contains("max_lenght"), "{}", errors[0]);
}

fn field(value: Value) -> Value {
    let mut object = json!({"id": "extra", "label": {"sv": "Extra", "en": "Extra"}});
    if let (Some(target), Value::Object(source)) = (object.as_object_mut(), value) {
        target.extend(source);
    }
    object
}

fn options(values: &[&str]) -> Value {
    Value::Array(
        values
            .iter()
            .map(|v| json!({"value": v, "label": {"sv": v, "en": v}}))
            .collect(),
    )
}

/// (what is broken, the document, the rule, the path of the error).
fn broken_cases() -> Vec<(&'static str, Value, &'static str, &'static str)> {
    let extra = "/steps/1/fields/2";
    let at = "steps[1].fields[2]";
    let no_login = {
        let mut doc = set("/settings/login_required", json!(false));
        doc["settings"]["signature_required"] = json!(false);
        doc
    };
    let all_info = {
        let mut doc = base();
        let info = |id: &str| {
            json!({"id": id, "type": "info", "label": {"sv": "Info", "en": "Info"},
                   "text": {"sv": "Text", "en": "Text"}})
        };
        doc["steps"] = json!([{"id": "only", "title": {"sv": "S", "en": "S"},
                               "fields": [info("a"), info("b")]}]);
        doc
    };
    vec![
        (
            "a document that is not an object",
            json!([1, 2]),
            rules::INVALID_STRUCTURE,
            "",
        ),
        (
            "an unknown top-level property",
            set("/owner", json!("x")),
            rules::UNKNOWN_PROPERTY,
            "",
        ),
        (
            "a missing title",
            with("/title", None),
            rules::MISSING_PROPERTY,
            "",
        ),
        (
            "a version that is a string",
            set("/version", json!("1")),
            rules::INVALID_STRUCTURE,
            "version",
        ),
        (
            "a slug with capitals and spaces",
            set("/slug", json!("Min Tjänst")),
            rules::INVALID_SLUG,
            "slug",
        ),
        (
            "a slug that is too short",
            set("/slug", json!("ab")),
            rules::INVALID_SLUG,
            "slug",
        ),
        (
            "version 0",
            set("/version", json!(0)),
            rules::INVALID_VERSION,
            "version",
        ),
        (
            "a blank English title",
            set("/title/en", json!("  ")),
            rules::EMPTY_TEXT,
            "title.en",
        ),
        (
            "a title without English",
            with("/title/en", None),
            rules::MISSING_PROPERTY,
            "title",
        ),
        (
            "an unknown settings property",
            set("/settings/bankid", json!(true)),
            rules::UNKNOWN_PROPERTY,
            "settings",
        ),
        (
            "draft retention of 0 days",
            set("/settings/draft_retention_days", json!(0)),
            rules::DRAFT_RETENTION_OUT_OF_RANGE,
            "settings.draft_retention_days",
        ),
        (
            "draft retention over a year",
            set("/settings/draft_retention_days", json!(366)),
            rules::DRAFT_RETENTION_OUT_OF_RANGE,
            "settings.draft_retention_days",
        ),
        (
            "an expected handling time of 0 days",
            set("/settings/expected_handling_days", json!(0)),
            rules::HANDLING_DAYS_OUT_OF_RANGE,
            "settings.expected_handling_days",
        ),
        (
            "an officer group with spaces",
            set("/settings/officer_group", json!("Gata Park")),
            rules::INVALID_OFFICER_GROUP,
            "settings.officer_group",
        ),
        (
            "signature without login",
            set("/settings/login_required", json!(false)),
            rules::SIGNATURE_REQUIRES_LOGIN,
            "settings.signature_required",
        ),
        (
            "co-signers without signature",
            {
                let mut doc = set("/settings/signature_required", json!(false));
                doc["settings"]["cosigners"] = json!({"count": 1, "role_label": {"sv": "Vårdnadshavare 2", "en": "Guardian 2"}});
                doc
            },
            rules::COSIGNERS_REQUIRE_SIGNATURE,
            "settings.cosigners",
        ),
        (
            "four co-signers",
            set(
                "/settings/cosigners",
                json!({"count": 4, "role_label": {"sv": "Medsökande", "en": "Co-applicant"}}),
            ),
            rules::COSIGNER_COUNT_OUT_OF_RANGE,
            "settings.cosigners.count",
        ),
        (
            "a blank co-signer role",
            set(
                "/settings/cosigners",
                json!({"count": 1, "role_label": {"sv": "", "en": "Guardian 2"}}),
            ),
            rules::EMPTY_TEXT,
            "settings.cosigners.role_label.sv",
        ),
        (
            "no steps",
            set("/steps", json!([])),
            rules::NO_STEPS,
            "steps",
        ),
        (
            "steps that are not an array",
            set("/steps", json!({})),
            rules::INVALID_STRUCTURE,
            "steps",
        ),
        (
            "a step without fields",
            set("/steps/1/fields", json!([])),
            rules::EMPTY_STEP,
            "steps[1].fields",
        ),
        (
            "a step with an unknown property",
            set("/steps/0/intro", json!("x")),
            rules::UNKNOWN_PROPERTY,
            "steps[0]",
        ),
        (
            "a step id with capitals",
            set("/steps/0/id", json!("First")),
            rules::INVALID_ID,
            "steps[0].id",
        ),
        (
            "two steps with the same id",
            set("/steps/1/id", json!("first")),
            rules::DUPLICATE_STEP_ID,
            "steps[1]",
        ),
        (
            "a field id starting with a digit",
            set("/steps/0/fields/1/id", json!("1name")),
            rules::INVALID_ID,
            "steps[0].fields[1].id",
        ),
        (
            "two fields with the same id",
            set("/steps/1/fields/0/id", json!("name")),
            rules::DUPLICATE_FIELD_ID,
            "steps[1].fields[0]",
        ),
        (
            "a misspelt field property",
            set("/steps/0/fields/1/max_lenght", json!(10)),
            rules::UNKNOWN_PROPERTY,
            "steps[0].fields[1]",
        ),
        (
            "a property of another field type",
            set("/steps/1/fields/0/options", json!([])),
            rules::UNKNOWN_PROPERTY,
            "steps[1].fields[0]",
        ),
        (
            "an unknown field type",
            set("/steps/0/fields/1/type", json!("colour")),
            rules::UNKNOWN_VALUE,
            "steps[0].fields[1]",
        ),
        (
            "a field without a type",
            with("/steps/0/fields/1/type", None),
            rules::MISSING_PROPERTY,
            "steps[0].fields[1]",
        ),
        (
            "a field without a label",
            with("/steps/0/fields/1/label", None),
            rules::MISSING_PROPERTY,
            "steps[0].fields[1]",
        ),
        (
            "required as a string",
            set("/steps/0/fields/1/required", json!("yes")),
            rules::INVALID_STRUCTURE,
            "steps[0].fields[1]",
        ),
        (
            "a field that is not an object",
            set("/steps/0/fields/1", json!("name")),
            rules::INVALID_STRUCTURE,
            "steps[0].fields[1]",
        ),
        (
            "an unknown prefill binding",
            set("/steps/1/fields/0/prefill", json!("shoe_size")),
            rules::UNKNOWN_VALUE,
            "steps[1].fields[0]",
        ),
        (
            "an unknown pattern",
            set(
                extra,
                field(json!({"type": "short_text", "pattern": "^.*$"})),
            ),
            rules::UNKNOWN_VALUE,
            at,
        ),
        (
            "a blank help text",
            set("/steps/0/fields/1/help", json!({"sv": "Hjälp", "en": ""})),
            rules::EMPTY_TEXT,
            "steps[0].fields[1].help.en",
        ),
        (
            "min_length > max_length",
            set(
                extra,
                field(json!({"type": "short_text", "min_length": 10, "max_length": 5})),
            ),
            rules::INVALID_LENGTH_RANGE,
            at,
        ),
        (
            "max_length 0",
            set(extra, field(json!({"type": "long_text", "max_length": 0}))),
            rules::INVALID_LENGTH_RANGE,
            at,
        ),
        (
            "a short text of 5000 characters",
            set(
                extra,
                field(json!({"type": "short_text", "max_length": 5000})),
            ),
            rules::MAX_LENGTH_TOO_LARGE,
            at,
        ),
        (
            "a number with min > max",
            set(extra, field(json!({"type": "number", "min": 10, "max": 1}))),
            rules::INVALID_NUMBER_RANGE,
            at,
        ),
        (
            "a date with min > max",
            set(
                extra,
                field(json!({"type": "date", "min": "2026-01-02", "max": "2026-01-01"})),
            ),
            rules::INVALID_DATE_RANGE,
            at,
        ),
        (
            "a date that is not ISO",
            set(extra, field(json!({"type": "date", "min": "1/2/2026"}))),
            rules::INVALID_STRUCTURE,
            at,
        ),
        (
            "a date neither in the future nor the past",
            set(
                extra,
                field(json!({"type": "date", "not_in_future": true, "not_in_past": true})),
            ),
            rules::CONFLICTING_DATE_RULES,
            at,
        ),
        (
            "a choice without options",
            set(
                extra,
                field(json!({"type": "single_choice", "options": []})),
            ),
            rules::NO_OPTIONS,
            "steps[1].fields[2].options",
        ),
        (
            "two options with the same value",
            set(
                extra,
                field(json!({"type": "single_choice", "options": options(&["x", "x"])})),
            ),
            rules::DUPLICATE_OPTION_VALUE,
            "steps[1].fields[2].options[1]",
        ),
        (
            "an option value with spaces",
            set(
                extra,
                field(json!({"type": "multiple_choice", "options": options(&["x y"])})),
            ),
            rules::INVALID_OPTION_VALUE,
            "steps[1].fields[2].options[0].value",
        ),
        (
            "an unknown display",
            set(
                extra,
                field(
                    json!({"type": "single_choice", "display": "slider", "options": options(&["x"])}),
                ),
            ),
            rules::UNKNOWN_VALUE,
            at,
        ),
        (
            "min_selected > max_selected",
            set(
                extra,
                field(
                    json!({"type": "multiple_choice", "options": options(&["x", "y", "z"]), "min_selected": 3, "max_selected": 2}),
                ),
            ),
            rules::INVALID_SELECTION_RANGE,
            at,
        ),
        (
            "max_selected 0",
            set(
                extra,
                field(
                    json!({"type": "multiple_choice", "options": options(&["x"]), "max_selected": 0}),
                ),
            ),
            rules::INVALID_SELECTION_RANGE,
            at,
        ),
        (
            "more to select than there are options",
            set(
                extra,
                field(
                    json!({"type": "multiple_choice", "options": options(&["x", "y"]), "min_selected": 3}),
                ),
            ),
            rules::SELECTION_EXCEEDS_OPTIONS,
            at,
        ),
        (
            "require_yes on an optional field",
            set(extra, field(json!({"type": "yes_no", "require_yes": true}))),
            rules::REQUIRE_YES_WITHOUT_REQUIRED,
            at,
        ),
        (
            "a file field accepting nothing",
            set(
                extra,
                field(
                    json!({"type": "file_upload", "accept": [], "max_size_bytes": 1000, "max_count": 1}),
                ),
            ),
            rules::NO_ACCEPTED_TYPES,
            "steps[1].fields[2].accept",
        ),
        (
            "a wildcard MIME type",
            set(
                extra,
                field(
                    json!({"type": "file_upload", "accept": ["image/*"], "max_size_bytes": 1000, "max_count": 1}),
                ),
            ),
            rules::INVALID_MIME_TYPE,
            "steps[1].fields[2].accept[0]",
        ),
        (
            "files of 0 bytes",
            set(
                extra,
                field(
                    json!({"type": "file_upload", "accept": ["application/pdf"], "max_size_bytes": 0, "max_count": 1}),
                ),
            ),
            rules::INVALID_MAX_SIZE,
            "steps[1].fields[2].max_size_bytes",
        ),
        (
            "files of 1 GB",
            set(
                extra,
                field(
                    json!({"type": "file_upload", "accept": ["application/pdf"], "max_size_bytes": 1_000_000_000_u64, "max_count": 1}),
                ),
            ),
            rules::INVALID_MAX_SIZE,
            "steps[1].fields[2].max_size_bytes",
        ),
        (
            "no files allowed",
            set(
                extra,
                field(
                    json!({"type": "file_upload", "accept": ["application/pdf"], "max_size_bytes": 1000, "max_count": 0}),
                ),
            ),
            rules::INVALID_MAX_COUNT,
            "steps[1].fields[2].max_count",
        ),
        (
            "a file field without max_count",
            set(
                extra,
                field(
                    json!({"type": "file_upload", "accept": ["application/pdf"], "max_size_bytes": 1000}),
                ),
            ),
            rules::MISSING_PROPERTY,
            at,
        ),
        (
            "a required info block",
            set(
                extra,
                field(
                    json!({"type": "info", "required": true, "text": {"sv": "Text", "en": "Text"}}),
                ),
            ),
            rules::INFO_CANNOT_BE_REQUIRED,
            at,
        ),
        (
            "a blank info text",
            set(
                extra,
                field(json!({"type": "info", "text": {"sv": "", "en": "Text"}})),
            ),
            rules::EMPTY_TEXT,
            "steps[1].fields[2].text.sv",
        ),
        (
            "a prefilled info block",
            set(
                extra,
                field(
                    json!({"type": "info", "prefill": "email", "text": {"sv": "Text", "en": "Text"}}),
                ),
            ),
            rules::PREFILL_TYPE_MISMATCH,
            "steps[1].fields[2].prefill",
        ),
        (
            "prefill email on a short text",
            set("/steps/0/fields/1/prefill", json!("email")),
            rules::PREFILL_TYPE_MISMATCH,
            "steps[0].fields[1].prefill",
        ),
        (
            "prefill a name into an e-mail field",
            set("/steps/1/fields/0/prefill", json!("full_name")),
            rules::PREFILL_TYPE_MISMATCH,
            "steps[1].fields[0].prefill",
        ),
        (
            "prefill without login",
            no_login,
            rules::PREFILL_REQUIRES_LOGIN,
            "steps[1].fields[0].prefill",
        ),
        (
            "a condition on an unknown field",
            set("/steps/1/fields/1/visible_if/field", json!("x")),
            rules::UNKNOWN_CONDITION_FIELD,
            "steps[1].fields[1].visible_if",
        ),
        (
            "a condition on a later field",
            set(
                "/steps/0/fields/1/visible_if",
                json!({"field": "more", "equals": true}),
            ),
            rules::CONDITION_FIELD_NOT_EARLIER,
            "steps[0].fields[1].visible_if",
        ),
        (
            "a condition on the field itself",
            set(
                "/steps/1/fields/1/visible_if",
                json!({"field": "more", "equals": true}),
            ),
            rules::CONDITION_FIELD_NOT_EARLIER,
            "steps[1].fields[1].visible_if",
        ),
        (
            "a condition on a text field",
            set("/steps/1/fields/1/visible_if/field", json!("name")),
            rules::UNSUPPORTED_CONDITION_FIELD,
            "steps[1].fields[1].visible_if",
        ),
        (
            "a condition on an option that does not exist",
            set("/steps/1/fields/1/visible_if/equals", json!("c")),
            rules::INVALID_CONDITION_VALUE,
            "steps[1].fields[1].visible_if",
        ),
        (
            "a yes/no condition on a string",
            set(
                extra,
                field(
                    json!({"type": "short_text", "visible_if": {"field": "more", "equals": "yes"}}),
                ),
            ),
            rules::INVALID_CONDITION_VALUE,
            "steps[1].fields[2].visible_if",
        ),
        (
            "a condition with both equals and any_of",
            set("/steps/1/fields/1/visible_if/any_of", json!(["a"])),
            rules::INVALID_CONDITION,
            "steps[1].fields[1].visible_if",
        ),
        (
            "a condition with neither equals nor any_of",
            set("/steps/1/fields/1/visible_if", json!({"field": "kind"})),
            rules::INVALID_CONDITION,
            "steps[1].fields[1].visible_if",
        ),
        (
            "a condition with an empty any_of",
            set(
                "/steps/1/fields/1/visible_if",
                json!({"field": "kind", "any_of": []}),
            ),
            rules::INVALID_CONDITION,
            "steps[1].fields[1].visible_if",
        ),
        (
            "a form with only info blocks",
            all_info,
            rules::NO_ANSWERABLE_FIELDS,
            "steps",
        ),
    ]
}

#[test]
fn each_broken_definition_is_rejected_with_the_expected_rule_and_path() {
    let mut failures = Vec::new();
    for (what, doc, rule, path) in broken_cases() {
        let errors = errors_of(doc);
        if !errors.iter().any(|e| e.rule == rule && e.path == path) {
            failures.push(format!(
                "{what}: expected {rule} at {path:?}, got {:?}",
                errors
                    .iter()
                    .map(|e| format!("{} at {:?}: {}", e.rule, e.path, e.message))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_broken_cases_cover_every_rule() {
    let mut covered: BTreeSet<&str> = broken_cases().into_iter().map(|case| case.2).collect();
    // Text that is not JSON at all can only come through `from_json`.
    let not_json = EServiceDefinition::from_json("{\"slug\": ").unwrap_err();
    assert_eq!(not_json[0].rule, rules::INVALID_JSON);
    assert_eq!(not_json[0].path, "");
    covered.insert(rules::INVALID_JSON);
    let missing: Vec<&str> = rules::ALL
        .iter()
        .copied()
        .filter(|rule| !covered.contains(rule))
        .collect();
    assert!(missing.is_empty(), "no broken case for {missing:?}");
}

#[test]
fn every_error_of_a_definition_with_several_problems_is_reported_in_document_order() {
    let mut doc = set("/slug", json!("X"));
    doc["version"] = json!(0);
    doc["steps"][1]["fields"][1]["visible_if"]["field"] = json!("nope");
    let rules_found: Vec<&str> = errors_of(doc).iter().map(|e| e.rule).collect();
    assert_eq!(
        rules_found,
        [
            rules::INVALID_SLUG,
            rules::INVALID_VERSION,
            rules::UNKNOWN_CONDITION_FIELD
        ]
    );
}
