//! One form field per definition field type, each with a visible label (a `<fieldset>` and
//! `<legend>` for groups), help text and error linked with `aria-describedby`, and
//! `aria-invalid` while the field has an error.
//!
//! Inputs start from the answers as they are when drawn and write every change back
//! ([`FormCtx::set_answer`]); nothing typed is ever thrown away, valid or not.
//!
//! - this module: [`FieldView`], what every field shares ([`Common`]) and the choice of input;
//! - [`text`]: text, number, date, e-mail and phone inputs and text areas;
//! - [`choice`]: selects, radio buttons, checkboxes and yes/no;
//! - [`address`]: a postal address (street, postal code, city);
//! - [`file`]: file uploads.

mod address;
mod choice;
mod file;
mod text;

use std::collections::BTreeSet;

use eservice::{ChoiceDisplay, Field, FieldKind, ProfileBinding};
use leptos::prelude::*;
use serde_json::Value;

use self::address::postal_address;
use self::choice::{checkboxes, radios, select, yes_no};
use self::file::file_upload;
use self::text::{text_area, text_input};
use crate::i18n::{Lang, use_lang};
use crate::pages::form::{FormCtx, ShownError, def_lang, field_dom_id, use_form};

/// The ids of a field's parts in the page.
#[derive(Debug, Clone)]
pub(super) struct Ids {
    pub(super) input: String,
    pub(super) help: String,
    pub(super) error: String,
}

impl Ids {
    pub(super) fn of(field: &Field) -> Ids {
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
pub(super) struct Common {
    pub(super) ctx: FormCtx,
    pub(super) lang: RwSignal<Lang>,
    pub(super) field: Field,
    pub(super) ids: Ids,
    pub(super) error: Memo<Option<ShownError>>,
}

impl Common {
    pub(super) fn label(&self) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        let label = self.field.label.clone();
        let lang = self.lang;
        move || label.get(def_lang(lang.get())).to_owned()
    }

    pub(super) fn has_help(&self) -> bool {
        self.field.help.is_some()
    }

    pub(super) fn help(&self) -> impl IntoView + use<> {
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

    pub(super) fn error_message(&self) -> impl IntoView + use<> {
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
    pub(super) fn described_by(
        &self,
    ) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
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

    pub(super) fn invalid(
        &self,
    ) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static {
        let error = self.error;
        move || error.with(Option::is_some).then_some("true")
    }

    pub(super) fn required(&self) -> Option<&'static str> {
        self.field.required.then_some("true")
    }

    pub(super) fn text_answer(&self) -> String {
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
        FieldKind::Phone { .. } => text_input(common, "tel", Some("tel"), None),
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
