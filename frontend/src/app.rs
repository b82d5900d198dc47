//! The app's root: contexts, the frame around every page and the routes.

use leptos::prelude::*;
use leptos_router::components::{A, ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::i18n::{Lang, SERVICE_NAME, ShellTexts, choose_lang, provide_lang, use_lang};
use crate::idle::IdleWarning;
use crate::page::FirstPage;
use crate::pages::{
    accessibility::AccessibilityPage,
    case::ReceiptPage,
    eservices::{CataloguePage, EServicePage},
    form::{CaseIndex, CasePage, StepPage},
    home::HomePage,
    login::LoginPage,
    my_pages::MyPagesPage,
    not_found::NotFoundPage,
    officer::{AuditPage, NoticesAdminPage, OfficerCasePage, QueuePage, StaffLoginPage},
    privacy::PrivacyPage,
    profile::ProfilePage,
    review::ReviewPage,
};
use crate::protected::RequireLogin;
use crate::session::{self, AuthState, SessionNavigator, provide_session, use_session};
use crate::site::{SiteContext, provide_site, use_site, use_site_context};

/// The id of the `<main>` element, the skip link's target.
const MAIN_ID: &str = "main";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_lang();
    provide_site();
    provide_session();
    FirstPage::provide();

    view! {
        <Router>
            <SkipLink />
            <SiteHeader />
            <main id=MAIN_ID tabindex="-1" class="site-main">
                <div class="container">
                    <SiteStatus />
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/logga-in") view=LoginPage />
                        <Route path=path!("/e-tjanster") view=CataloguePage />
                        <Route path=path!("/e-tjanster/:slug") view=EServicePage />
                        // Every page in here needs a logged-in user.
                        <ParentRoute path=path!("") view=RequireLogin>
                            <Route path=path!("/mina-sidor") view=MyPagesPage />
                            <Route path=path!("/mina-sidor/profil") view=ProfilePage />
                            <ParentRoute path=path!("/arenden/:id") view=CasePage>
                                <Route path=path!("") view=CaseIndex />
                                <Route path=path!("steg/:n") view=StepPage />
                                <Route path=path!("granska") view=ReviewPage />
                                <Route path=path!("kvitto") view=ReceiptPage />
                            </ParentRoute>
                        </ParentRoute>
                        <Route path=path!("/handlaggare/logga-in") view=StaffLoginPage />
                        <Route path=path!("/handlaggare") view=QueuePage />
                        <Route path=path!("/handlaggare/arenden/:id") view=OfficerCasePage />
                        <Route path=path!("/handlaggare/logg") view=AuditPage />
                        <Route path=path!("/handlaggare/aviseringar") view=NoticesAdminPage />
                        <Route path=path!("/tillganglighet") view=AccessibilityPage />
                        <Route path=path!("/integritet") view=PrivacyPage />
                    </Routes>
                </div>
            </main>
            <SiteFooter />
            <SessionNavigator />
            <IdleWarning />
        </Router>
    }
}

fn texts() -> impl Fn() -> &'static ShellTexts + Copy {
    let lang = use_lang();
    move || ShellTexts::get(lang.get())
}

/// The first focusable element: jumps past the header to the main content.
#[component]
fn SkipLink() -> impl IntoView {
    let t = texts();
    // The router would treat `#main` as a navigation and leave focus where it was, so move focus
    // ourselves. Leptos attaches this listener to the link itself (event delegation is off), so it
    // runs before the router's window-level click handler, which skips prevented events.
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(MAIN_ID))
        {
            use wasm_bindgen::JsCast;
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
                main.scroll_into_view();
            }
        }
    };
    view! {
        <a class="ds-skip-link" href=format!("#{MAIN_ID}") on:click=skip>
            {move || t().skip_link}
        </a>
    }
}

/// The header. On a narrow screen the user's name, log in/out, the language switch and the
/// links fold into a "Meny" button (a disclosure: `aria-expanded`), so the page keeps its space;
/// following a link or pressing Escape closes it.
#[component]
fn SiteHeader() -> impl IntoView {
    let site = use_site();
    let t = texts();
    let open = RwSignal::new(false);
    view! {
        <header
            class="site-header"
            data-menu-open=move || open.get().then_some("true")
            // Following a link in the menu closes it.
            on:click=move |ev: leptos::ev::MouseEvent| {
                use wasm_bindgen::JsCast;
                let on_link = ev
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                    .and_then(|element| element.closest("a").ok().flatten())
                    .is_some();
                if on_link {
                    open.set(false);
                }
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" && open.get_untracked() {
                    open.set(false);
                    if let Some(button) = document().get_element_by_id("site-menu-toggle") {
                        use wasm_bindgen::JsCast;
                        if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
                            let _ = button.focus();
                        }
                    }
                }
            }
        >
            <div class="container site-header__inner">
                <A href="/" attr:class="site-brand">
                    <span class="site-brand__service">{SERVICE_NAME}</span>
                    {move || {
                        site.get()
                            .map(|site| {
                                view! {
                                    <span class="site-brand__org">{site.municipality_name}</span>
                                }
                            })
                    }}
                </A>
                <button
                    type="button"
                    id="site-menu-toggle"
                    class="ds-button site-menu-toggle"
                    data-variant="secondary"
                    data-size="sm"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="site-header-tools site-nav"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="site-menu-toggle__icon" aria-hidden="true"></span>
                    {move || t().menu}
                </button>
                <div class="site-header__tools" id="site-header-tools">
                    <UserMenu />
                    <LanguageSwitch />
                </div>
            </div>
            <SiteNav />
        </header>
    }
}

