//! The profile service: a citizen's contact details, parsed as a whole (every invalid field
//! listed, nothing saved on an error), saved in one statement, and read for prefill.

use api_types::{FieldError, UpdateProfileRequest};
use chrono::{DateTime, Utc};
use domain::{Email, PhoneNumber};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, sea_query::OnConflict};
use uuid::Uuid;

use crate::entities::{profiles, users};
use crate::error::ApiError;

/// Contact details that have passed every rule: e-mail and mobile in their normal forms, the
/// postal address with a valid postal code, and the notification choices they allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDetails {
    email: Option<String>,
    phone: Option<String>,
    address: Option<(String, String, String)>,
    notify_email: bool,
    notify_sms: bool,
    language: Option<api_types::NoticeLanguage>,
}

impl ContactDetails {
    /// Parses the request; every invalid field is one error, in Swedish and English.
    ///
    /// # Errors
    ///
    /// The field errors, when any value is invalid.
    pub fn parse(request: UpdateProfileRequest) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = non_empty(request.email).and_then(|text| match Email::parse(&text) {
            Ok(email) => Some(email.as_str().to_owned()),
            Err(_) => {
                errors.push(field_error(
                    "email",
                    "invalid_email",
                    "Enter a valid e-mail address, e.g. namn@exempel.se.",
                    "Ange en giltig e-postadress, till exempel namn@exempel.se.",
                ));
                None
            }
        });
        let phone = non_empty(request.phone).and_then(|text| match PhoneNumber::parse(&text) {
            Ok(phone) => Some(phone.as_e164().to_owned()),
            Err(_) => {
                errors.push(field_error(
                    "phone",
                    "invalid_phone",
                    "Enter a valid mobile number, e.g. 070-123 45 67.",
                    "Ange ett giltigt mobilnummer, till exempel 070-123 45 67.",
                ));
                None
            }
        });
        let address = request.postal_address.and_then(|address| {
            let street = address.street.trim().to_owned();
            let city = address.city.trim().to_owned();
            let postal_code = domain::PostalCode::parse(&address.postal_code);
            if street.is_empty() && city.is_empty() && address.postal_code.trim().is_empty() {
                return None;
            }
            let mut ok = true;
            if street.is_empty() || street.chars().count() > 200 {
                ok = false;
                errors.push(field_error(
                    "postal_address.street",
                    "required",
                    "Enter your street address.",
                    "Ange din gatuadress.",
                ));
            }
            if postal_code.is_err() {
                ok = false;
                errors.push(field_error(
                    "postal_address.postal_code",
                    "invalid_postal_code",
                    "Enter a Swedish postal code: five digits, not starting with 0, e.g. 733 30.",
                    "Ange ett svenskt postnummer: fem siffror som inte börjar med 0, till exempel 733 30.",
                ));
            }
            if city.is_empty() || city.chars().count() > 100 {
                ok = false;
                errors.push(field_error(
                    "postal_address.city",
                    "required",
                    "Enter your city.",
                    "Ange din postort.",
                ));
            }
            match (ok, postal_code) {
                (true, Ok(code)) => Some((street, code.to_string(), city)),
                _ => None,
            }
        });
        if request.notify_email && email.is_none() && !errors.iter().any(|e| e.field == "email") {
            errors.push(field_error(
                "email",
                "required",
                "Enter an e-mail address to get notifications by e-mail.",
                "Ange en e-postadress för att få aviseringar via e-post.",
            ));
        }
        if request.notify_sms && phone.is_none() && !errors.iter().any(|e| e.field == "phone") {
            errors.push(field_error(
                "phone",
                "required",
                "Enter a mobile number to get notifications by SMS.",
                "Ange ett mobilnummer för att få aviseringar via sms.",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            email,
            phone,
            address,
            notify_email: request.notify_email,
            notify_sms: request.notify_sms,
            language: request.language,
        })
    }
}

/// Saves `details` as `user_id`'s profile (created or replaced) and returns it.
pub async fn save(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    details: ContactDetails,
    now: DateTime<Utc>,
) -> Result<profiles::Model, ApiError> {
    let (street, postal_code, city) = match details.address {
        Some((street, postal_code, city)) => (Some(street), Some(postal_code), Some(city)),
        None => (None, None, None),
    };
    let row = profiles::ActiveModel {
        user_id: Set(user_id),
        email: Set(details.email),
        phone: Set(details.phone),
        street: Set(street),
        postal_code: Set(postal_code),
        city: Set(city),
        notify_email: Set(details.notify_email),
        notify_sms: Set(details.notify_sms),
        language: Set(Some(
            details.language.unwrap_or_default().as_str().to_owned(),
        )),
        updated_at: Set(now),
    };
    let mut updated = vec![
        profiles::Column::Email,
        profiles::Column::Phone,
        profiles::Column::Street,
        profiles::Column::PostalCode,
        profiles::Column::City,
        profiles::Column::NotifyEmail,
        profiles::Column::NotifySms,
        profiles::Column::UpdatedAt,
    ];
    if details.language.is_some() {
        updated.push(profiles::Column::Language);
    }
    profiles::Entity::insert(row)
        .on_conflict(
            OnConflict::column(profiles::Column::UserId)
                .update_columns(updated)
                .to_owned(),
        )
        .exec(db)
        .await
        .map_err(ApiError::internal)?;
    load(db, user_id)
        .await?
        .ok_or_else(|| ApiError::Internal("the profile just saved is missing".into()))
}

/// `user_id`'s saved profile, if any.
pub async fn load(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Option<profiles::Model>, ApiError> {
    profiles::Entity::find_by_id(user_id)
        .one(db)
        .await
        .map_err(ApiError::internal)
}

/// What an e-service's form may be prefilled with: the saved details and the name from BankID.
pub async fn prefill_values(
    db: &impl ConnectionTrait,
    user: &users::Model,
) -> Result<eservice::ProfileValues, ApiError> {
    let profile = load(db, user.id).await?;
    Ok(eservice::ProfileValues {
        email: profile.as_ref().and_then(|p| p.email.clone()),
        phone: profile.as_ref().and_then(|p| p.phone.clone()),
        postal_address: profile
            .as_ref()
            .and_then(|p| match (&p.street, &p.postal_code, &p.city) {
                (Some(street), Some(postal_code), Some(city)) => Some(eservice::PostalAddress {
                    street: street.clone(),
                    postal_code: postal_code.clone(),
                    city: city.clone(),
                }),
                _ => None,
            }),
        given_name: Some(user.given_name.clone()),
        surname: Some(user.surname.clone()),
    })
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

fn field_error(field: &str, code: &str, message: &str, message_sv: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
        message_sv: message_sv.into(),
    }
}
