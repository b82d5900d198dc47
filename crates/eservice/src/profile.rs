//! Prefilling answers from the citizen's profile, and noticing answers that
//! differ from it.

use domain::{Email, PhoneNumber};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::answers::{Answers, answered_fields};
use crate::definition::{EServiceDefinition, PostalAddress, ProfileBinding};
use crate::pattern::normalise_postal_code;

/// What the citizen's profile holds, for prefill. Every value is optional.
///
/// Names come from the BankID identity; e-mail, phone and address are the
/// details the citizen saved on Mina sidor, as stored (the profile validates
/// them when they are saved; comparisons here normalise them again).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileValues {
    /// The saved e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// The saved phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// The saved postal address.
    #[serde(default)]
    pub postal_address: Option<PostalAddress>,
    /// Given name(s).
    #[serde(default)]
    pub given_name: Option<String>,
    /// Surname.
    #[serde(default)]
    pub surname: Option<String>,
}

impl ProfileValues {
    /// Given name and surname separated by a space, or whichever is known.
    #[must_use]
    pub fn full_name(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.given_name, &self.surname]
            .into_iter()
            .filter_map(|part| part.as_deref().map(str::trim))
            .filter(|part| !part.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The value for a binding as an answer: a string, or an address object.
    /// Blank values count as missing.
    #[must_use]
    pub fn value(&self, binding: ProfileBinding) -> Option<Value> {
        let text = |value: Option<&str>| {
            value
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(|text| Value::String(text.to_owned()))
        };
        match binding {
            ProfileBinding::Email => text(self.email.as_deref()),
            ProfileBinding::Phone => text(self.phone.as_deref()),
            ProfileBinding::PostalAddress => self.postal_address.as_ref().map(|address| {
                serde_json::json!({
                    "street": address.street,
                    "postal_code": address.postal_code,
                    "city": address.city,
                })
            }),
            ProfileBinding::GivenName => text(self.given_name.as_deref()),
            ProfileBinding::Surname => text(self.surname.as_deref()),
            ProfileBinding::FullName => self.full_name().map(Value::String),
        }
    }
}

/// Answers for a new draft: every field with a `prefill` binding whose
/// profile value is known gets that value (visible or not, so that a field
/// shown later is already filled in).
///
/// To prefill an existing draft without overwriting what the citizen typed,
/// insert only the keys the draft lacks.
#[must_use]
pub fn prefill(definition: &EServiceDefinition, profile: &ProfileValues) -> Answers {
    definition
        .fields()
        .filter_map(|field| {
            let binding = field.prefill?;
            profile
                .value(binding)
                .map(|value| (field.id.clone(), value))
        })
        .collect()
}

/// The profile values that the answers would change: for each visible,
/// answered, valid field with a `prefill` binding whose answer differs from
/// the profile (or the profile has no value), its binding, once, in form
/// order. The SPA can then ask "Vill du spara de nya uppgifterna i din
/// profil?".
///
/// E-mail and phone are compared after normalisation ([`Email::parse`],
/// [`PhoneNumber::parse`]); addresses part by part, ignoring case and
/// surrounding whitespace and the space in the postal code; names after
/// trimming. Answers that are not valid are never offered for the profile.
#[must_use]
pub fn profile_differences(
    definition: &EServiceDefinition,
    answers: &Answers,
    profile: &ProfileValues,
) -> Vec<ProfileBinding> {
    let mut differences = Vec::new();
    for (field, value) in answered_fields(definition, answers) {
        let Some(binding) = field.prefill else {
            continue;
        };
        if differences.contains(&binding) {
            continue;
        }
        let differs = match binding {
            ProfileBinding::Email => value
                .as_str()
                .and_then(|text| Email::parse(text).ok())
                .map(|email| profile_email(profile) != Some(email)),
            ProfileBinding::Phone => value
                .as_str()
                .and_then(|text| PhoneNumber::parse(text).ok())
                .map(|phone| profile_phone(profile) != Some(phone)),
            ProfileBinding::PostalAddress => serde_json::from_value::<PostalAddress>(value.clone())
                .ok()
                .and_then(|address| address_key(&address))
                .map(|answer| {
                    profile.postal_address.as_ref().and_then(address_key) != Some(answer)
                }),
            ProfileBinding::GivenName | ProfileBinding::Surname | ProfileBinding::FullName => {
                let current = profile.value(binding);
                value
                    .as_str()
                    .map(str::trim)
                    .filter(|text| !text.is_empty())
                    .map(|text| current.as_ref().and_then(Value::as_str) != Some(text))
            }
        };
        if differs == Some(true) {
            differences.push(binding);
        }
    }
    differences
}

/// The profile e-mail address, normalised; `None` if missing or invalid.
fn profile_email(profile: &ProfileValues) -> Option<Email> {
    profile
        .email
        .as_deref()
        .and_then(|text| Email::parse(text).ok())
}

/// The profile phone number, normalised; `None` if missing or invalid.
fn profile_phone(profile: &ProfileValues) -> Option<PhoneNumber> {
    profile
        .phone
        .as_deref()
        .and_then(|text| PhoneNumber::parse(text).ok())
}

/// A complete, valid address in a form that compares equal when only case,
/// surrounding whitespace or the postal code's space differ.
fn address_key(address: &PostalAddress) -> Option<(String, String, String)> {
    let street = collapse(&address.street);
    let city = collapse(&address.city);
    let postal_code = normalise_postal_code(&address.postal_code)?;
    (!street.is_empty() && !city.is_empty()).then_some((street, postal_code, city))
}

fn collapse(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
