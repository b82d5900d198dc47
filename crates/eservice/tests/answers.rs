//! Answers: validation per field type, visibility, canonical form and
//! digest, signing summary, prefill and profile differences.

#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

use chrono::NaiveDate;
use eservice::{
    Answers, EServiceDefinition, Lang, PostalAddress, ProfileBinding, ProfileValues,
    SUMMARY_MAX_CHARS, Scope, answers_digest, answers_digest_hex, canonical_answers, codes, demo,
    prefill, profile_differences, summary_text, validate, visible_fields,
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

fn label(text: &str) -> Value {
    json!({"sv": text, "en": text})
}

/// One field of every type, plus conditional fields.
fn all_types() -> EServiceDefinition {
    let field = |id: &str, extra: Value| {
        let mut object = json!({"id": id, "label": label(id)});
        object
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        object
    };
    let opts = |values: &[&str]| {
        Value::Array(
            values
                .iter()
                .map(|v| json!({"value": v, "label": {"sv": format!("Val {v}"), "en": format!("Option {v}")}}))
                .collect(),
        )
    };
    let doc = json!({
        "slug": "alla-typer",
        "version": 3,
        "title": {"sv": "Alla typer", "en": "All types"},
        "description": label("Test"),
        "settings": {"login_required": true, "signature_required": false,
                     "draft_retention_days": 30, "officer_group": "test", "published": true},
        "steps": [
            {"id": "a", "title": label("A"), "fields": [
                field("short", json!({"type": "short_text", "min_length": 2, "max_length": 10})),
                field("code", json!({"type": "short_text", "pattern": "postal_code"})),
                field("long", json!({"type": "long_text", "max_length": 20})),
                field("amount", json!({"type": "number", "min": 1, "max": 100, "integer": true})),
                field("price", json!({"type": "number", "min": 0.5})),
                field("when", json!({"type": "date", "not_in_future": true, "min": "2000-01-01"})),
                field("start", json!({"type": "date", "not_in_past": true, "max": "2030-12-31"})),
                field("pick", json!({"type": "single_choice", "options": opts(&["x", "y"])})),
                field("many", json!({"type": "multiple_choice", "options": opts(&["p", "q", "r", "s"]),
                                     "min_selected": 2, "max_selected": 3})),
                field("confirm", json!({"type": "yes_no", "require_yes": true, "required": true})),
                field("flag", json!({"type": "yes_no"})),
                field("mail", json!({"type": "email", "prefill": "email"})),
                field("tel", json!({"type": "phone", "prefill": "phone"})),
                field("mobile", json!({"type": "phone", "purpose": "sms"})),
                field("pnr", json!({"type": "personnummer"})),
                field("addr", json!({"type": "postal_address", "prefill": "postal_address"})),
                field("files", json!({"type": "file_upload", "accept": ["image/png"],
                                      "max_size_bytes": 1000, "max_count": 2})),
                field("note", json!({"type": "info", "text": label("Info")})),
            ]},
            {"id": "b", "title": label("B"), "fields": [
                field("extra", json!({"type": "short_text", "required": true,
                                      "visible_if": {"field": "flag", "equals": true}})),
                field("sub_flag", json!({"type": "yes_no",
                                         "visible_if": {"field": "flag", "equals": true}})),
                field("deep", json!({"type": "short_text", "required": true,
                                     "visible_if": {"field": "sub_flag", "equals": true}})),
                field("for_y", json!({"type": "short_text", "required": true,
                                      "visible_if": {"field": "pick", "any_of": ["y"]}})),
                field("for_q", json!({"type": "short_text", "required": true,
                                      "visible_if": {"field": "many", "equals": "q"}})),
                field("given", json!({"type": "short_text", "prefill": "given_name"})),
                field("full", json!({"type": "short_text", "prefill": "full_name"})),
            ]}
        ]
    });
    EServiceDefinition::from_value(doc).unwrap_or_else(|errors| panic!("{errors:#?}"))
}

fn answers(value: Value) -> Answers {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// The codes for one field when only it (and the required `confirm`) is
/// answered.
fn codes_for(field: &str, value: Value) -> Vec<&'static str> {
    let definition = all_types();
    let mut given = answers(json!({"confirm": true}));
    given.insert(field.to_owned(), value);
    validate(&definition, &given, Scope::All, today())
        .into_iter()
        .filter(|e| e.field == field)
        .map(|e| e.code)
        .collect()
}

#[test]
fn valid_answers_of_every_type_pass() {
    let definition = all_types();
    let given = answers(json!({
        "short": "Hej",
        "code": "733 30",
        "long": "Två\nrader",
        "amount": 42,
        "price": "3,5",
        "when": "2026-03-15",
        "start": "2026-08-17",
        "pick": "x",
        "many": ["p", "r"],
        "confirm": true,
        "flag": false,
        "mail": "anna@example.se",
        "tel": "070-123 45 67",
        "pnr": "19811218-9876",
        "addr": {"street": "Storgatan 1", "postal_code": "73330", "city": "Sala"},
        "files": ["0b6e2f4c-attachment"],
    }));
    let errors = validate(&definition, &given, Scope::All, today());
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn each_invalid_answer_gets_the_code_of_the_rule_it_breaks() {
    let table: Vec<(&str, Value, &str)> = vec![
        ("short", json!("H"), codes::TOO_SHORT),
        ("short", json!("Hej hej hej"), codes::TOO_LONG),
        ("short", json!("rad\nbrytning"), codes::INVALID_CHARACTERS),
        ("short", json!(12), codes::WRONG_TYPE),
        ("code", json!("7333"), codes::PATTERN_MISMATCH),
        ("long", json!("x".repeat(21)), codes::TOO_LONG),
        ("long", json!("nul\u{0}tecken"), codes::INVALID_CHARACTERS),
        ("amount", json!("tolv"), codes::NOT_A_NUMBER),
        ("amount", json!(2.5), codes::NOT_AN_INTEGER),
        ("amount", json!("2,5"), codes::NOT_AN_INTEGER),
        ("amount", json!(0), codes::BELOW_MINIMUM),
        ("amount", json!(101), codes::ABOVE_MAXIMUM),
        ("amount", json!(true), codes::WRONG_TYPE),
        ("price", json!("0,4"), codes::BELOW_MINIMUM),
        ("when", json!("15/3/2026"), codes::INVALID_DATE),
        ("when", json!("2026-02-30"), codes::INVALID_DATE),
        ("when", json!("2026-03-16"), codes::DATE_IN_FUTURE),
        ("when", json!("1999-12-31"), codes::DATE_TOO_EARLY),
        ("start", json!("2026-03-14"), codes::DATE_IN_PAST),
        ("start", json!("2031-01-01"), codes::DATE_TOO_LATE),
        ("pick", json!("z"), codes::INVALID_CHOICE),
        ("pick", json!(["x"]), codes::WRONG_TYPE),
        ("many", json!(["p"]), codes::TOO_FEW_SELECTED),
        ("many", json!(["p", "p"]), codes::TOO_FEW_SELECTED),
        (
            "many",
            json!(["p", "q", "r", "s"]),
            codes::TOO_MANY_SELECTED,
        ),
        ("many", json!(["p", "t"]), codes::INVALID_CHOICE),
        ("many", json!("p"), codes::WRONG_TYPE),
        ("confirm", json!(false), codes::MUST_BE_YES),
        ("confirm", Value::Null, codes::REQUIRED),
        ("flag", json!("ja"), codes::WRONG_TYPE),
        ("mail", json!("anna.example.se"), codes::INVALID_EMAIL),
        ("tel", json!("12345"), codes::INVALID_PHONE),
        ("pnr", json!("19811218-9875"), codes::INVALID_PERSONNUMMER),
        ("pnr", json!("20300101-0000"), codes::INVALID_PERSONNUMMER),
        (
            "addr",
            json!({"street": "Storgatan 1", "postal_code": "7333", "city": "Sala"}),
            codes::INVALID_POSTAL_CODE,
        ),
        (
            "addr",
            json!({"street": "Storgatan 1", "postal_code": "", "city": "Sala"}),
            codes::INCOMPLETE_ADDRESS,
        ),
        (
            "addr",
            json!({"street": "Storgatan 1", "postal_code": "73330", "city": "Sala", "country": "SE"}),
            codes::WRONG_TYPE,
        ),
        ("addr", json!("Storgatan 1, 733 30 Sala"), codes::WRONG_TYPE),
        ("files", json!(["a", "b", "c"]), codes::TOO_MANY_FILES),
        ("files", json!([1]), codes::WRONG_TYPE),
    ];
    let mut failures = Vec::new();
    for (field, value, expected) in table {
        let found = codes_for(field, value.clone());
        if found != [expected] {
            failures.push(format!(
                "{field} = {value}: expected {expected}, got {found:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn more_valid_forms_of_numbers_dates_and_identity_numbers_pass() {
    for (field, value) in [
        ("price", json!("1 000,25")),
        ("price", json!(0.5)),
        ("amount", json!("100")),
        ("pnr", json!("811218-9876")),
        ("pnr", json!("198112189876")),
        ("tel", json!("+46 70 123 45 67")),
        ("code", json!("73330")),
        ("many", json!(["s", "q", "p"])),
    ] {
        assert_eq!(
            codes_for(field, value.clone()),
            Vec::<&str>::new(),
            "{field} = {value}"
        );
    }
}

#[test]
fn a_phone_for_calling_takes_landlines_and_one_for_sms_only_mobiles() {
    assert!(codes_for("tel", json!("08-123 456 78")).is_empty());
    assert!(codes_for("tel", json!("0224-123 45")).is_empty());
    assert!(codes_for("tel", json!("070-123 45 67")).is_empty());
    assert_eq!(codes_for("tel", json!("08-12")), [codes::INVALID_PHONE]);
    assert!(codes_for("mobile", json!("070-123 45 67")).is_empty());
    assert_eq!(
        codes_for("mobile", json!("08-123 456 78")),
        [codes::INVALID_PHONE]
    );
}

#[test]
fn a_draft_is_labelled_by_its_first_text_answer_never_by_contact_details() {
    let definition = EServiceDefinition::from_json(demo::FELANMALAN_GATA_PARK).unwrap();
    let label = eservice::draft_label(
        &definition,
        &answers(json!({
            "fault_type": "pothole",
            "location": "  Storgatan 12,\n utanför   biblioteket ",
            "description": "Ett hål"
        })),
    );
    assert_eq!(label.as_deref(), Some("Storgatan 12, utanför biblioteket"));
    let long = "x".repeat(200);
    let cut = eservice::draft_label(&definition, &answers(json!({"location": long}))).unwrap();
    assert_eq!(cut.chars().count(), eservice::DRAFT_LABEL_MAX_CHARS);
    assert!(cut.ends_with('…'));
    assert_eq!(
        eservice::draft_label(
            &all_types(),
            &answers(json!({"mail": "a@b.se", "tel": "0701234567"}))
        ),
        None
    );
}

#[test]
fn blank_answers_count_as_not_answered() {
    for blank in [Value::Null, json!(""), json!("   "), json!([])] {
        assert!(codes_for("short", blank.clone()).is_empty(), "{blank}");
        assert!(codes_for("files", blank).is_empty());
    }
    let empty_address = json!({"street": " ", "postal_code": "", "city": ""});
    assert!(codes_for("addr", empty_address).is_empty());
}

#[test]
fn hidden_fields_are_neither_required_nor_validated() {
    let definition = all_types();
    // `extra`, `deep`, `for_y` and `for_q` are required, but hidden.
    let given = answers(json!({"confirm": true, "flag": false, "extra": 42, "deep": 42}));
    assert!(validate(&definition, &given, Scope::All, today()).is_empty());

    // Shown by `flag`, `extra` is now required and `sub_flag` is visible.
    let given = answers(json!({"confirm": true, "flag": true, "sub_flag": true}));
    let errors = validate(&definition, &given, Scope::All, today());
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["extra", "deep"]);
    assert!(errors.iter().all(|e| e.code == codes::REQUIRED));

    // Hiding `sub_flag` hides `deep` too, even though `sub_flag` keeps its answer.
    let given = answers(json!({"confirm": true, "flag": false, "sub_flag": true}));
    assert!(validate(&definition, &given, Scope::All, today()).is_empty());
}

#[test]
fn conditions_match_any_of_and_selections_in_a_multiple_choice() {
    let definition = all_types();
    let ids = |given: Value| -> Vec<String> {
        visible_fields(&definition, &answers(given))
            .iter()
            .map(|f| f.id.clone())
            .filter(|id| id.starts_with("for_"))
            .collect()
    };
    assert!(ids(json!({})).is_empty());
    assert_eq!(ids(json!({"pick": "y"})), ["for_y"]);
    assert!(ids(json!({"pick": "x"})).is_empty());
    assert_eq!(ids(json!({"many": ["p", "q"]})), ["for_q"]);
    assert!(ids(json!({"many": ["p", "r"]})).is_empty());
}

#[test]
fn visible_fields_include_info_blocks_in_form_order() {
    let definition = all_types();
    let visible: Vec<String> = visible_fields(&definition, &Answers::new())
        .iter()
        .map(|f| f.id.clone())
        .collect();
    assert!(visible.contains(&"note".to_owned()));
    assert_eq!(visible.first().map(String::as_str), Some("short"));
    assert!(!visible.contains(&"extra".to_owned()));
}

#[test]
fn validating_a_step_checks_only_that_step() {
    let definition = all_types();
    let given = answers(json!({"flag": true, "short": "H", "nope": 1}));
    let errors = validate(&definition, &given, Scope::Step("b"), today());
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["extra"], "{errors:#?}");

    let errors = validate(&definition, &given, Scope::Step("a"), today());
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["short", "confirm"]);
}

#[test]
fn an_unknown_step_gives_one_unknown_step_error() {
    let errors = validate(&all_types(), &Answers::new(), Scope::Step("z"), today());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, codes::UNKNOWN_STEP);
    assert_eq!(errors[0].field, "z");
}

#[test]
fn answers_to_fields_that_do_not_exist_are_reported_on_submit() {
    let definition = all_types();
    let given = answers(json!({"confirm": true, "owner_id": "x", "note": "info has no answer"}));
    let errors = validate(&definition, &given, Scope::All, today());
    let unknown: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        unknown,
        [
            ("note", codes::UNKNOWN_FIELD),
            ("owner_id", codes::UNKNOWN_FIELD)
        ]
    );
}

#[test]
fn messages_are_friendly_sentences_in_both_languages_naming_the_label() {
    let definition = EServiceDefinition::from_json(demo::FELANMALAN_GATA_PARK).unwrap();
    let given = answers(json!({"wants_feedback": true}));
    let errors = validate(&definition, &given, Scope::All, today());
    let by_field = |id: &str| errors.iter().find(|e| e.field == id).unwrap();

    let fault = by_field("fault_type");
    assert_eq!(fault.code, codes::REQUIRED);
    assert_eq!(
        fault.message_sv,
        "Välj ett av alternativen i \u{201d}Vad är det för fel?\u{201d}"
    );
    assert_eq!(
        fault.message_en,
        "Choose one of the options in \u{201c}What kind of fault is it?\u{201d}"
    );
    assert_eq!(fault.message(Lang::En), fault.message_en);

    let email = by_field("feedback_email");
    assert_eq!(
        email.message_sv,
        "Fyll i en e-postadress i \u{201d}E-postadress för besked\u{201d}."
    );
    assert_eq!(
        email.message_en,
        "Enter an e-mail address in \u{201c}E-mail address for updates\u{201d}."
    );

    let given = answers(json!({"wants_feedback": true, "feedback_email": "anna@"}));
    let errors = validate(&definition, &given, Scope::Step("aterkoppling"), today());
    assert_eq!(
        errors[0].message_sv,
        "Skriv e-postadressen i \u{201d}E-postadress för besked\u{201d} på formen namn@exempel.se."
    );
}

#[test]
fn every_code_has_messages_that_end_like_sentences() {
    let definition = all_types();
    let cases = [
        ("short", json!("H")),
        ("long", json!("x".repeat(21))),
        ("code", json!("1")),
        ("amount", json!("tolv")),
        ("amount", json!(2.5)),
        ("amount", json!(101)),
        ("when", json!("2026-03-16")),
        ("pick", json!("z")),
        ("many", json!(["p"])),
        ("confirm", json!(false)),
        ("tel", json!("1")),
        ("pnr", json!("1")),
        ("files", json!(["a", "b", "c"])),
    ];
    for (field, value) in cases {
        let mut given = answers(json!({"confirm": true}));
        given.insert(field.to_owned(), value);
        for error in validate(&definition, &given, Scope::All, today()) {
            for message in [&error.message_sv, &error.message_en] {
                assert!(
                    message.ends_with(['.', '?', '\u{201d}']),
                    "{}: {message}",
                    error.code
                );
                assert!(message.contains(field), "{}: {message}", error.code);
            }
        }
    }
    let given = answers(json!({"confirm": true, "files": ["a", "b", "c"]}));
    let errors = validate(&definition, &given, Scope::All, today());
    assert_eq!(
        errors[0].message_sv,
        "Du kan bifoga högst 2 filer i \u{201d}files\u{201d}. Ta bort en fil."
    );
    assert_eq!(
        errors[0].message_en,
        "You can attach at most 2 files in \u{201c}files\u{201d}. Remove 1 file."
    );
}

// ---------------------------------------------------------------------------
// Canonical answers and digest
// ---------------------------------------------------------------------------

#[test]
fn the_canonical_form_sorts_keys_and_leaves_out_hidden_blank_and_unknown_answers() {
    let definition = all_types();
    let given: Answers = serde_json::from_str(
        r#"{"short": "Hej", "flag": false, "extra": "dold", "note": "x", "unknown": 1,
            "long": "", "addr": {"street": "Storgatan 1", "city": "Sala", "postal_code": "733 30"},
            "many": ["q", "p"], "amount": 7, "price": 2.5, "pick": "x"}"#,
    )
    .unwrap();
    assert_eq!(
        canonical_answers(&definition, &given),
        r#"{"answers":{"addr":{"city":"Sala","postal_code":"733 30","street":"Storgatan 1"},"amount":7,"flag":false,"many":["q","p"],"pick":"x","price":2.5,"short":"Hej"},"eservice":"alla-typer","version":3}"#
    );
}

