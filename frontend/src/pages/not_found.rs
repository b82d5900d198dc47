//! Every path that no route matches.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Lang, use_lang};
use crate::page::PageHeading;

struct Texts {
    title: &'static str,
    body: &'static str,
    home: &'static str,
}

const SV: Texts = Texts {
    title: "Sidan finns inte",
    body: "Vi hittar inte sidan du söker. Den kan ha flyttats, eller så är adressen felstavad.",
    home: "Gå till startsidan",
};

const EN: Texts = Texts {
    title: "Page not found",
    body: "We cannot find the page you are looking for. It may have moved, or the address may be misspelled.",
    home: "Go to the start page",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

/// The "page not found" page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    view! {
        <PageHeading title=|lang| texts(lang).title />
        <p class="ds-paragraph">{move || t().body}</p>
        <p class="ds-paragraph">
            <A href="/" attr:class="ds-link">
                {move || t().home}
            </A>
        </p>
    }
}
