//! `/tillganglighet`: the accessibility statement (tillgänglighetsredogörelse), following the
//! structure of Digg's model statement. The municipality configures the contact address, the
//! review date and the known shortcomings; the compliance level follows from the shortcomings.

use api_types::SiteInfo;
use leptos::prelude::*;

use crate::i18n::{Lang, use_lang};
use crate::page::{ExternalLink, PageHeading};
use crate::site::use_site;

/// Where Digg takes complaints under the law on accessibility of digital public services.
const DIGG_COMPLAINTS_URL: &str = "https://www.digg.se/tdosanmalan";

struct Texts {
    title: &'static str,
    short_title: &'static str,
    /// `{municipality}` is replaced by the municipality's name.
    intro: &'static str,
    municipality_fallback: &'static str,
    how_heading: &'static str,
    how_partly: &'static str,
    how_fully: &'static str,
    cannot_use_heading: &'static str,
    cannot_use_body: &'static str,
    email_label: &'static str,
    report_heading: &'static str,
    report_body: &'static str,
    enforcement_heading: &'static str,
    enforcement_body: &'static str,
    enforcement_link: &'static str,
    technical_heading: &'static str,
    technical_partly: &'static str,
    technical_fully: &'static str,
    not_accessible_heading: &'static str,
    no_known_issues: &'static str,
    tested_heading: &'static str,
    tested_body: &'static str,
    reviewed: &'static str,
    updated: &'static str,
}

const SV: Texts = Texts {
    title: "Tillgänglighet för Mina sidor",
    short_title: "Tillgänglighetsredogörelse",
    intro: "{municipality} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. Det här dokumentet beskriver hur Mina sidor uppfyller lagen om tillgänglighet till digital offentlig service, eventuella kända tillgänglighetsproblem och hur du kan rapportera brister till oss så att vi kan åtgärda dem.",
    municipality_fallback: "Kommunen",
    how_heading: "Hur tillgänglig är webbplatsen?",
    how_partly: "Vi är medvetna om att delar av webbplatsen inte är helt tillgängliga. Se avsnittet om innehåll som inte är tillgängligt nedan för mer information.",
    how_fully: "Vi känner inte till några delar av webbplatsen som inte är tillgängliga. Hittar du något som inte fungerar vill vi gärna veta det.",
    cannot_use_heading: "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    cannot_use_body: "Om du behöver innehåll från Mina sidor som inte är tillgängligt för dig kan du kontakta oss, så försöker vi ge dig informationen på ett annat sätt.",
    email_label: "E-post:",
    report_heading: "Rapportera brister i webbplatsens tillgänglighet",
    report_body: "Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss så att vi får veta att problemet finns.",
    enforcement_heading: "Tillsyn",
    enforcement_body: "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.",
    enforcement_link: "Anmäl till Myndigheten för digital förvaltning",
    technical_heading: "Teknisk information om webbplatsens tillgänglighet",
    technical_partly: "Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.",
    technical_fully: "Vi bedömer att den här webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.",
    not_accessible_heading: "Innehåll som inte är tillgängligt",
    no_known_issues: "Vi känner för närvarande inte till några brister.",
    tested_heading: "Hur vi testat webbplatsen",
    tested_body: "Vi har gjort en självskattning (intern testning) av Mina sidor. Varje ändring av webbplatsen testas automatiskt mot WCAG 2.2 nivå AA med verktyget axe, på alla sidor och både i smalt (320 pixlar) och brett fönster. Vi testar också att allt går att använda med enbart tangentbord.",
    reviewed: "Senaste bedömningen gjordes den",
    updated: "Redogörelsen uppdaterades senast den",
};