#[test]
fn the_canonical_form_does_not_depend_on_key_order() {
    let definition = all_types();
    let one: Answers = serde_json::from_str(
        r#"{"short": "Hej", "addr": {"street": "S 1", "postal_code": "73330", "city": "Sala"}, "flag": true, "extra": "ja"}"#,
    )
    .unwrap();
    let two: Answers = serde_json::from_str(
        r#"{"extra": "ja", "flag": true, "addr": {"city": "Sala", "postal_code": "73330", "street": "S 1"}, "short": "Hej"}"#,
    )
    .unwrap();
    assert_eq!(
        canonical_answers(&definition, &one),
        canonical_answers(&definition, &two)
    );
    assert_eq!(
        answers_digest(&definition, &one),
        answers_digest(&definition, &two)
    );
}

#[test]
fn changing_a_hidden_answer_does_not_change_the_digest_but_a_visible_one_does() {
    let definition = all_types();
    let base = answers(json!({"short": "Hej", "flag": false, "extra": "a"}));
    let hidden_changed = answers(json!({"short": "Hej", "flag": false, "extra": "b"}));
    let visible_changed = answers(json!({"short": "Hej!", "flag": false, "extra": "a"}));
    assert_eq!(
        answers_digest(&definition, &base),
        answers_digest(&definition, &hidden_changed)
    );
    assert_ne!(
        answers_digest(&definition, &base),
        answers_digest(&definition, &visible_changed)
    );
}

