//! What the form's pages (and a few other pages) share: the document title, focus handling, the
//! error summary, the e-service caption, the form heading, the problem alert and the loading
//! states.

use leptos::html::H1;
use leptos::prelude::*;
use leptos_router::components::A;

use super::state::{FormProblem, Load, use_form};
use crate::forms_i18n::FormTexts;
use crate::i18n::{Lang, document_title, use_lang};
use crate::site::use_site;

/// The e-service definition's language for the app's.
pub fn def_lang(lang: Lang) -> eservice::Lang {
    match lang {
        Lang::Sv => eservice::Lang::Sv,
        Lang::En => eservice::Lang::En,
    }
}

/// Sets the document title: "<page> – Mina sidor – <municipality>". Call it in an effect: it
/// tracks the site information, so the title gets the municipality's name once that has loaded.
pub fn set_document_title(page: &str) {
    let site = use_site();
    let text =
        site.with(|site| document_title(page, site.as_ref().map(|s| s.municipality_name.as_str())));
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&text);
    }
}

/// Moves focus to the element with this id (and scrolls it into view).
pub fn focus_id(id: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return false;
    };
    match element.dyn_into::<web_sys::HtmlElement>() {
        Ok(element) => {
            let _ = element.focus();
            element.scroll_into_view();
            true
        }
        Err(_) => false,
    }
}

/// One line of an error summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryItem {
    /// The element to focus on this page, or `None` when the link goes to another page.
    pub target: Option<String>,
    pub href: String,
    pub sv: String,
    pub en: String,
}

/// The id of the error summary, which takes focus when it appears.
pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// Moves focus to the error summary once it is drawn.
pub fn focus_error_summary() {
    request_animation_frame(|| {
        focus_id(ERROR_SUMMARY_ID);
    });
}

/// The list of errors at the top of a page: a `role="alert"` region with a heading and a link per
/// error that moves focus to the field.
#[component]
pub fn ErrorSummary(
    /// The errors.
    #[prop(into)]
    items: Signal<Vec<SummaryItem>>,
    /// The heading, already in the chosen language.
    #[prop(into)]
    heading: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div
            class="ds-error-summary error-summary"
            id=ERROR_SUMMARY_ID
            role="alert"
            tabindex="-1"
            aria-labelledby="error-summary-heading"
        >
            <h2 id="error-summary-heading" class="ds-heading" data-size="xs">
                {move || heading.get()}
            </h2>
            <ul class="ds-list error-summary__list">
                {move || {
                    items
                        .get()
                        .into_iter()
                        .map(|item| {
                            let target = item.target.clone();
                            let on_click = move |ev: leptos::ev::MouseEvent| {
                                if let Some(target) = &target
                                    && focus_id(target)
                                {
                                    ev.prevent_default();
                                }
                            };
                            let sv = item.sv.clone();
                            let en = item.en.clone();
                            view! {
                                <li>
                                    <a class="ds-link" href=item.href.clone() on:click=on_click>
                                        {move || lang.get().pick(sv.clone(), en.clone())}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// What a child page shows while the case loads or when it cannot be loaded; the page itself
/// once it has.
#[component]
pub fn WhenLoaded(children: ChildrenFn) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let load = Memo::new(move |_| ctx.load.get());
    Effect::new(move |_| match load.get() {
        Load::NotFound => set_document_title(t().case_not_found_title),
        Load::Failed => set_document_title(t().load_error),
        _ => {}
    });
    move || match load.get() {
        Load::Loading => view! {
            <p class="ds-paragraph" role="status">
                {move || t().loading}
            </p>
        }
        .into_any(),
        Load::NotFound => view! {
            <h1 class="ds-heading page-title" data-size="lg">
                {move || t().case_not_found_title}
            </h1>
            <p class="ds-paragraph">{move || t().case_not_found_body}</p>
            <p class="ds-paragraph">
                <A href="/mina-sidor" attr:class="ds-link">
                    {move || t().back_to_my_pages}
                </A>
            </p>
        }
        .into_any(),
        Load::Failed => view! {
            <div class="ds-alert page-alert" data-color="danger" role="alert">
                <p class="ds-paragraph">{move || t().load_error}</p>
            </div>
        }
        .into_any(),
        Load::Ready => children().into_any(),
    }
}

/// A problem that stops editing: a conflict with another device, or a case no longer a draft.
#[component]
pub fn ProblemAlert() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    move || {
        ctx.problem.get().map(|problem| match problem {
            FormProblem::Conflict => view! {
                <div class="ds-alert page-alert" data-color="warning" role="alert">
                    <p class="ds-paragraph">{move || t().conflict}</p>
                    <p class="ds-paragraph">
                        <button
                            type="button"
                            class="ds-button"
                            data-variant="secondary"
                            on:click=move |_| ctx.reload()
                        >
                            {move || t().conflict_reload}
                        </button>
                    </p>
                </div>
            }
            .into_any(),
            FormProblem::NotEditable => view! {
                <div class="ds-alert page-alert" data-color="warning" role="alert">
                    <p class="ds-paragraph">{move || t().not_editable}</p>
                    <p class="ds-paragraph">
                        <a class="ds-link" href=ctx.url("")>
                            {move || t().to_case}
                        </a>
                    </p>
                </div>
            }
            .into_any(),
        })
    }
}

/// The e-service's name above a form page's heading.
#[component]
pub fn FormCaption() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    view! {
        <p class="ds-paragraph form-caption" data-size="sm">
            {move || {
                ctx.definition
                    .with(|d| d.as_ref().map(|d| d.title().get(def_lang(lang.get())).to_owned()))
            }}
        </p>
    }
}

/// A form page's `<h1>`: takes focus when the page was reached by navigation, or moves focus
/// to the element `focus_instead` names (a field linked from the review page's error summary).
#[component]
pub fn FormHeading(
    #[prop(into)] text: Signal<String>,
    focus_instead: Option<String>,
) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(h1) = heading.get() else {
            return false;
        };
        let first = crate::page::take_first_page();
        match focus_instead.clone() {
            Some(id) => request_animation_frame(move || {
                if !focus_id(&id) {
                    let _ = h1.focus();
                }
            }),
            None if !first => {
                let _ = h1.focus();
            }
            None => {}
        }
        true
    });
    view! {
        <h1 class="ds-heading page-title form-title" data-size="lg" tabindex="-1" node_ref=heading>
            {move || text.get()}
        </h1>
    }
}
