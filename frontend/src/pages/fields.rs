//! One form field per definition field type, each with a visible label (a `<fieldset>` and
//! `<legend>` for groups), help text and error linked with `aria-describedby`, and
//! `aria-invalid` while the field has an error.
//!
//! Inputs start from the answers as they are when drawn and write every change back
//! ([`FormCtx::set_answer`]); nothing typed is ever thrown away, valid or not.

use std::collections::BTreeSet;

use api_types::AttachmentResponse;
use eservice::{ChoiceDisplay, ChoiceOption, Field, FieldKind, ProfileBinding};
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Map, Value};

use crate::api::ApiError;
use crate::api::cases;
use crate::forms_i18n::{FormTexts, format_size};
use crate::i18n::{Lang, use_lang};
use crate::pages::form::{FormCtx, ShownError, def_lang, field_dom_id, focus_id, use_form};

/// The ids of a field's parts in the page.
#[derive(Debug, Clone)]
struct Ids {
    input: String,
    help: String,
    error: String,
}

impl Ids {
    fn of(field: &Field) -> Ids {
        let input = field_dom_id(&field.id);
        Ids {
            help: format!("{input}-help"),
            error: format!("{input}-error"),
            input,
        }
    }
}

/// What every field needs: its texts, error and ids.
#[derive(Clone)]
struct Common {
    ctx: FormCtx,
    lang: RwSignal<Lang>,
    field: Field,
    ids: Ids,
    error: Memo<Option<ShownError>>,
}

impl Common {
    fn label(&self) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        let label = self.field.label.clone();
        let lang = self.lang;
        move || label.get(def_lang(lang.get())).to_owned()
    }

    fn has_help(&self) -> bool {
        self.field.help.is_some()
    }

    fn help(&self) -> impl IntoView + use<> {
        let lang = self.lang;
        let id = self.ids.help.clone();
        self.field.help.clone().map(|help| {
            view! {
                <p class="ds-paragraph form-field__help" data-field="description" id=id>
                    {move || help.get(def_lang(lang.get())).to_owned()}
                </p>
            }
        })
    }

    fn error_message(&self) -> impl IntoView + use<> {
        let error = self.error;
        let lang = self.lang;
        let id = self.ids.error.clone();
        move || {
            error.get().map(|error| {
                view! {
                    <p class="ds-validation-message form-field__error" data-field="validation" id=id.clone()>
                        {move || error.text(lang.get()).to_owned()}
                    </p>
                }
            })
        }
    }

    /// `aria-describedby`: the help text and the error, those that exist.
    fn described_by(&self) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
        let help = self.has_help().then(|| self.ids.help.clone());
        let error_id = self.ids.error.clone();
        let error = self.error;
        move || {
            let mut ids: Vec<String> = help.iter().cloned().collect();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    fn invalid(&self) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static {
        let error = self.error;
        move || error.with(Option::is_some).then_some("true")
    }

    fn required(&self) -> Option<&'static str> {
        self.field.required.then_some("true")
    }

    fn text_answer(&self) -> String {
        match self.ctx.answer_untracked(&self.field.id) {
            Some(Value::String(text)) => text,
            Some(Value::Number(number)) => number.to_string(),
            _ => String::new(),
        }
    }
}

/// A field, shown while its condition holds.
#[component]
pub fn FieldView(field: Field, visible: Memo<BTreeSet<String>>) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let id = field.id.clone();
    let shown = {
        let id = id.clone();
        move || visible.with(|visible| visible.contains(&id))
    };
    let error = Memo::new(move |_| {
        ctx.errors
            .with(|errors| errors.iter().find(|error| error.field == id).cloned())
    });
    let common = Common {
        ctx,
        lang,
        ids: Ids::of(&field),
        field,
        error,
    };
    view! { <Show when=shown>{field_body(common.clone())}</Show> }
}

