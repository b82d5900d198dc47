//! The published JSON Schema (`api-spec/eservice-definition.schema.json`)
//! agrees with the loader: the demo definitions pass, broken ones fail, and
//! every field type is described.

#![expect(
    clippy::unwrap_used,
    reason = "a failed expectation in a test helper is the test failing"
)]

use eservice::{EServiceDefinition, FieldKind, TextPattern, demo};
use serde_json::{Value, json};

/// A change that breaks a valid definition.
type Mutation = Box<dyn Fn(&mut Value)>;

const SCHEMA: &str = include_str!("../../../api-spec/eservice-definition.schema.json");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).unwrap()
}

fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::meta::validate(&schema).unwrap();
}

#[test]
fn every_demo_definition_validates_against_the_schema() {
    let validator = validator();
    for (name, text) in demo::ALL {
        let instance: Value = serde_json::from_str(text).unwrap();
        let errors = schema_errors(&validator, &instance);
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    }
}

#[test]
fn a_definition_written_back_by_the_crate_validates_against_the_schema() {
    let validator = validator();
    for (name, text) in demo::ALL {
        let definition = EServiceDefinition::from_json(text).unwrap();
        let written = serde_json::to_value(&definition).unwrap();
        let errors = schema_errors(&validator, &written);
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    }
}

#[test]
fn the_schema_names_every_field_type_pattern_and_profile_binding() {
    let schema = schema();
    let types: Vec<&str> = schema["$defs"]["field"]["properties"]["type"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(types, FieldKind::TYPE_NAMES);

    let patterns = &schema["$defs"]["field"]["allOf"][0]["then"]["properties"]["pattern"]["enum"];
    let names: Vec<&str> = TextPattern::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(patterns, &json!(names));

    let bindings = &schema["$defs"]["field"]["properties"]["prefill"]["enum"];
    assert_eq!(
        bindings,
        &json!([
            "email",
            "phone",
            "postal_address",
            "given_name",
            "surname",
            "full_name"
        ])
    );
}

#[test]
fn the_schema_rejects_what_the_loader_rejects_structurally() {
    let validator = validator();
    let demo: Value = serde_json::from_str(demo::FELANMALAN_GATA_PARK).unwrap();
    let broken: Vec<(&str, Mutation)> = vec![
        (
            "an unknown field type",
            Box::new(|d| d["steps"][0]["fields"][0]["type"] = json!("colour")),
        ),
        (
            "a misspelt field property",
            Box::new(|d| d["steps"][0]["fields"][2]["max_lenght"] = json!(5)),
        ),
        (
            "a property of another type",
            Box::new(|d| d["steps"][0]["fields"][2]["options"] = json!([])),
        ),
        (
            "a field without a label",
            Box::new(|d| {
                d["steps"][0]["fields"][2]
                    .as_object_mut()
                    .unwrap()
                    .remove("label");
            }),
        ),
        (
            "a blank Swedish title",
            Box::new(|d| d["title"]["sv"] = json!(" ")),
        ),
        (
            "an unknown settings property",
            Box::new(|d| d["settings"]["bankid"] = json!(true)),
        ),
        (
            "signature without login",
            Box::new(|d| {
                d["settings"]["login_required"] = json!(false);
                d["settings"]["signature_required"] = json!(true);
            }),
        ),
        (
            "co-signers without signature",
            Box::new(|d| {
                d["settings"]["cosigners"] = json!({"count": 1, "role_label": {"sv": "Vårdnadshavare 2", "en": "Guardian 2"}});
            }),
        ),
        (
            "a wildcard MIME type",
            Box::new(|d| d["steps"][1]["fields"][0]["accept"] = json!(["image/*"])),
        ),
        (
            "a required info block",
            Box::new(|d| d["steps"][0]["fields"][1]["required"] = json!(true)),
        ),
        (
            "a condition with both equals and any_of",
            Box::new(|d| {
                d["steps"][2]["fields"][1]["visible_if"]["any_of"] = json!([true]);
            }),
        ),
        ("a bad slug", Box::new(|d| d["slug"] = json!("Felanmälan"))),
        ("no steps", Box::new(|d| d["steps"] = json!([]))),
    ];
    for (what, mutate) in broken {
        let mut doc = demo.clone();
        mutate(&mut doc);
        assert!(!validator.is_valid(&doc), "the schema accepts {what}");
        assert!(
            EServiceDefinition::from_value(doc).is_err(),
            "the loader accepts {what}"
        );
    }
}
