//! The e-service catalogue and, for administrators, importing definitions.

pub mod get_eservice;
pub mod get_eservice_version;
pub mod import_eservice;
pub mod list_eservices;

use api_types::{EServiceSummary, Localized};
use eservice::EServiceDefinition;

/// Swedish/English pair from the definition's type.
pub fn localized(text: &eservice::Localized) -> Localized<String> {
    Localized {
        sv: text.sv.clone(),
        en: text.en.clone(),
    }
}

/// The catalogue entry of a definition.
pub fn summary(definition: &EServiceDefinition) -> EServiceSummary {
    let settings = definition.settings();
    EServiceSummary {
        slug: definition.slug().to_owned(),
        version: definition.version().into(),
        title: localized(definition.title()),
        description: localized(definition.description()),
        signature_required: settings.signature_required,
        cosigners: settings.cosigners.as_ref().map_or(0, |c| c.count),
        expected_handling_days: settings.expected_handling_days,
    }
}
