//! Selects, radio buttons, checkboxes and yes/no questions.

use eservice::ChoiceOption;
use leptos::prelude::*;
use serde_json::Value;

use super::Common;
use crate::forms_i18n::FormTexts;
use crate::pages::form::def_lang;

pub(super) fn select(common: Common, options: Vec<ChoiceOption>) -> AnyView {
    let ctx = common.ctx;
    let lang = common.lang;
    let id = common.field.id.clone();
    let initial = common.text_answer();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        ctx.set_answer(
            &id,
            if value.is_empty() {
                Value::Null
            } else {
                Value::String(value)
            },
        );
    };
    let t = move || FormTexts::get(lang.get());
    view! {
        <div class="ds-field form-field">
            <label class="ds-label" for=common.ids.input.clone()>
                {common.label()}
            </label>
            {common.help()}
            {common.error_message()}
            <select
                class="ds-input"
                id=common.ids.input.clone()
                name=common.field.id.clone()
                aria-describedby=common.described_by()
                aria-invalid=common.invalid()
                aria-required=common.required()
                on:change=on_change
            >
                <option value="" selected=initial.is_empty()>
                    {move || t().choose}
                </option>
                {options
                    .into_iter()
                    .map(|option| {
                        let selected = option.value == initial;
                        let label = option.label.clone();
                        view! {
                            <option value=option.value.clone() selected=selected>
                                {move || label.get(def_lang(lang.get())).to_owned()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// One radio button or checkbox: its value, its label in the chosen language, and whether it is
/// checked when drawn.
type ChoiceItem = (String, Box<dyn Fn() -> String + Send + Sync>, bool);

/// A group of radio buttons or checkboxes in a fieldset.
pub(super) fn choice_group(
    common: &Common,
    input_type: &'static str,
    items: Vec<ChoiceItem>,
    on_change: impl Fn(String, bool) + Clone + Send + Sync + 'static,
) -> AnyView {
    let name = common.ids.input.clone();
    let invalid = common.invalid();
    let inputs = items
        .into_iter()
        .enumerate()
        .map(|(index, (value, label, checked))| {
            let id = if index == 0 {
                name.clone()
            } else {
                format!("{name}-{index}")
            };
            let on_change = on_change.clone();
            let input_value = value.clone();
            view! {
                <div class="ds-field form-choice">
                    <input
                        class="ds-input"
                        type=input_type
                        id=id.clone()
                        name=name.clone()
                        value=input_value
                        prop:checked=checked
                        aria-invalid=invalid.clone()
                        on:change=move |ev| on_change(value.clone(), event_target_checked(&ev))
                    />
                    <label class="ds-label" data-weight="regular" for=id>
                        {label}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="ds-fieldset form-field" aria-describedby=common.described_by()>
            <legend class="ds-label">{common.label()}</legend>
            {common.help()}
            {common.error_message()}
            <div class="form-choices">{inputs}</div>
        </fieldset>
    }
    .into_any()
}

pub(super) fn option_items(
    common: &Common,
    options: Vec<ChoiceOption>,
    checked: impl Fn(&str) -> bool,
) -> Vec<ChoiceItem> {
    let lang = common.lang;
    options
        .into_iter()
        .map(|option| {
            let label = option.label.clone();
            let text: Box<dyn Fn() -> String + Send + Sync> =
                Box::new(move || label.get(def_lang(lang.get())).to_owned());
            let is_checked = checked(&option.value);
            (option.value, text, is_checked)
        })
        .collect()
}

pub(super) fn radios(common: Common, options: Vec<ChoiceOption>) -> AnyView {
    let ctx = common.ctx;
    let id = common.field.id.clone();
    let current = common.text_answer();
    let items = option_items(&common, options, |value| value == current);
    choice_group(&common, "radio", items, move |value, checked| {
        if checked {
            ctx.set_answer(&id, Value::String(value));
        }
    })
}

pub(super) fn checkboxes(common: Common, options: Vec<ChoiceOption>) -> AnyView {
    let ctx = common.ctx;
    let id = common.field.id.clone();
    let selected: Vec<String> = match ctx.answer_untracked(&id) {
        Some(Value::Array(values)) => values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    let order: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
    let items = option_items(&common, options, |value| {
        selected.iter().any(|s| s == value)
    });
    choice_group(&common, "checkbox", items, move |value, checked| {
        let mut now: Vec<String> = match ctx.answer_untracked(&id) {
            Some(Value::Array(values)) => values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        now.retain(|v| *v != value);
        if checked {
            now.push(value);
        }
        // In the order of the options, as people read them.
        now.sort_by_key(|v| order.iter().position(|o| o == v).unwrap_or(usize::MAX));
        ctx.set_answer(
            &id,
            Value::Array(now.into_iter().map(Value::String).collect()),
        );
    })
}

pub(super) fn yes_no(common: Common) -> AnyView {
    let ctx = common.ctx;
    let lang = common.lang;
    let id = common.field.id.clone();
    let current = ctx.answer_untracked(&id).and_then(|v| v.as_bool());
    let items: Vec<ChoiceItem> = vec![
        (
            "true".to_owned(),
            Box::new(move || FormTexts::get(lang.get()).yes.to_owned()),
            current == Some(true),
        ),
        (
            "false".to_owned(),
            Box::new(move || FormTexts::get(lang.get()).no.to_owned()),
            current == Some(false),
        ),
    ];
    choice_group(&common, "radio", items, move |value, checked| {
        if checked {
            ctx.set_answer(&id, Value::Bool(value == "true"));
        }
    })
}
