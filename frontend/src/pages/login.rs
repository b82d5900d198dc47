//! `/logga-in`: how logging in with BankID works. The login itself is not built yet, and the page
//! says so rather than pretending.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Lang, use_lang};
use crate::page::{ExternalLink, PageHeading};

struct Texts {
    title: &'static str,
    not_open_heading: &'static str,
    not_open_body: &'static str,
    need_heading: &'static str,
    need_body: &'static str,
    get_bankid: &'static str,
    steps_heading: &'static str,
    steps: [&'static str; 4],
    safety_heading: &'static str,
    safety_body: &'static str,
    back: &'static str,
}

const SV: Texts = Texts {
    title: "Logga in med BankID",
    not_open_heading: "Inloggningen är inte öppen ännu",
    not_open_body: "Mina sidor håller på att byggas. Du kan inte logga in här just nu. Nedan beskriver vi hur inloggningen kommer att fungera.",
    need_heading: "Det här behöver du",
    need_body: "Du behöver ett BankID på din mobil, surfplatta eller dator. BankID skaffar du via din bank.",
    get_bankid: "Läs om hur du skaffar BankID på bankid.com",
    steps_heading: "Så går inloggningen till",
    steps: [
        "Välj om du har BankID på den här enheten eller på en annan enhet, till exempel din mobil.",
        "Har du BankID på en annan enhet öppnar du BankID-appen och skannar QR-koden som visas här. Har du BankID på den här enheten öppnas appen direkt.",
        "Legitimera dig i BankID-appen med din säkerhetskod eller med ansikte eller fingeravtryck.",
        "Du kommer tillbaka till Mina sidor och är inloggad.",
    ],
    safety_heading: "Tänk på säkerheten",
    safety_body: "Använd bara BankID när du själv har börjat logga in på Mina sidor. Om någon ringer dig och ber dig att öppna BankID ska du aldrig göra det. Kommunen ber dig aldrig om din säkerhetskod.",
    back: "Till startsidan",
};

const EN: Texts = Texts {
    title: "Log in with BankID",
    not_open_heading: "Login is not open yet",
    not_open_body: "Mina sidor is being built. You cannot log in here right now. Below we describe how logging in will work.",
    need_heading: "What you need",
    need_body: "You need BankID on your phone, tablet or computer. You get BankID from your bank.",
    get_bankid: "Read how to get BankID at bankid.com",
    steps_heading: "How logging in works",
    steps: [
        "Choose whether you have BankID on this device or on another device, such as your phone.",
        "If your BankID is on another device, open the BankID app and scan the QR code shown here. If your BankID is on this device, the app opens directly.",
        "Identify yourself in the BankID app with your security code, your face or your fingerprint.",
        "You come back to Mina sidor, logged in.",
    ],
    safety_heading: "Stay safe",
    safety_body: "Only use BankID when you yourself have started to log in to Mina sidor. If someone calls you and asks you to open BankID, never do it. The municipality never asks for your security code.",
    back: "Go to the start page",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

/// Explains BankID login.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());

    view! {
        <PageHeading title=|lang| texts(lang).title />
        <div class="ds-alert page-alert" data-color="info">
            <h2 class="ds-heading" data-size="xs">
                {move || t().not_open_heading}
            </h2>
            <p class="ds-paragraph">{move || t().not_open_body}</p>
        </div>

        <section aria-labelledby="what-you-need">
            <h2 id="what-you-need" class="ds-heading" data-size="sm">
                {move || t().need_heading}
            </h2>
            <p class="ds-paragraph">{move || t().need_body}</p>
            <p class="ds-paragraph">
                <ExternalLink href="https://www.bankid.com/">{move || t().get_bankid}</ExternalLink>
            </p>
        </section>

        <section aria-labelledby="how-it-works">
            <h2 id="how-it-works" class="ds-heading" data-size="sm">
                {move || t().steps_heading}
            </h2>
            <ol class="ds-list">
                {move || t().steps.map(|step| view! { <li>{step}</li> }).collect_view()}
            </ol>
        </section>

        <section aria-labelledby="stay-safe">
            <h2 id="stay-safe" class="ds-heading" data-size="sm">
                {move || t().safety_heading}
            </h2>
            <p class="ds-paragraph">{move || t().safety_body}</p>
        </section>

        <p class="ds-paragraph">
            <A href="/" attr:class="ds-link">
                {move || t().back}
            </A>
        </p>
    }
}