#[test]
fn the_digest_is_the_sha256_of_the_canonical_text_and_is_stable() {
    let definition = all_types();
    let given = answers(json!({"short": "Åsa \"citat\"\n", "amount": 7}));
    let canonical = canonical_answers(&definition, &given);
    assert_eq!(
        canonical,
        "{\"answers\":{\"amount\":7,\"short\":\"Åsa \\\"citat\\\"\\n\"},\"eservice\":\"alla-typer\",\"version\":3}"
    );
    let expected: [u8; 32] = Sha256::digest(canonical.as_bytes()).into();
    assert_eq!(answers_digest(&definition, &given), expected);
    assert_eq!(
        answers_digest_hex(&definition, &given),
        hex::encode(expected)
    );
    // Pinned: a change to the canonical form changes every signed digest.
    assert_eq!(
        answers_digest_hex(&definition, &given),
        "0ae37308854d010bbb461ccd6399f5718a5f5cd1ad21ba0ceddf4ec17cc015b7"
    );
}

#[test]
fn the_same_answers_to_another_version_give_another_digest() {
    let text = demo::FELANMALAN_GATA_PARK;
    let v1 = EServiceDefinition::from_json(text).unwrap();
    let v2 = EServiceDefinition::from_json(&text.replacen("\"version\": 1", "\"version\": 2", 1))
        .unwrap();
    let given = answers(json!({"fault_type": "litter"}));
    assert_ne!(answers_digest(&v1, &given), answers_digest(&v2, &given));
}

