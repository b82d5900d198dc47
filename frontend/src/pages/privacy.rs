//! `/integritet`: how personal data is processed (GDPR Art. 13). The municipality configures the
//! controller, purposes, legal basis, retention and the data protection officer; the rights and the
//! supervisory authority are the same everywhere in Sweden.

use leptos::prelude::*;

use crate::i18n::{Lang, STORAGE_KEY, use_lang};
use crate::page::{ExternalLink, PageHeading};
use crate::site::use_site;

/// The Swedish supervisory authority (Integritetsskyddsmyndigheten).
const IMY_URL: &str = "https://www.imy.se/";

struct Texts {
    title: &'static str,
    short_title: &'static str,
    intro: &'static str,
    controller_heading: &'static str,
    purposes_heading: &'static str,
    legal_basis_heading: &'static str,
    retention_heading: &'static str,
    rights_heading: &'static str,
    rights_intro: &'static str,
    rights: [&'static str; 6],
    rights_limits: &'static str,
    dpo_heading: &'static str,
    dpo_body: &'static str,
    email_label: &'static str,
    complaint_heading: &'static str,
    complaint_body: &'static str,
    complaint_link: &'static str,
    browser_heading: &'static str,
    /// `{key}` is replaced by the storage key.
    browser_body: &'static str,
    policy_link: &'static str,
}

const SV: Texts = Texts {
    title: "Så behandlar vi dina personuppgifter",
    short_title: "Personuppgifter",
    intro: "När du använder Mina sidor behandlar vi personuppgifter om dig. Här beskriver vi vilka som ansvarar för behandlingen, varför vi gör den, hur länge uppgifterna sparas och vilka rättigheter du har enligt dataskyddsförordningen (GDPR).",
    controller_heading: "Personuppgiftsansvarig",
    purposes_heading: "Varför vi behandlar dina personuppgifter",
    legal_basis_heading: "Rättslig grund",
    retention_heading: "Hur länge vi sparar uppgifterna",
    rights_heading: "Dina rättigheter",
    rights_intro: "Enligt dataskyddsförordningen har du rätt att",
    rights: [
        "få veta vilka personuppgifter vi har om dig och få en kopia av dem (registerutdrag),",
        "få felaktiga uppgifter rättade,",
        "få uppgifter raderade i vissa fall,",
        "begära att behandlingen begränsas,",
        "invända mot behandlingen i vissa fall,",
        "få ut uppgifter som du själv har lämnat i ett maskinläsbart format (dataportabilitet).",
    ],
    rights_limits: "Ärenden som du har skickat in blir allmänna handlingar. De får bara gallras enligt de regler som gäller för kommunens arkiv, så de kan inte alltid raderas när du begär det.",
    dpo_heading: "Dataskyddsombud",
    dpo_body: "Du kan kontakta kommunens dataskyddsombud om du har frågor om hur vi behandlar dina personuppgifter eller vill använda dina rättigheter.",
    email_label: "E-post:",
    complaint_heading: "Om du vill klaga",
    complaint_body: "Om du anser att vi behandlar dina personuppgifter felaktigt kan du lämna klagomål till Integritetsskyddsmyndigheten (IMY).",
    complaint_link: "Integritetsskyddsmyndigheten, imy.se",
    browser_heading: "Det här sparas i din webbläsare",
    browser_body: "Mina sidor sparar ditt val av språk i webbläsarens lokala lagring (nyckeln \u{201c}{key}\u{201d}). Det är ingen personuppgift och används inte för att följa dig. När du loggar in använder vi kakor (cookies) som behövs för att inloggningen ska fungera. De kan inte läsas av skript på sidan, och inloggningskakan tas bort när du loggar ut. Vi använder inga kakor för statistik eller marknadsföring.",
    policy_link: "Läs kommunens fullständiga integritetspolicy",
};

const EN: Texts = Texts {
    title: "How we process your personal data",
    short_title: "Personal data",
    intro: "When you use Mina sidor, we process personal data about you. Here we describe who is responsible for the processing, why we do it, how long the data is kept and what rights you have under the General Data Protection Regulation (GDPR).",
    controller_heading: "Controller",
    purposes_heading: "Why we process your personal data",
    legal_basis_heading: "Legal basis",
    retention_heading: "How long we keep the data",
    rights_heading: "Your rights",
    rights_intro: "Under the General Data Protection Regulation you have the right to",
    rights: [
        "know what personal data we hold about you and get a copy of it (access),",
        "have incorrect data corrected,",
        "have data erased in some cases,",
        "ask us to restrict the processing,",
        "object to the processing in some cases,",
        "receive data that you have provided yourself in a machine-readable format (data portability).",
    ],
    rights_limits: "Cases that you have submitted become public records. They may only be removed according to the rules for the municipality's archives, so they cannot always be erased when you ask.",
    dpo_heading: "Data protection officer",
    dpo_body: "You can contact the municipality's data protection officer if you have questions about how we process your personal data or want to exercise your rights.",
    email_label: "E-mail:",
    complaint_heading: "If you want to complain",
    complaint_body: "If you think that we process your personal data incorrectly, you can complain to the Swedish Authority for Privacy Protection (IMY).",
    complaint_link: "Swedish Authority for Privacy Protection, imy.se",
    browser_heading: "What is stored in your browser",
    browser_body: "Mina sidor stores your choice of language in the browser's local storage (the key \u{201c}{key}\u{201d}). It is not personal data and is not used to track you. When you log in, we use cookies that logging in needs to work. Scripts on the page cannot read them, and the login cookie is removed when you log out. We use no cookies for statistics or marketing.",
    policy_link: "Read the municipality's full privacy policy",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

/// The privacy page.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let lang = use_lang();
    let site = use_site();
    let t = move || texts(lang.get());

    // Everything configured by the municipality shows once the site information has loaded.
    let configured = move || {
        let site = site.get()?;
        let privacy = site.privacy;
        let lang = lang.get();
        let purposes = lang.of(&privacy.purposes).clone();
        let legal_basis = lang.of(&privacy.legal_basis).clone();
        let retention = lang.of(&privacy.retention).clone();
        let dpo_mailto = format!("mailto:{}", privacy.dpo_email);
        let policy = privacy.policy_url.filter(|url| !url.is_empty()).map(|url| {
            view! {
                <p class="ds-paragraph">
                    <a class="ds-link" href=url rel="external noopener">
                        {move || t().policy_link}
                    </a>
                </p>
            }
        });
        Some(view! {
            <section aria-labelledby="controller">
                <h2 id="controller" class="ds-heading" data-size="sm">
                    {move || t().controller_heading}
                </h2>
                <p class="ds-paragraph">{privacy.controller}</p>
            </section>
            <section aria-labelledby="purposes">
                <h2 id="purposes" class="ds-heading" data-size="sm">
                    {move || t().purposes_heading}
                </h2>
                <ul class="ds-list">
                    {purposes.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="legal-basis">
                <h2 id="legal-basis" class="ds-heading" data-size="sm">
                    {move || t().legal_basis_heading}
                </h2>
                <p class="ds-paragraph">{legal_basis}</p>
            </section>
            <section aria-labelledby="retention">
                <h2 id="retention" class="ds-heading" data-size="sm">
                    {move || t().retention_heading}
                </h2>
                <p class="ds-paragraph">{retention}</p>
            </section>
            <section aria-labelledby="dpo">
                <h2 id="dpo" class="ds-heading" data-size="sm">
                    {move || t().dpo_heading}
                </h2>
                <p class="ds-paragraph">{move || t().dpo_body}</p>
                <p class="ds-paragraph">
                    {move || t().email_label}
                    " "
                    <a class="ds-link" href=dpo_mailto>
                        {privacy.dpo_email}
                    </a>
                </p>
                {policy}
            </section>
        })
    };

    view! {
        <PageHeading title=|lang| texts(lang).title short_title=|lang| texts(lang).short_title />
        <p class="ds-paragraph lead" data-size="lg">
            {move || t().intro}
        </p>

        {configured}

        <section aria-labelledby="rights">
            <h2 id="rights" class="ds-heading" data-size="sm">
                {move || t().rights_heading}
            </h2>
            <p class="ds-paragraph">{move || t().rights_intro}</p>
            <ul class="ds-list">
                {move || t().rights.map(|right| view! { <li>{right}</li> }).collect_view()}
            </ul>
            <p class="ds-paragraph">{move || t().rights_limits}</p>
        </section>

        <section aria-labelledby="complaint">
            <h2 id="complaint" class="ds-heading" data-size="sm">
                {move || t().complaint_heading}
            </h2>
            <p class="ds-paragraph">{move || t().complaint_body}</p>
            <p class="ds-paragraph">
                <ExternalLink href=IMY_URL>{move || t().complaint_link}</ExternalLink>
            </p>
        </section>

        <section aria-labelledby="in-browser">
            <h2 id="in-browser" class="ds-heading" data-size="sm">
                {move || t().browser_heading}
            </h2>
            <p class="ds-paragraph">{move || t().browser_body.replace("{key}", STORAGE_KEY)}</p>
        </section>
    }
}