fn field_body(common: Common) -> AnyView {
    match common.field.kind.clone() {
        FieldKind::ShortText { .. } => {
            let autocomplete = match common.field.prefill {
                Some(ProfileBinding::GivenName) => Some("given-name"),
                Some(ProfileBinding::Surname) => Some("family-name"),
                Some(ProfileBinding::FullName) => Some("name"),
                _ => None,
            };
            text_input(common, "text", autocomplete, None)
        }
        FieldKind::LongText { .. } => text_area(common),
        FieldKind::Number { integer, .. } => text_input(
            common,
            "text",
            None,
            Some(if integer { "numeric" } else { "decimal" }),
        ),
        FieldKind::Date { .. } => text_input(common, "date", None, None),
        FieldKind::Email {} => text_input(common, "email", Some("email"), None),
        FieldKind::Phone {} => text_input(common, "tel", Some("tel"), None),
        FieldKind::Personnummer {} => text_input(common, "text", None, Some("numeric")),
        FieldKind::SingleChoice {
            options,
            display: ChoiceDisplay::Select,
        } => select(common, options),
        FieldKind::SingleChoice { options, .. } => radios(common, options),
        FieldKind::MultipleChoice { options, .. } => checkboxes(common, options),
        FieldKind::YesNo { .. } => yes_no(common),
        FieldKind::PostalAddress {} => postal_address(common),
        FieldKind::FileUpload {
            accept,
            max_size_bytes,
            max_count,
        } => file_upload(common, accept, max_size_bytes, max_count),
        FieldKind::Info { text } => {
            let lang = common.lang;
            let label = common.label();
            view! {
                <div class="form-info">
                    <h2 class="ds-heading" data-size="xs">
                        {label}
                    </h2>
                    <p class="ds-paragraph">{move || text.get(def_lang(lang.get())).to_owned()}</p>
                </div>
            }
            .into_any()
        }
    }
}

