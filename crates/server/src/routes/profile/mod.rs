//! The citizen's saved details (Mina sidor: "Spara personliga uppgifter").

pub mod get_profile;
pub mod send_test_notice;
pub mod update_profile;

use api_types::{PostalAddress, ProfileResponse};

use crate::entities::{profiles, users};

/// The response for a user and their saved profile (if any).
pub fn profile_response(user: &users::Model, profile: Option<&profiles::Model>) -> ProfileResponse {
    let postal_address = profile.and_then(|p| match (&p.street, &p.postal_code, &p.city) {
        (Some(street), Some(postal_code), Some(city)) => Some(PostalAddress {
            street: street.clone(),
            postal_code: postal_code.clone(),
            city: city.clone(),
        }),
        _ => None,
    });
    ProfileResponse {
        given_name: user.given_name.clone(),
        surname: user.surname.clone(),
        email: profile.and_then(|p| p.email.clone()),
        phone: profile.and_then(|p| p.phone.clone()),
        postal_address,
        notify_email: profile.is_some_and(|p| p.notify_email),
        notify_sms: profile.is_some_and(|p| p.notify_sms),
        language: profile
            .and_then(|p| p.language.as_deref())
            .map(api_types::NoticeLanguage::from_code)
            .unwrap_or_default(),
    }
}