// ---------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------

fn fault_report_answers() -> Answers {
    answers(json!({
        "fault_type": "street_light",
        "location": "Storgatan 12",
        "location_details": "",
        "description": "Lampan   blinkar\noch släcks\nefter en stund.",
        "photos": ["a1", "a2"],
        "wants_feedback": true,
        "feedback_email": "anna@example.se",
    }))
}

#[test]
fn the_summary_lists_the_answered_fields_in_swedish() {
    let definition = EServiceDefinition::from_json(demo::FELANMALAN_GATA_PARK).unwrap();
    assert_eq!(
        summary_text(&definition, &fault_report_answers(), Lang::Sv),
        "Jag skickar in: Felanmälan gata och park\n\
         \n\
         Vad är det för fel? Gatubelysning som inte fungerar\n\
         Var finns felet? Storgatan 12\n\
         Beskriv felet: Lampan blinkar och släcks efter en stund.\n\
         Bilder på felet: 2 bifogade filer\n\
         Vill du få besked när felet är åtgärdat? Ja\n\
         E-postadress för besked: anna@example.se"
    );
}

#[test]
fn the_summary_in_english_uses_english_labels_and_options() {
    let definition = EServiceDefinition::from_json(demo::FELANMALAN_GATA_PARK).unwrap();
    let mut given = fault_report_answers();
    given.insert("photos".to_owned(), json!(["a1"]));
    given.insert("wants_feedback".to_owned(), json!(false));
    assert_eq!(
        summary_text(&definition, &given, Lang::En),
        "I am submitting: Report a fault in a street or park\n\
         \n\
         What kind of fault is it? Street light not working\n\
         Where is the fault? Storgatan 12\n\
         Describe the fault: Lampan blinkar och släcks efter en stund.\n\
         Photos of the fault: 1 attached file\n\
         Would you like to hear from us when the fault has been fixed? No"
    );
}