fn text_input(
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

fn text_area(common: Common) -> AnyView {
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

fn select(common: Common, options: Vec<ChoiceOption>) -> AnyView {
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

/// A part of a postal address: its key in the answer, its label and its `autocomplete`.
type AddressPart = (&'static str, fn(&FormTexts) -> &'static str, &'static str);

/// A group of radio buttons or checkboxes in a fieldset.
fn choice_group(
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

fn option_items(
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

fn radios(common: Common, options: Vec<ChoiceOption>) -> AnyView {
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

fn checkboxes(common: Common, options: Vec<ChoiceOption>) -> AnyView {
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

fn yes_no(common: Common) -> AnyView {
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

fn postal_address(common: Common) -> AnyView {
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

/// A message about a file, in both languages once drawn.
#[derive(Debug, Clone, PartialEq)]
enum FileMessage {
    Uploading(String),
    Uploaded(String),
    Removed(String),
    TooLarge(String),
    WrongType(String),
    TooMany,
    UploadFailed(String),
    RemoveFailed,
}

impl FileMessage {
    fn text(&self, lang: Lang, max_size: u64, max_count: u32, types: &str) -> String {
        let t = FormTexts::get(lang);
        match self {
            FileMessage::Uploading(name) => t.uploading.replace("{name}", name),
            FileMessage::Uploaded(name) => t.uploaded.replace("{name}", name),
            FileMessage::Removed(name) => t.removed.replace("{name}", name),
            FileMessage::TooLarge(name) => t
                .file_too_large
                .replace("{name}", name)
                .replace("{max}", &format_size(lang, max_size)),
            FileMessage::WrongType(name) => t
                .file_wrong_type
                .replace("{name}", name)
                .replace("{types}", types),
            FileMessage::TooMany => t.too_many_files.replace("{max}", &max_count.to_string()),
            FileMessage::UploadFailed(name) => t.upload_failed.replace("{name}", name),
            FileMessage::RemoveFailed => t.remove_failed.to_owned(),
        }
    }

    fn from_upload_error(error: &ApiError, name: String) -> FileMessage {
        match error.problem().map(|p| p.code.as_str()) {
            Some("payload_too_large") => FileMessage::TooLarge(name),
            Some("unsupported_file_type") => FileMessage::WrongType(name),
            Some("too_many_files") => FileMessage::TooMany,
            _ if error.status() == Some(413) => FileMessage::TooLarge(name),
            _ if error.status() == Some(415) => FileMessage::WrongType(name),
            _ => FileMessage::UploadFailed(name),
        }
    }
}

/// Short names of accepted types, e.g. "JPEG, PNG".
fn type_names(accept: &[String]) -> String {
    accept
        .iter()
        .map(|mime| match mime.as_str() {
            "image/jpeg" => "JPEG".to_owned(),
            "image/png" => "PNG".to_owned(),
            "image/heic" => "HEIC".to_owned(),
            "application/pdf" => "PDF".to_owned(),
            other => other
                .rsplit('/')
                .next()
                .unwrap_or(other)
                .to_ascii_uppercase(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn file_ids(ctx: FormCtx, field: &str) -> Vec<String> {
    match ctx.answer_untracked(field) {
        Some(Value::Array(values)) => values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn file_upload(common: Common, accept: Vec<String>, max_size: u64, max_count: u32) -> AnyView {
    let ctx = common.ctx;
    let lang = common.lang;
    let t = move || FormTexts::get(lang.get());
    let id = common.field.id.clone();
    let types = type_names(&accept);
    let input_ref = NodeRef::<Input>::new();
    // The polite status (uploading, uploaded, removed) and the alert (a file refused).
    let status = RwSignal::new(None::<FileMessage>);
    let problem = RwSignal::new(None::<FileMessage>);
    let busy = RwSignal::new(false);

    let files = {
        let id = id.clone();
        Memo::new(move |_| {
            let ids: Vec<String> = ctx.answers.with(|answers| match answers.get(&id) {
                Some(Value::Array(values)) => values
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            });
            ctx.attachments.with(|attachments| {
                ids.iter()
                    .map(|file_id| {
                        attachments
                            .iter()
                            .find(|a| a.id == *file_id)
                            .cloned()
                            .unwrap_or_else(|| AttachmentResponse {
                                id: file_id.clone(),
                                field_id: String::new(),
                                file_name: file_id.clone(),
                                content_type: String::new(),
                                size_bytes: 0,
                            })
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    let on_change = {
        let id = id.clone();
        move |_| {
            let Some(input) = input_ref.get() else {
                return;
            };
            let Some(list) = input.files() else {
                return;
            };
            let chosen: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            if chosen.is_empty() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let id = id.clone();
            spawn_local(async move {
                let case_id = ctx.case_id.get_untracked();
                for file in chosen {
                    let name = file.name();
                    if file_ids(ctx, &id).len() >= max_count as usize {
                        let _ = problem.try_set(Some(FileMessage::TooMany));
                        break;
                    }
                    let _ = status.try_set(Some(FileMessage::Uploading(name.clone())));
                    match cases::upload_attachment(&case_id, &id, &file).await {
                        Ok(attachment) => {
                            if ctx
                                .attachments
                                .try_update(|list| list.push(attachment.clone()))
                                .is_none()
                            {
                                return;
                            }
                            let mut ids = file_ids(ctx, &id);
                            ids.push(attachment.id.clone());
                            ctx.set_answer(
                                &id,
                                Value::Array(ids.into_iter().map(Value::String).collect()),
                            );
                            let _ =
                                status.try_set(Some(FileMessage::Uploaded(attachment.file_name)));
                        }
                        Err(error) => {
                            leptos::logging::warn!("upload failed: {error}");
                            let _ = status.try_set(None);
                            let _ =
                                problem.try_set(Some(FileMessage::from_upload_error(&error, name)));
                        }
                    }
                }
                if let Some(input) = input_ref.get_untracked() {
                    input.set_value("");
                }
                let _ = busy.try_set(false);
                ctx.save_now().await;
            });
        }
    };

    let remove = {
        let id = id.clone();
        move |attachment: AttachmentResponse| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let id = id.clone();
            spawn_local(async move {
                let case_id = ctx.case_id.get_untracked();
                match cases::delete_attachment(&case_id, &attachment.id).await {
                    Ok(()) => {
                        let ids: Vec<Value> = file_ids(ctx, &id)
                            .into_iter()
                            .filter(|file_id| *file_id != attachment.id)
                            .map(Value::String)
                            .collect();
                        ctx.attachments
                            .update(|list| list.retain(|a| a.id != attachment.id));
                        ctx.set_answer(&id, Value::Array(ids));
                        status.set(Some(FileMessage::Removed(attachment.file_name.clone())));
                        focus_id(&field_dom_id(&id));
                        ctx.save_now().await;
                    }
                    Err(error) => {
                        leptos::logging::warn!("removing a file failed: {error}");
                        let _ = problem.try_set(Some(FileMessage::RemoveFailed));
                    }
                }
                let _ = busy.try_set(false);
            });
        }
    };

    let upload_error_id = format!("{}-upload-error", common.ids.input);
    let described_by = {
        let base = common.described_by();
        let upload_error_id = upload_error_id.clone();
        move || {
            let mut ids: Vec<String> = base().into_iter().collect();
            if problem.with(Option::is_some) {
                ids.push(upload_error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = {
        let base = common.invalid();
        move || base().or_else(|| problem.with(Option::is_some).then_some("true"))
    };
    let list_label_id = format!("{}-files", common.ids.input);
    let multiple = max_count > 1;
    let types_for_status = types.clone();
    let types_for_problem = types.clone();

    view! {
        <div class="ds-field form-field form-files">
            <label class="ds-label" for=common.ids.input.clone()>
                {common.label()}
            </label>
            {common.help()}
            {common.error_message()}
            <div role="alert" id=upload_error_id class="form-files__problem">
                {move || {
                    problem
                        .get()
                        .map(|message| {
                            let types = types_for_problem.clone();
                            view! {
                                <p class="ds-validation-message">
                                    {move || message.text(lang.get(), max_size, max_count, &types)}
                                </p>
                            }
                        })
                }}
            </div>
            <input
                class="ds-input form-files__input"
                type="file"
                id=common.ids.input.clone()
                name=id.clone()
                accept=accept.join(",")
                multiple=multiple
                node_ref=input_ref
                aria-describedby=described_by
                aria-invalid=invalid
                aria-required=common.required()
                on:change=on_change
            />
            <p class="ds-paragraph form-files__count" data-size="sm">
                {move || {
                    t().file_count
                        .replace("{count}", &files.with(Vec::len).to_string())
                        .replace("{max}", &max_count.to_string())
                }}
            </p>
            {move || {
                let list = files.get();
                (!list.is_empty())
                    .then(|| {
                        let remove = remove.clone();
                        view! {
                            <p class="ds-label form-files__heading" id=list_label_id.clone()>
                                {move || t().uploaded_files}
                            </p>
                            <ul class="form-files__list" aria-labelledby=list_label_id.clone()>
                                {list
                                    .into_iter()
                                    .map(|attachment| {
                                        let remove = remove.clone();
                                        let name = attachment.file_name.clone();
                                        let size = attachment.size_bytes;
                                        let href = cases::attachment_url(&attachment.id);
                                        view! {
                                            <li class="form-files__item">
                                                <a class="ds-link form-files__name" href=href download="">
                                                    {name.clone()}
                                                </a>
                                                <span class="form-files__size">
                                                    {move || (size > 0).then(|| format!("({})", format_size(lang.get(), size)))}
                                                </span>
                                                <button
                                                    type="button"
                                                    class="ds-button form-files__remove"
                                                    data-variant="tertiary"
                                                    data-size="sm"
                                                    on:click=move |_| remove(attachment.clone())
                                                >
                                                    {move || t().remove_file.replace("{name}", &name)}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
            <p class="ds-paragraph form-files__status" role="status" data-size="sm">
                {move || status.get().map(|message| message.text(lang.get(), max_size, max_count, &types_for_status))}
            </p>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_types_have_short_names() {
        let accept = ["image/jpeg", "image/png", "application/pdf", "image/webp"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(type_names(&accept), "JPEG, PNG, PDF, WEBP");
    }
}
