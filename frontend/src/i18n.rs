//! Swedish and English texts.
//!
//! Every page keeps its texts in a struct with one `const` per language, so the compiler refuses a
//! text that exists in only one of them. The chosen language lives in a context signal, is kept in
//! `localStorage` under [`STORAGE_KEY`] (a preference, not personal data) and is mirrored in
//! `<html lang>` so screen readers pronounce the page correctly.

use api_types::Localized;
use leptos::prelude::*;

/// The `localStorage` key that remembers the chosen language.
pub const STORAGE_KEY: &str = "lang";

/// A language of the user interface. Swedish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Svenska.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// All languages, in the order the language switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The BCP 47 code, as used in `lang` attributes and in storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses a stored code; anything unknown is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    /// Picks the value for this language.
    pub fn pick<T>(self, sv: T, en: T) -> T {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// Picks this language's variant of a configured text.
    pub fn of<T>(self, text: &Localized<T>) -> &T {
        match self {
            Lang::Sv => &text.sv,
            Lang::En => &text.en,
        }
    }
}

/// The chosen language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

/// Reads the saved language (Swedish when nothing or something unknown is saved), puts it in
/// context and keeps `<html lang>` in step with it.
pub fn provide_lang() -> RwSignal<Lang> {
    let lang = RwSignal::new(saved_lang().unwrap_or_default());
    provide_context(LangContext(lang));
    Effect::new(move |_| set_document_lang(lang.get()));
    lang
}

/// Switches the language because the user chose it, and remembers the choice.
pub fn choose_lang(current: RwSignal<Lang>, lang: Lang) {
    current.set(lang);
    save_lang(lang);
}

/// The chosen language (see [`crate::context`] for a missing context; the fallback is Swedish).
pub fn use_lang() -> RwSignal<Lang> {
    let LangContext(lang) =
        crate::context::expect_context_or(|| LangContext(RwSignal::new(Lang::default())));
    lang
}

fn storage() -> Option<web_sys::Storage> {
    // Storage can be switched off by the user: then the choice lasts until the page is closed.
    web_sys::window()?.local_storage().ok().flatten()
}

fn saved_lang() -> Option<Lang> {
    let code = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    Lang::from_code(&code)
}

fn save_lang(lang: Lang) {
    if let Some(storage) = storage() {
        // A full or blocked storage only means the choice is not remembered.
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Texts of the frame around every page.
#[derive(Debug)]
pub struct ShellTexts {
    /// The skip link, the first thing a keyboard user reaches.
    pub skip_link: &'static str,
    /// Label of the language switch group.
    pub language: &'static str,
    /// Accessible name of the footer.
    pub footer_nav: &'static str,
    /// Footer link to the accessibility statement.
    pub accessibility_link: &'static str,
    /// Footer link to the privacy page.
    pub privacy_link: &'static str,
    /// Before the contact e-mail in the footer.
    pub contact: &'static str,
    /// Polite status while the site information loads.
    pub loading: &'static str,
    /// Heading of the error shown when the site information cannot be loaded.
    pub load_error_title: &'static str,
    /// Body of that error.
    pub load_error_body: &'static str,
    /// The header's link to the login page.
    pub log_in: &'static str,
    /// The header's logout button.
    pub log_out: &'static str,
    /// Before the user's name in the header, for screen readers.
    pub logged_in_as: &'static str,
    /// When logging out failed.
    pub log_out_failed: &'static str,
    /// Accessible name of the header's navigation.
    pub main_nav: &'static str,
    /// The button that shows the header's links on a narrow screen.
    pub menu: &'static str,
    /// The header's link to the e-service catalogue.
    pub nav_eservices: &'static str,
    /// The header's link to the logged-in start page.
    pub nav_my_pages: &'static str,
    /// The header's link to the contact details.
    pub nav_profile: &'static str,
}

impl ShellTexts {
    /// The texts in the given language.
    pub fn get(lang: Lang) -> &'static ShellTexts {
        lang.pick(&SHELL_SV, &SHELL_EN)
    }
}

const SHELL_SV: ShellTexts = ShellTexts {
    skip_link: "Hoppa till huvudinnehållet",
    language: "Språk",
    footer_nav: "Om webbplatsen",
    accessibility_link: "Tillgänglighetsredogörelse",
    privacy_link: "Så behandlar vi dina personuppgifter",
    contact: "Kontakt:",
    loading: "Hämtar uppgifter om tjänsten …",
    load_error_title: "Uppgifterna om tjänsten kunde inte hämtas",
    load_error_body: "Sidan fungerar ändå, men kommunens namn och kontaktuppgifter saknas. Försök igen senare genom att ladda om sidan.",
    log_in: "Logga in",
    log_out: "Logga ut",
    logged_in_as: "Inloggad som",
    log_out_failed: "Det gick inte att logga ut. Försök igen.",
    main_nav: "Huvudmeny",
    menu: "Meny",
    nav_eservices: "E-tjänster",
    nav_my_pages: "Mina ärenden",
    nav_profile: "Kontaktuppgifter",
};

const SHELL_EN: ShellTexts = ShellTexts {
    skip_link: "Skip to main content",
    language: "Language",
    footer_nav: "About this website",
    accessibility_link: "Accessibility statement",
    privacy_link: "How we process your personal data",
    contact: "Contact:",
    loading: "Loading information about the service …",
    load_error_title: "The information about the service could not be loaded",
    load_error_body: "The page still works, but the municipality's name and contact details are missing. Please try again later by reloading the page.",
    log_in: "Log in",
    log_out: "Log out",
    logged_in_as: "Logged in as",
    log_out_failed: "Logging out failed. Please try again.",
    main_nav: "Main menu",
    menu: "Menu",
    nav_eservices: "E-services",
    nav_my_pages: "My cases",
    nav_profile: "Contact details",
};

/// The service's name; the same in both languages.
pub const SERVICE_NAME: &str = "Mina sidor";

/// The document title for a page: "<Page> – Mina sidor – <municipality>".
pub fn document_title(page: &str, municipality: Option<&str>) -> String {
    match municipality {
        Some(name) if !name.is_empty() => format!("{page} – {SERVICE_NAME} – {name}"),
        _ => format!("{page} – {SERVICE_NAME}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_code_round_trips_and_unknown_codes_are_ignored() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn swedish_is_the_default_language() {
        assert_eq!(Lang::default(), Lang::Sv);
    }

    #[test]
    fn the_document_title_names_page_service_and_municipality() {
        assert_eq!(
            document_title("Startsida", Some("Exempelby kommun")),
            "Startsida – Mina sidor – Exempelby kommun"
        );
        assert_eq!(
            document_title("Start page", None),
            "Start page – Mina sidor"
        );
        assert_eq!(
            document_title("Start page", Some("")),
            "Start page – Mina sidor"
        );
    }

    #[test]
    fn pick_and_of_choose_the_language_variant() {
        let text = Localized {
            sv: "hej".to_string(),
            en: "hello".to_string(),
        };
        assert_eq!(Lang::Sv.of(&text), "hej");
        assert_eq!(Lang::En.of(&text), "hello");
        assert_eq!(Lang::En.pick(1, 2), 2);
    }
}
