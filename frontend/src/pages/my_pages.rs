//! `/mina-sidor`: the logged-in start page. Cases come later; until then each group says
//! honestly that there is nothing in it.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::i18n::{Lang, use_lang};
use crate::page::PageHeading;
use crate::session::{AuthState, EndReason, use_session};

struct Texts {
    title: &'static str,
    /// `{name}` is replaced by the user's given name.
    welcome: &'static str,
    loading: &'static str,
    /// `{name}` and `{personnummer}` are replaced.
    logged_in_as: &'static str,
    cases_heading: &'static str,
    cases_intro: &'static str,
    groups: [(&'static str, &'static str); 3],
    no_cases: &'static str,
}

const SV: Texts = Texts {
    title: "Översikt",
    welcome: "Välkommen, {name}",
    loading: "Hämtar dina uppgifter …",
    logged_in_as: "Du är inloggad som {name}, personnummer {personnummer}.",
    cases_heading: "Dina ärenden",
    cases_intro: "Här samlas de ärenden som du skickar in via kommunens e-tjänster när du är inloggad.",
    groups: [
        (
            "Sparade ärenden",
            "E-tjänster som du har börjat fylla i men inte skickat in.",
        ),
        (
            "Pågående ärenden",
            "Ärenden som du har skickat in och som kommunen handlägger.",
        ),
        (
            "Avslutade ärenden",
            "Ärenden som kommunen har handlagt klart.",
        ),
    ],
    no_cases: "Du har inga ärenden ännu.",
};

const EN: Texts = Texts {
    title: "Overview",
    welcome: "Welcome, {name}",
    loading: "Loading your details …",
    logged_in_as: "You are logged in as {name}, personal identity number {personnummer}.",
    cases_heading: "Your cases",
    cases_intro: "This is where the cases you submit through the municipality's e-services while logged in are gathered.",
    groups: [
        (
            "Saved cases",
            "E-services that you have started to fill in but not submitted.",
        ),
        (
            "Ongoing cases",
            "Cases that you have submitted and that the municipality is handling.",
        ),
        (
            "Closed cases",
            "Cases that the municipality has finished handling.",
        ),
    ],
    no_cases: "You have no cases yet.",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

/// The logged-in start page; without a session it sends the user to the login page.
#[component]
pub fn MyPagesPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let session = use_session();
    let navigate = use_navigate();

    // Opened without a session: to the login page. (When the session ends while the page is
    // open, the session navigator goes there with the reason instead.)
    Effect::new(move |was_checking: Option<bool>| {
        let (checking, logged_out) = session.state.with(|state| {
            (
                matches!(state, AuthState::Checking),
                matches!(state, AuthState::LoggedOut),
            )
        });
        if logged_out && was_checking.unwrap_or(true) {
            navigate(
                &EndReason::LoginRequired.login_url(),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
        checking
    });

    let user = move || {
        session.state.with(|state| match state {
            AuthState::LoggedIn(user) => Some(user.clone()),
            _ => None,
        })
    };
    let heading = Signal::derive(move || match user() {
        Some(user) => t().welcome.replace("{name}", &user.given_name),
        None => t().title.to_string(),
    });

    let content = move || match user() {
        None => view! {
            <p class="ds-paragraph" role="status">
                {move || t().loading}
            </p>
        }
        .into_any(),
        Some(user) => {
            let name = format!("{} {}", user.given_name, user.surname);
            let masked = user.personnummer_masked;
            view! {
                <p class="ds-paragraph lead" data-size="lg">
                    {move || {
                        t().logged_in_as.replace("{name}", &name).replace("{personnummer}", &masked)
                    }}
                </p>
                <section aria-labelledby="cases-heading" class="case-groups">
                    <h2 id="cases-heading" class="ds-heading" data-size="md">
                        {move || t().cases_heading}
                    </h2>
                    <p class="ds-paragraph">{move || t().cases_intro}</p>
                    {(0..3)
                        .map(|index| {
                            let id = format!("case-group-{index}");
                            let labelledby = id.clone();
                            view! {
                                <section aria-labelledby=labelledby class="case-group">
                                    <h3 id=id class="ds-heading" data-size="sm">
                                        {move || t().groups[index].0}
                                    </h3>
                                    <p class="ds-paragraph case-group__about" data-size="sm">
                                        {move || t().groups[index].1}
                                    </p>
                                    <p class="ds-paragraph case-group__empty">
                                        {move || t().no_cases}
                                    </p>
                                </section>
                            }
                        })
                        .collect_view()}
                </section>
            }
            .into_any()
        }
    };

    view! {
        <PageHeading title=|lang| texts(lang).title text=heading />
        {content}
    }
}