#[test]
fn the_summary_shows_addresses_numbers_and_multiple_choices_readably() {
    let definition = all_types();
    let given = answers(json!({
        "addr": {"street": "Storgatan 1", "postal_code": "733 30", "city": "Sala"},
        "price": 3.5,
        "many": ["r", "p"],
    }));
    let text = summary_text(&definition, &given, Lang::Sv);
    assert!(text.contains("\naddr: Storgatan 1, 733 30 Sala"), "{text}");
    assert!(text.contains("\nprice: 3,5"), "{text}");
    assert!(text.contains("\nmany: Val p, Val r"), "{text}");
}

#[test]
fn a_label_that_is_a_full_sentence_is_followed_by_the_answer_without_a_colon() {
    let definition = EServiceDefinition::from_json(demo::PARKERINGSTILLSTAND).unwrap();
    let given = answers(json!({"permit_for": "driver", "information_correct": true}));
    let text = summary_text(&definition, &given, Lang::Sv);
    assert!(
        text.ends_with(
            "\nVem ska använda tillståndet? Jag kör själv\n\
             Jag intygar att uppgifterna i ansökan är riktiga. Ja"
        ),
        "{text}"
    );
}

#[test]
fn a_long_summary_is_cut_on_a_character_boundary() {
    let fields: Vec<Value> = (0..12)
        .map(|i| json!({"id": format!("text_{i}"), "type": "long_text", "label": label(&format!("Fält {i}"))}))
        .collect();
    let definition = EServiceDefinition::from_value(json!({
        "slug": "lang-sammanfattning", "version": 1,
        "title": label("Lång"), "description": label("Lång"),
        "settings": {"login_required": true, "signature_required": true,
                     "draft_retention_days": 30, "officer_group": "test", "published": true},
        "steps": [{"id": "a", "title": label("A"), "fields": fields}]
    }))
    .unwrap();
    // Two-byte characters everywhere, so a cut by bytes would split one.
    let given: Answers = (0..12)
        .map(|i| (format!("text_{i}"), json!("ö".repeat(400))))
        .collect();
    let text = summary_text(&definition, &given, Lang::Sv);
    assert_eq!(text.chars().count(), SUMMARY_MAX_CHARS);
    assert!(text.ends_with("ö…"), "{}", &text[text.len() - 20..]);
    assert!(
        text.len() > SUMMARY_MAX_CHARS,
        "multi-byte text has more bytes than characters"
    );
    // Each answer is cut to 200 characters first.
    assert!(text.contains(&format!("Fält 0: {}…\n", "ö".repeat(199))));
}

