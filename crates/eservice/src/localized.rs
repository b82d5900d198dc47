//! Texts in Swedish and English.

use serde::{Deserialize, Serialize};

/// A language a person reads the service in. Swedish comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish (`sv`), the default.
    #[default]
    Sv,
    /// English (`en`).
    En,
}

/// A text that a person reads, in Swedish and English.
///
/// Both languages are required and must not be blank; loading a definition
/// reports a blank text with the rule `empty_text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    /// The Swedish text.
    pub sv: String,
    /// The English text.
    pub en: String,
}

impl Localized {
    /// A text from its Swedish and English versions.
    #[must_use]
    pub fn new(sv: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            sv: sv.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}