const EN: Texts = Texts {
    title: "Accessibility of Mina sidor",
    short_title: "Accessibility statement",
    intro: "{municipality} runs this website. We want as many people as possible to be able to use it. This statement describes how Mina sidor complies with the Swedish law on accessibility of digital public services, any known accessibility problems and how you can report shortcomings to us so that we can fix them.",
    municipality_fallback: "The municipality",
    how_heading: "How accessible is the website?",
    how_partly: "We are aware that parts of the website are not fully accessible. See the section on content that is not accessible below for more information.",
    how_fully: "We do not know of any parts of the website that are not accessible. If you find something that does not work, please tell us.",
    cannot_use_heading: "What can you do if you cannot use parts of the website?",
    cannot_use_body: "If you need content from Mina sidor that is not accessible to you, contact us and we will try to give you the information in another way.",
    email_label: "E-mail:",
    report_heading: "Report accessibility problems",
    report_body: "We keep working to improve the accessibility of the website. If you find problems that are not described on this page, or if you think that we do not meet the requirements of the law, let us know so that we learn about the problem.",
    enforcement_heading: "Enforcement",
    enforcement_body: "The Agency for Digital Government (Digg) is responsible for enforcing the law on accessibility of digital public services. If you are not satisfied with how we handle your comments, you can contact Digg and tell them.",
    enforcement_link: "Report to the Agency for Digital Government (in Swedish)",
    technical_heading: "Technical information about the website's accessibility",
    technical_partly: "This website is partially compliant with the law on accessibility of digital public services, due to the shortcomings described below.",
    technical_fully: "We consider this website fully compliant with the law on accessibility of digital public services.",
    not_accessible_heading: "Content that is not accessible",
    no_known_issues: "We currently know of no shortcomings.",
    tested_heading: "How we tested the website",
    tested_body: "We have made a self-assessment (internal testing) of Mina sidor. Every change to the website is tested automatically against WCAG 2.2 level AA with the axe tool, on every page and in both a narrow (320 pixels) and a wide window. We also test that everything can be used with a keyboard alone.",
    reviewed: "The latest assessment was made on",
    updated: "The statement was last updated on",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

fn has_known_issues(site: &SiteInfo) -> bool {
    !site.accessibility.known_issues.sv.is_empty() || !site.accessibility.known_issues.en.is_empty()
}

/// The accessibility statement.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let lang = use_lang();
    let site = use_site();
    let t = move || texts(lang.get());
    let intro = move || {
        let name = site.with(|site| match site {
            Some(site) => site.municipality_name.clone(),
            None => t().municipality_fallback.to_string(),
        });
        t().intro.replace("{municipality}", &name)
    };
    // Until the site information has loaded, nothing is claimed about compliance.
    let partly = move || site.with(|site| site.as_ref().map(has_known_issues));
    let email = move || {
        site.with(|site| {
            site.as_ref().map(|site| {
                let address = site.accessibility.contact_email.clone();
                view! {
                    <p class="ds-paragraph">
                        {move || t().email_label}
                        " "
                        <a class="ds-link" href=format!("mailto:{address}")>
                            {address.clone()}
                        </a>
                    </p>
                }
            })
        })
    };
    let known_issues = move || {
        site.with(|site| {
            site.as_ref().map(|site| {
                let issues = lang.get().of(&site.accessibility.known_issues).clone();
                if issues.is_empty() {
                    view! { <p class="ds-paragraph">{move || t().no_known_issues}</p> }.into_any()
                } else {
                    view! {
                        <ul class="ds-list">
                            {issues.into_iter().map(|issue| view! { <li>{issue}</li> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            })
        })
    };
    let reviewed =
        move || site.with(|site| site.as_ref().map(|s| s.accessibility.reviewed.clone()));

    view! {
        <PageHeading title=|lang| texts(lang).title short_title=|lang| texts(lang).short_title />
        <p class="ds-paragraph lead" data-size="lg">
            {intro}
        </p>

        <section aria-labelledby="how-accessible">
            <h2 id="how-accessible" class="ds-heading" data-size="sm">
                {move || t().how_heading}
            </h2>
            {move || {
                partly()
                    .map(|partly| {
                        view! {
                            <p class="ds-paragraph">
                                {move || if partly { t().how_partly } else { t().how_fully }}
                            </p>
                        }
                    })
            }}
        </section>

        <section aria-labelledby="cannot-use">
            <h2 id="cannot-use" class="ds-heading" data-size="sm">
                {move || t().cannot_use_heading}
            </h2>
            <p class="ds-paragraph">{move || t().cannot_use_body}</p>
            {email}
        </section>

        <section aria-labelledby="report">
            <h2 id="report" class="ds-heading" data-size="sm">
                {move || t().report_heading}
            </h2>
            <p class="ds-paragraph">{move || t().report_body}</p>
            {email}
        </section>

        <section aria-labelledby="enforcement">
            <h2 id="enforcement" class="ds-heading" data-size="sm">
                {move || t().enforcement_heading}
            </h2>
            <p class="ds-paragraph">{move || t().enforcement_body}</p>
            <p class="ds-paragraph">
                <ExternalLink href=DIGG_COMPLAINTS_URL>{move || t().enforcement_link}</ExternalLink>
            </p>
        </section>

        <section aria-labelledby="technical">
            <h2 id="technical" class="ds-heading" data-size="sm">
                {move || t().technical_heading}
            </h2>
            {move || {
                partly()
                    .map(|partly| {
                        view! {
                            <p class="ds-paragraph">
                                {move || {
                                    if partly { t().technical_partly } else { t().technical_fully }
                                }}
                            </p>
                        }
                    })
            }}
        </section>

        <section aria-labelledby="not-accessible">
            <h2 id="not-accessible" class="ds-heading" data-size="sm">
                {move || t().not_accessible_heading}
            </h2>
            {known_issues}
        </section>

        <section aria-labelledby="tested">
            <h2 id="tested" class="ds-heading" data-size="sm">
                {move || t().tested_heading}
            </h2>
            <p class="ds-paragraph">{move || t().tested_body}</p>
            {move || {
                reviewed()
                    .map(|date| {
                        let date2 = date.clone();
                        view! {
                            <p class="ds-paragraph">
                                {move || t().reviewed} " " <time datetime=date.clone()>{date.clone()}</time> "."
                            </p>
                            <p class="ds-paragraph">
                                {move || t().updated} " " <time datetime=date2.clone()>{date2.clone()}</time> "."
                            </p>
                        }
                    })
            }}
        </section>
    }
}