// ---------------------------------------------------------------------------
// Prefill and profile differences
// ---------------------------------------------------------------------------

fn profile() -> ProfileValues {
    ProfileValues {
        email: Some("anna@example.se".to_owned()),
        phone: Some("+46701234567".to_owned()),
        postal_address: Some(PostalAddress {
            street: "Storgatan 1".to_owned(),
            postal_code: "733 30".to_owned(),
            city: "Sala".to_owned(),
        }),
        given_name: Some("Anna".to_owned()),
        surname: Some("Andersson".to_owned()),
    }
}

#[test]
fn prefill_fills_every_bound_field_the_profile_has_a_value_for() {
    let definition = EServiceDefinition::from_json(demo::PARKERINGSTILLSTAND).unwrap();
    let filled = prefill(&definition, &profile());
    assert_eq!(
        Value::Object(filled),
        json!({
            "phone": "+46701234567",
            "email": "anna@example.se",
            "address": {"street": "Storgatan 1", "postal_code": "733 30", "city": "Sala"},
        })
    );

    let filled = prefill(&all_types(), &profile());
    assert_eq!(filled.get("given"), Some(&json!("Anna")));
    assert_eq!(filled.get("full"), Some(&json!("Anna Andersson")));

    let empty = prefill(&definition, &ProfileValues::default());
    assert!(empty.is_empty());
}

