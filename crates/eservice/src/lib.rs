//! E-services as data for Mina sidor.
//!
//! An e-service is a versioned JSON document — slug, title and description
//! in Swedish and English, settings, and steps of fields — not code. This
//! crate is the single implementation of its rules, shared by the server
//! (the authority) and the Leptos frontend (which mirrors it for speed):
//!
//! * [`EServiceDefinition::from_json`] loads a definition and checks it,
//!   reporting every broken rule with a path, the field id and a stable
//!   rule code ([`rules`]). The format is described by
//!   `api-spec/eservice-definition.schema.json` and the crate README.
//! * [`validate`] checks answers for one step or the whole form, giving per
//!   field a stable code ([`codes`]) and messages in Swedish and English.
//!   Hidden fields ([`visible_fields`]) are neither validated nor required.
//! * [`canonical_answers`] and [`answers_digest`] give the deterministic text
//!   and SHA-256 that BankID sign gets as `userNonVisibleData`;
//!   [`summary_text`] gives the `userVisibleData`.
//! * [`prefill`] and [`profile_differences`] connect the form to the
//!   citizen's saved profile.
//!
//! Everything is pure: no I/O, no async and no clock. Rules that depend on
//! the date take `today` as an argument, so the same code runs in the
//! browser, on the server and in deterministic tests.

#![warn(missing_docs)]

mod answers;
mod canonical;
mod definition;
pub mod demo;
mod load;
mod localized;
mod messages;
mod pattern;
mod profile;
mod summary;
mod validate;

pub use answers::{Answers, is_blank, visible_fields};
pub use canonical::{
    answers_digest, answers_digest_hex, canonical_answers, canonical_form, file_answers,
    signed_digest,
};
pub use definition::{
    ChoiceDisplay, ChoiceOption, Condition, CosignerSettings, DEFAULT_LONG_TEXT_MAX_LENGTH,
    DEFAULT_SHORT_TEXT_MAX_LENGTH, EServiceDefinition, Field, FieldKind, PhonePurpose,
    PostalAddress, ProfileBinding, Settings, Step,
};
pub use load::{
    DefinitionError, DefinitionErrors, FILE_MAX_COUNT_LIMIT, FILE_MAX_SIZE_LIMIT,
    LONG_TEXT_MAX_LENGTH_LIMIT, MAX_COSIGNERS, MAX_DRAFT_RETENTION_DAYS, MAX_HANDLING_DAYS,
    SHORT_TEXT_MAX_LENGTH_LIMIT, rules,
};
pub use localized::{Lang, Localized};
pub use pattern::TextPattern;
pub use profile::{ProfileValues, prefill, profile_differences};
pub use summary::{
    DRAFT_LABEL_MAX_CHARS, SUMMARY_MAX_ANSWER_CHARS, SUMMARY_MAX_CHARS, draft_label, summary_text,
};
pub use validate::{
    AnswerError, MAX_CITY_LENGTH, MAX_STREET_LENGTH, Scope, codes, validate, validate_field,
};
