//! The profile's inputs as typed: filled from the profile, read into an update request.

use api_types::{NoticeLanguage, PostalAddress, ProfileResponse, UpdateProfileRequest};
use leptos::prelude::*;

/// The profile's inputs, as typed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Inputs {
    pub(super) email: RwSignal<String>,
    pub(super) phone: RwSignal<String>,
    pub(super) street: RwSignal<String>,
    pub(super) postal_code: RwSignal<String>,
    pub(super) city: RwSignal<String>,
    pub(super) notify_email: RwSignal<bool>,
    pub(super) notify_sms: RwSignal<bool>,
    pub(super) language: RwSignal<NoticeLanguage>,
}

impl Inputs {
    pub(super) fn new() -> Inputs {
        Inputs {
            email: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            street: RwSignal::new(String::new()),
            postal_code: RwSignal::new(String::new()),
            city: RwSignal::new(String::new()),
            notify_email: RwSignal::new(false),
            notify_sms: RwSignal::new(false),
            language: RwSignal::new(NoticeLanguage::Sv),
        }
    }

    pub(super) fn fill(self, profile: &ProfileResponse) {
        self.email.set(profile.email.clone().unwrap_or_default());
        self.phone.set(profile.phone.clone().unwrap_or_default());
        let address = profile.postal_address.clone();
        self.street.set(
            address
                .as_ref()
                .map(|a| a.street.clone())
                .unwrap_or_default(),
        );
        self.postal_code.set(
            address
                .as_ref()
                .map(|a| a.postal_code.clone())
                .unwrap_or_default(),
        );
        self.city.set(address.map(|a| a.city).unwrap_or_default());
        self.notify_email.set(profile.notify_email);
        self.notify_sms.set(profile.notify_sms);
        self.language.set(profile.language);
    }

    pub(super) fn request(self) -> UpdateProfileRequest {
        let street = self.street.get_untracked();
        let postal_code = self.postal_code.get_untracked();
        let city = self.city.get_untracked();
        let any_address = [&street, &postal_code, &city]
            .iter()
            .any(|part| !part.trim().is_empty());
        UpdateProfileRequest {
            email: Some(self.email.get_untracked()),
            phone: Some(self.phone.get_untracked()),
            postal_address: any_address.then_some(PostalAddress {
                street,
                postal_code,
                city,
            }),
            notify_email: self.notify_email.get_untracked(),
            notify_sms: self.notify_sms.get_untracked(),
            language: Some(self.language.get_untracked()),
        }
    }
}

/// The DOM id of the input for a server error's field name.
pub(super) fn input_id(field: &str) -> &'static str {
    match field {
        "email" => "profile-email",
        "phone" => "profile-phone",
        "postal_address.postal_code" => "profile-postal-code",
        "postal_address.city" => "profile-city",
        "postal_address.street" | "postal_address" => "profile-street",
        _ => "profile-email",
    }
}
