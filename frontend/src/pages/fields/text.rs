//! Text, number, date, e-mail and phone inputs, and text areas.

use leptos::prelude::*;
use serde_json::Value;

use super::Common;

pub(super) fn text_input(
    common: Common,
    input_type: &'static str,
    autocomplete: Option<&'static str>,
    inputmode: Option<&'static str>,
) -> AnyView {
    let ctx = common.ctx;
    let id = common.field.id.clone();
    let initial = common.text_answer();
    let on_input = move |ev: leptos::ev::Event| {
        ctx.set_answer(&id, Value::String(event_target_value(&ev)));
    };
    view! {
        <div class="ds-field form-field">
            <label class="ds-label" for=common.ids.input.clone()>
                {common.label()}
            </label>
            {common.help()}
            {common.error_message()}
            <input
                class="ds-input"
                type=input_type
                id=common.ids.input.clone()
                name=common.field.id.clone()
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck=(input_type == "text" && inputmode.is_none()).then_some("true")
                prop:value=initial
                aria-describedby=common.described_by()
                aria-invalid=common.invalid()
                aria-required=common.required()
                on:input=on_input
            />
        </div>
    }
    .into_any()
}

pub(super) fn text_area(common: Common) -> AnyView {
    let ctx = common.ctx;
    let id = common.field.id.clone();
    let initial = common.text_answer();
    let on_input = move |ev: leptos::ev::Event| {
        ctx.set_answer(&id, Value::String(event_target_value(&ev)));
    };
    view! {
        <div class="ds-field form-field">
            <label class="ds-label" for=common.ids.input.clone()>
                {common.label()}
            </label>
            {common.help()}
            {common.error_message()}
            <textarea
                class="ds-input"
                rows="6"
                id=common.ids.input.clone()
                name=common.field.id.clone()
                prop:value=initial
                aria-describedby=common.described_by()
                aria-invalid=common.invalid()
                aria-required=common.required()
                on:input=on_input
            ></textarea>
        </div>
    }
    .into_any()
}
