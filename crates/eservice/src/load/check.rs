//! The semantic rules of a definition that decoded: ids, lengths, limits, conditions.

use super::*;

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
pub(super) fn is_slug(slug: &str) -> bool {
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
pub(super) fn is_mime_type(value: &str) -> bool {
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

pub(super) fn check(definition: &EServiceDefinition) -> Vec<DefinitionError> {
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