/// The header's links: the e-services, and when logged in the user's cases and contact details.
#[component]
fn SiteNav() -> impl IntoView {
    let t = texts();
    let session = use_session();
    let logged_in = move || {
        session
            .state
            .with(|state| matches!(state, AuthState::LoggedIn(_)))
    };
    view! {
        <nav class="site-nav" id="site-nav" aria-label=move || t().main_nav>
            <ul class="container site-nav__list">
                <li>
                    <A href="/e-tjanster" attr:class="site-nav__link">
                        {move || t().nav_eservices}
                    </A>
                </li>
                {move || {
                    logged_in()
                        .then(|| {
                            view! {
                                <li>
                                    <A href="/mina-sidor" exact=true attr:class="site-nav__link">
                                        {move || t().nav_my_pages}
                                    </A>
                                </li>
                                <li>
                                    <A href="/mina-sidor/profil" attr:class="site-nav__link">
                                        {move || t().nav_profile}
                                    </A>
                                </li>
                            }
                        })
                }}
            </ul>
        </nav>
    }
}

/// The logged-in user's name and "Log out", or "Log in" when nobody is logged in (nothing while
/// the app is still asking the server).
#[component]
fn UserMenu() -> impl IntoView {
    let t = texts();
    let session = use_session();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);

    let log_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(false);
        leptos::task::spawn_local(async move {
            if let Err(error) = session::log_out(session).await {
                leptos::logging::warn!("DELETE /api/v1/session failed: {error}");
                let _ = failed.try_set(true);
            }
            let _ = busy.try_set(false);
        });
    };

    view! {
        <div class="site-user">
            {move || match session.state.get() {
                AuthState::Checking => None,
                AuthState::LoggedOut => Some(
                    view! {
                        <A
                            href="/logga-in"
                            attr:class="ds-button"
                            attr:data-variant="secondary"
                            attr:data-size="sm"
                        >
                            {move || t().log_in}
                        </A>
                    }
                        .into_any(),
                ),
                AuthState::LoggedIn(user) => Some(
                    view! {
                        <p class="ds-paragraph site-user__name" data-size="sm">
                            <span class="ds-sr-only">{move || t().logged_in_as}" "</span>
                            {format!("{} {}", user.given_name, user.surname)}
                        </p>
                        <button
                            type="button"
                            class="ds-button"
                            data-variant="secondary"
                            data-size="sm"
                            aria-disabled=move || busy.get().then_some("true")
                            on:click=log_out
                        >
                            {move || t().log_out}
                        </button>
                    }
                        .into_any(),
                ),
            }}
            <div role="alert" class="site-user__error">
                {move || {
                    failed
                        .get()
                        .then(|| {
                            view! {
                                <p class="ds-paragraph" data-size="sm">
                                    {move || t().log_out_failed}
                                </p>
                            }
                        })
                }}
            </div>
        </div>
    }
}

/// Two buttons, one per language, each labelled in its own language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let t = texts();
    view! {
        <div class="lang-switch" role="group" aria-label=move || t().language>
            {Lang::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <button
                            type="button"
                            class="ds-button"
                            data-size="sm"
                            data-variant=move || {
                                if lang.get() == option { "primary" } else { "tertiary" }
                            }
                            lang=option.code()
                            aria-pressed=move || (lang.get() == option).to_string()
                            on:click=move |_| choose_lang(lang, option)
                        >
                            {option.endonym()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Tells, politely, that the site information is loading, and alerts when it failed. The rest of
/// the page stays usable either way.
#[component]
fn SiteStatus() -> impl IntoView {
    let t = texts();
    let SiteContext(site) = use_site_context();
    let state = move || site.get();
    view! {
        <div role="status" class="site-status">
            {move || match state() {
                None => Some(view! { <p class="ds-paragraph">{move || t().loading}</p> }),
                _ => None,
            }}
        </div>
        {move || match state() {
            Some(Err(error)) => {
                leptos::logging::warn!("GET /api/v1/site failed: {error}");
                Some(view! { <LoadError /> })
            }
            _ => None,
        }}
    }
}

/// The load error, in both languages: it may be the reason the rest of the page is incomplete.
#[component]
fn LoadError() -> impl IntoView {
    let lang = use_lang();
    let texts_in = |l: Lang| {
        let t = ShellTexts::get(l);
        view! {
            <div lang=l.code()>
                // Not a heading: it comes before the page's h1.
                <p class="ds-heading" data-size="xs">{t.load_error_title}</p>
                <p class="ds-paragraph">{t.load_error_body}</p>
            </div>
        }
    };
    view! {
        <div class="ds-alert site-alert" data-color="danger" role="alert">
            {move || {
                let first = lang.get();
                let second = first.pick(Lang::En, Lang::Sv);
                view! {
                    {texts_in(first)}
                    {texts_in(second)}
                }
            }}
        </div>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let t = texts();
    let site = use_site();
    view! {
        <footer class="site-footer">
            <div class="container site-footer__inner">
                <nav aria-label=move || t().footer_nav>
                    <ul class="site-footer__links">
                        <li>
                            <A href="/tillganglighet" attr:class="ds-link">
                                {move || t().accessibility_link}
                            </A>
                        </li>
                        <li>
                            <A href="/integritet" attr:class="ds-link">
                                {move || t().privacy_link}
                            </A>
                        </li>
                    </ul>
                </nav>
                {move || {
                    site.get()
                        .map(|site| {
                            let mailto = format!("mailto:{}", site.contact_email);
                            view! {
                                <p class="ds-paragraph site-footer__org">{site.municipality_name}</p>
                                <p class="ds-paragraph site-footer__contact">
                                    {move || t().contact}
                                    " "
                                    <a class="ds-link" href=mailto>
                                        {site.contact_email}
                                    </a>
                                </p>
                            }
                        })
                }}
            </div>
        </footer>
    }
}