#[test]
fn prefilled_answers_are_valid_and_do_not_differ_from_the_profile() {
    let definition = all_types();
    let mut given = prefill(&definition, &profile());
    given.insert("confirm".to_owned(), json!(true));
    assert!(validate(&definition, &given, Scope::All, today()).is_empty());
    assert!(profile_differences(&definition, &given, &profile()).is_empty());
}

#[test]
fn profile_differences_ignore_formatting_but_notice_real_changes() {
    let definition = all_types();
    let same = answers(json!({
        "mail": "anna@EXAMPLE.se",
        "tel": "070-123 45 67",
        "addr": {"street": " storgatan 1", "postal_code": "73330", "city": "SALA"},
        "given": " Anna ",
    }));
    assert!(profile_differences(&definition, &same, &profile()).is_empty());

    let changed = answers(json!({
        "mail": "anna.andersson@example.se",
        "tel": "073-987 65 43",
        "addr": {"street": "Kungsgatan 2", "postal_code": "733 31", "city": "Sala"},
        "given": "Anna-Karin",
        "full": "Anna-Karin Andersson",
    }));
    assert_eq!(
        profile_differences(&definition, &changed, &profile()),
        [
            ProfileBinding::Email,
            ProfileBinding::Phone,
            ProfileBinding::PostalAddress,
            ProfileBinding::GivenName,
            ProfileBinding::FullName,
        ]
    );
}

#[test]
fn profile_differences_skip_invalid_hidden_and_blank_answers() {
    let definition = all_types();
    let invalid = answers(
        json!({"mail": "inte en adress", "tel": "", "addr": {"street": "X", "postal_code": "1", "city": "Y"}}),
    );
    assert!(profile_differences(&definition, &invalid, &profile()).is_empty());

    let fault = EServiceDefinition::from_json(demo::FELANMALAN_GATA_PARK).unwrap();
    let hidden = answers(json!({"wants_feedback": false, "feedback_email": "ny@example.se"}));
    assert!(profile_differences(&fault, &hidden, &profile()).is_empty());
    let shown = answers(json!({"wants_feedback": true, "feedback_email": "ny@example.se"}));
    assert_eq!(
        profile_differences(&fault, &shown, &profile()),
        [ProfileBinding::Email]
    );
}

#[test]
fn a_value_missing_from_the_profile_counts_as_a_difference() {
    let definition = all_types();
    let given = answers(json!({"mail": "anna@example.se"}));
    assert_eq!(
        profile_differences(&definition, &given, &ProfileValues::default()),
        [ProfileBinding::Email]
    );
    let broken = ProfileValues {
        email: Some("inte en adress".to_owned()),
        ..ProfileValues::default()
    };
    assert_eq!(
        profile_differences(&definition, &given, &broken),
        [ProfileBinding::Email]
    );
}
