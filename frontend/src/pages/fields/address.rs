//! A postal address: street, postal code and city, in one group.

use leptos::prelude::*;
use serde_json::{Map, Value};

use super::Common;
use crate::forms_i18n::FormTexts;

/// A part of a postal address: its key in the answer, its label and its `autocomplete`.
type AddressPart = (&'static str, fn(&FormTexts) -> &'static str, &'static str);

pub(super) fn postal_address(common: Common) -> AnyView {
    let ctx = common.ctx;
    let lang = common.lang;
    let id = common.field.id.clone();
    let t = move || FormTexts::get(lang.get());
    let part_value = |part: &str| {
        ctx.answer_untracked(&common.field.id)
            .and_then(|value| value.get(part).and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_default()
    };
    let parts: [AddressPart; 3] = [
        ("street", |t| t.street, "street-address"),
        ("postal_code", |t| t.postal_code, "postal-code"),
        ("city", |t| t.city, "address-level2"),
    ];
    let error = common.error;
    let base = common.ids.input.clone();
    let inputs = parts
        .into_iter()
        .map(|(part, label, autocomplete)| {
            let dom_id = if part == "street" {
                base.clone()
            } else {
                format!("{base}-{part}")
            };
            let initial = part_value(part);
            let id = id.clone();
            let field_id = id.clone();
            let name = format!("{id}-{part}");
            let on_input = move |ev: leptos::ev::Event| {
                let text = event_target_value(&ev);
                let mut address = match ctx.answer_untracked(&id) {
                    Some(Value::Object(map)) => map,
                    _ => {
                        let mut map = Map::new();
                        for key in ["street", "postal_code", "city"] {
                            map.insert(key.to_owned(), Value::String(String::new()));
                        }
                        map
                    }
                };
                address.insert(part.to_owned(), Value::String(text));
                ctx.set_answer(&id, Value::Object(address));
            };
            let invalid = move || {
                let code = error.with(|e| e.as_ref().map(|e| e.code.clone()))?;
                let blank = ctx.answers.with(|answers| {
                    answers
                        .get(&field_id)
                        .and_then(|v| v.get(part))
                        .and_then(Value::as_str)
                        .is_none_or(|text| text.trim().is_empty())
                });
                let bad = match code.as_str() {
                    "invalid_postal_code" => part == "postal_code",
                    "required" | "incomplete_address" => blank,
                    _ => true,
                };
                bad.then_some("true")
            };
            let size_class = if part == "postal_code" {
                "form-address__part form-address__part--short"
            } else {
                "form-address__part"
            };
            view! {
                <div class=format!("ds-field {size_class}")>
                    <label class="ds-label" for=dom_id.clone()>
                        {move || label(t())}
                    </label>
                    <input
                        class="ds-input"
                        type="text"
                        id=dom_id
                        name=name
                        autocomplete=autocomplete
                        inputmode=(part == "postal_code").then_some("numeric")
                        prop:value=initial
                        aria-invalid=invalid
                        aria-required=common.required()
                        on:input=on_input
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="ds-fieldset form-field form-address" aria-describedby=common.described_by()>
            <legend class="ds-label">{common.label()}</legend>
            {common.help()}
            {common.error_message()}
            {inputs}
        </fieldset>
    }
    .into_any()
}
