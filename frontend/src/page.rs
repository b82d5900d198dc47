//! What every page shares: its `<h1>`, the document title and focus handling on navigation.

use leptos::html::H1;
use leptos::prelude::*;

use crate::i18n::{Lang, document_title, use_lang};
use crate::site::use_site;

/// Whether a page has been shown since the app started. The first page keeps the browser's
/// focus where it is (at the top of the document); every page reached by navigation gets focus on
/// its heading, so screen reader users hear where they landed.
#[derive(Debug, Clone, Copy)]
pub struct FirstPage(StoredValue<bool>);

impl FirstPage {
    /// Puts a fresh marker in context; call once, in the app's root.
    pub fn provide() {
        provide_context(FirstPage(StoredValue::new(true)));
    }

    /// True exactly once: for the first page heading that mounts.
    fn take() -> bool {
        let FirstPage(first) =
            crate::context::expect_context_or(|| FirstPage(StoredValue::new(true)));
        let was_first = first.get_value();
        first.set_value(false);
        was_first
    }
}

/// True exactly once: for the first page heading that mounts since the app started. Headings
/// that move focus on navigation ask this so that the first page keeps the browser's focus.
pub fn take_first_page() -> bool {
    FirstPage::take()
}

/// The page's `<h1>`. It names the page in the document title ("<Page> – Mina sidor –
/// <municipality>") and takes focus when the page was reached by navigation.
#[component]
pub fn PageHeading(
    /// The page's name in the given language.
    title: fn(Lang) -> &'static str,
    /// A shorter name for the document title, when the heading is long.
    #[prop(optional)]
    short_title: Option<fn(Lang) -> &'static str>,
    /// The heading's text when it is not `title`, e.g. with the user's name in it.
    #[prop(optional, into)]
    text: Option<Signal<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let site = use_site();
    let heading = NodeRef::<H1>::new();

    Effect::new(move |_| {
        let page = short_title.unwrap_or(title)(lang.get());
        let text = site
            .with(|site| document_title(page, site.as_ref().map(|s| s.municipality_name.as_str())));
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&text);
        }
    });

    Effect::new(move |focused: Option<bool>| {
        if focused == Some(true) {
            return true;
        }
        match heading.get() {
            Some(h1) => {
                if !FirstPage::take() {
                    let _ = h1.focus();
                }
                true
            }
            None => false,
        }
    });

    view! {
        <h1 class="ds-heading page-title" data-size="lg" tabindex="-1" node_ref=heading>
            {move || match text {
                Some(text) => text.get(),
                None => title(lang.get()).to_string(),
            }}
        </h1>
    }
}

/// A link that leaves Mina sidor, e.g. to a public authority's site. It opens in the same tab, as
/// links should unless there is a reason not to.
#[component]
pub fn ExternalLink(
    /// Where it goes.
    href: &'static str,
    /// The link text, already in the chosen language.
    children: Children,
) -> impl IntoView {
    view! {
        <a class="ds-link" href=href rel="external noopener">
            {children()}
        </a>
    }
}
