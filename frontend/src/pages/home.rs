//! `/`: what Mina sidor is and what you can do here.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Lang, use_lang};
use crate::page::{ExternalLink, PageHeading};
use crate::session::{AuthState, use_session};
use crate::site::use_site;

struct Texts {
    title: &'static str,
    short_title: &'static str,
    /// `{municipality}` is replaced by the municipality's name.
    lead: &'static str,
    municipality_fallback: &'static str,
    login: &'static str,
    go_to_my_pages: &'static str,
    can_do_heading: &'static str,
    can_do: [&'static str; 4],
    login_heading: &'static str,
    login_body: &'static str,
    get_bankid: &'static str,
    cases_heading: &'static str,
    cases_body: &'static str,
    logout_heading: &'static str,
    logout_body: &'static str,
}

const SV: Texts = Texts {
    title: "Välkommen till Mina sidor",
    short_title: "Startsida",
    lead: "Mina sidor är en tjänst där du kan se och följa dina ärenden hos {municipality}. Här samlas de ärenden som du har skickat in via kommunens e-tjänster.",
    municipality_fallback: "kommunen",
    login: "Logga in med BankID",
    go_to_my_pages: "Gå till dina ärenden",
    can_do_heading: "Det här kan du göra på Mina sidor",
    can_do: [
        "Se dina sparade, pågående och avslutade ärenden.",
        "Fylla i en e-tjänst, spara den och fortsätta senare. Ärendet behandlas först när du har skickat in det.",
        "Skicka meddelanden till din handläggare. När du får ett svar får du en avisering via e-post eller sms med en länk hit.",
        "Spara dina kontaktuppgifter så att du slipper fylla i dem nästa gång.",
    ],
    login_heading: "Så loggar du in",
    login_body: "Du loggar in på Mina sidor med BankID. BankID skaffar du via din bank.",
    get_bankid: "Läs om hur du skaffar BankID på bankid.com",
    cases_heading: "Vilka ärenden syns här?",
    cases_body: "Du ser de ärenden som du har skickat in via kommunens e-tjänster när du var inloggad med BankID. Ärenden som du har skickat in på en pappersblankett eller via en annan organisations e-tjänst syns inte här.",
    logout_heading: "Logga ut när du är klar",
    logout_body: "Logga ut och stäng webbläsaren när du är klar, särskilt om du använder en dator som andra också använder, till exempel på ett bibliotek. Om du inte gör något på 30 minuter loggas du ut automatiskt.",
};

const EN: Texts = Texts {
    title: "Welcome to Mina sidor",
    short_title: "Start page",
    lead: "Mina sidor (My pages) is a service where you can see and follow your cases with {municipality}. It gathers the cases you have submitted through the municipality's e-services.",
    municipality_fallback: "the municipality",
    login: "Log in with BankID",
    go_to_my_pages: "Go to your cases",
    can_do_heading: "What you can do on Mina sidor",
    can_do: [
        "See your saved, ongoing and closed cases.",
        "Fill in an e-service, save it and continue later. Your case is handled only once you have submitted it.",
        "Send messages to your case officer. When you get an answer, you are notified by e-mail or text message with a link to this site.",
        "Save your contact details so that you do not have to fill them in next time.",
    ],
    login_heading: "How to log in",
    login_body: "You log in to Mina sidor with BankID, a Swedish electronic identification that you get from your bank.",
    get_bankid: "Read how to get BankID at bankid.com",
    cases_heading: "Which cases are shown here?",
    cases_body: "You see the cases you have submitted through the municipality's e-services while logged in with BankID. Cases submitted on a paper form or through another organisation's e-service are not shown here.",
    logout_heading: "Log out when you are done",
    logout_body: "Log out and close the browser when you are done, especially on a computer that others use too, for example at a library. If you do nothing for 30 minutes, you are logged out automatically.",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let site = use_site();
    let t = move || texts(lang.get());
    let session = use_session();
    let logged_in = move || {
        session
            .state
            .with(|state| matches!(state, AuthState::LoggedIn(_)))
    };
    let lead = move || {
        let name = site.with(|site| match site {
            Some(site) => site.municipality_name.clone(),
            None => t().municipality_fallback.to_string(),
        });
        t().lead.replace("{municipality}", &name)
    };

    view! {
        <PageHeading title=|lang| texts(lang).title short_title=|lang| texts(lang).short_title />
        <p class="ds-paragraph lead" data-size="lg">
            {lead}
        </p>
        <p class="call-to-action">
            {move || {
                if logged_in() {
                    view! {
                        <A href="/mina-sidor" attr:class="ds-button" attr:data-variant="primary">
                            {move || t().go_to_my_pages}
                        </A>
                    }
                        .into_any()
                } else {
                    view! {
                        <A href="/logga-in" attr:class="ds-button" attr:data-variant="primary">
                            {move || t().login}
                        </A>
                    }
                        .into_any()
                }
            }}
        </p>

        <section aria-labelledby="can-do">
            <h2 id="can-do" class="ds-heading" data-size="sm">
                {move || t().can_do_heading}
            </h2>
            <ul class="ds-list">
                {move || t().can_do.map(|item| view! { <li>{item}</li> }).collect_view()}
            </ul>
        </section>

        <section aria-labelledby="how-to-log-in">
            <h2 id="how-to-log-in" class="ds-heading" data-size="sm">
                {move || t().login_heading}
            </h2>
            <p class="ds-paragraph">{move || t().login_body}</p>
            <p class="ds-paragraph">
                <ExternalLink href="https://www.bankid.com/">{move || t().get_bankid}</ExternalLink>
            </p>
        </section>

        <section aria-labelledby="which-cases">
            <h2 id="which-cases" class="ds-heading" data-size="sm">
                {move || t().cases_heading}
            </h2>
            <p class="ds-paragraph">{move || t().cases_body}</p>
        </section>

        <section aria-labelledby="log-out">
            <h2 id="log-out" class="ds-heading" data-size="sm">
                {move || t().logout_heading}
            </h2>
            <p class="ds-paragraph">{move || t().logout_body}</p>
        </section>
    }
}
