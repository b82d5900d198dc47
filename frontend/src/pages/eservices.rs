//! `/e-tjanster`: the searchable catalogue of published e-services, and `/e-tjanster/:slug`:
//! an e-service's start page (description, handling time, steps, "Starta e-tjänsten").

use api_types::EServiceSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::ApiError;
use crate::api::{cases, eservices};
use crate::forms_i18n::CatalogueTexts;
use crate::i18n::{Lang, use_lang};
use crate::page::PageHeading;
use crate::pages::form::{FormHeading, def_lang, set_document_title};
use crate::session::{self, AuthState, use_session};

fn texts(lang: Lang) -> &'static CatalogueTexts {
    CatalogueTexts::get(lang)
}

/// The catalogue.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let query_map = use_query_map();
    let navigate = use_navigate();
    // The search in the address (`?q=`), so that a search can be shared and the back button works.
    let query = Memo::new(move |_| query_map.with(|q| q.get("q").unwrap_or_default()));
    let typed = RwSignal::new(query.get_untracked());
    let list = LocalResource::new(move || {
        let query = query.get();
        async move { eservices::list_eservices(&query).await }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = typed.get_untracked();
        let text = text.trim();
        let url = if text.is_empty() {
            "/e-tjanster".to_owned()
        } else {
            format!(
                "/e-tjanster?q={}",
                String::from(js_sys::encode_uri_component(text))
            )
        };
        navigate(
            &url,
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };

    let count_text = move || {
        let result = list.get()?;
        let lang_now = lang.get();
        let t = texts(lang_now);
        Some(match result {
            Ok(items) if items.is_empty() => {
                let q = query.get();
                if q.trim().is_empty() {
                    t.none_published.to_owned()
                } else {
                    t.none_found.replace("{query}", q.trim())
                }
            }
            Ok(items) if items.len() == 1 => t.count_one.to_owned(),
            Ok(items) => t.count_many.replace("{count}", &items.len().to_string()),
            Err(_) => String::new(),
        })
    };

    let results = move || match list.get() {
        None => view! { <p class="ds-paragraph">{move || t().loading}</p> }.into_any(),
        Some(Err(error)) => {
            leptos::logging::warn!("GET /api/v1/eservices failed: {error}");
            view! {
                <div class="ds-alert page-alert" data-color="danger" role="alert">
                    <p class="ds-paragraph">{move || t().load_error}</p>
                </div>
            }
            .into_any()
        }
        Some(Ok(items)) => view! {
            <ul class="eservice-list">
                {items
                    .into_iter()
                    .map(|item| view! { <EServiceCard item=item /> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    };

    view! {
        <PageHeading title=|lang| texts(lang).title />
        <p class="ds-paragraph lead">{move || t().intro}</p>
        <div class="catalogue-search">
            <form class="catalogue-search__form" role="search" on:submit=on_submit>
                <div class="ds-field catalogue-search__field">
                    <label class="ds-label" for="eservice-search">
                        {move || t().search_label}
                    </label>
                    <input
                        class="ds-input"
                        type="search"
                        id="eservice-search"
                        name="q"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="ds-button" data-variant="secondary">
                    {move || t().search_button}
                </button>
            </form>
        </div>
        <p class="ds-paragraph catalogue-count" role="status">
            {count_text}
        </p>
        {results}
    }
}

/// One e-service in the catalogue.
#[component]
fn EServiceCard(item: EServiceSummary) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let href = format!("/e-tjanster/{}", item.slug);
    let title = item.title.clone();
    let description = item.description.clone();
    let days = item.expected_handling_days;
    let signature = item.signature_required;
    view! {
        <li class="eservice-card">
            <h2 class="ds-heading" data-size="sm">
                <A href=href attr:class="ds-link">
                    {move || lang.get().of(&title).clone()}
                </A>
            </h2>
            <p class="ds-paragraph">{move || lang.get().of(&description).clone()}</p>
            <p class="ds-paragraph eservice-card__facts" data-size="sm">
                {days
                    .map(|days| {
                        view! {
                            <span>{move || t().handling_days.replace("{days}", &days.to_string())}</span>
                        }
                    })}
                {signature
                    .then(|| {
                        view! {
                            <span class="ds-tag" data-color="info">
                                {move || t().signature_tag}
                            </span>
                        }
                    })}
            </p>
        </li>
    }
}

/// An e-service's start page.
#[component]
pub fn EServicePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let loaded = LocalResource::new(move || {
        let slug = slug.get();
        async move { eservices::get_eservice(&slug).await }
    });
    move || match loaded.get() {
        None => view! {
            <p class="ds-paragraph" role="status">
                {move || t().loading}
            </p>
        }
        .into_any(),
        Some(Err(error)) => {
            if error.status() != Some(404) {
                leptos::logging::warn!("GET e-service failed: {error}");
            }
            view! { <EServiceMissing error=error /> }.into_any()
        }
        Some(Ok(loaded)) => view! { <EServiceStart definition=loaded.definition /> }.into_any(),
    }
}

#[component]
fn EServiceMissing(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let not_found = error.status() == Some(404);
    view! {
        {if not_found {
            view! { <PageHeading title=|lang| texts(lang).not_found_title /> }.into_any()
        } else {
            view! { <PageHeading title=|lang| texts(lang).title /> }.into_any()
        }}
        <p class="ds-paragraph">
            {move || if not_found { t().not_found_body } else { t().load_error }}
        </p>
        <p class="ds-paragraph">
            <A href="/e-tjanster" attr:class="ds-link">
                {move || t().back_to_catalogue}
            </A>
        </p>
    }
}

#[component]
fn EServiceStart(definition: eservice::EServiceDefinition) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let session = use_session();
    let is_logged_in = session::is_logged_in();
    let navigate = use_navigate();
    let starting = RwSignal::new(false);
    let failed = RwSignal::new(false);

    let title_text = definition.title().clone();
    let title = Signal::derive(move || title_text.get(def_lang(lang.get())).to_owned());
    Effect::new(move |_| set_document_title(&title.get()));
    let description = definition.description().clone();
    let settings = definition.settings().clone();
    let steps: Vec<eservice::Localized> =
        definition.steps().iter().map(|s| s.title.clone()).collect();
    let slug = definition.slug().to_owned();
    let slug_for_login = slug.clone();

    let refused = RwSignal::new(None::<(String, String)>);
    let start = move |_| {
        if starting.get_untracked() {
            return;
        }
        starting.set(true);
        failed.set(false);
        let slug = slug.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match cases::create_draft(&slug).await {
                Ok(case) => navigate(
                    &format!("/arenden/{}/steg/1", case.id),
                    NavigateOptions::default(),
                ),
                Err(error) => {
                    leptos::logging::warn!("POST /api/v1/drafts failed: {error}");
                    // The drafts limit says what to do; other failures get the general text.
                    let said = error
                        .problem()
                        .filter(|p| p.code == "too_many_drafts")
                        .map(|p| (p.detail_sv.clone(), p.detail.clone()));
                    let _ = refused.try_set(said);
                    let _ = failed.try_set(true);
                }
            }
            let _ = starting.try_set(false);
        });
    };

    let handling = settings.expected_handling_days;
    let retention = settings.draft_retention_days;
    let signature = settings.signature_required;
    let cosigners = settings.cosigners.is_some();
    let cosigner_notice = settings.cosigners.clone().map(|c| {
        let role = c.role_label.clone();
        let count = c.count;
        view! {
            <section aria-labelledby="who-signs" class="ds-alert page-alert cosigner-notice" data-color="info">
                <h2 id="who-signs" class="ds-heading" data-size="xs">
                    {move || lang.get().pick("Fler än du ska skriva under", "More people than you must sign")}
                </h2>
                <p class="ds-paragraph">
                    {move || {
                        let l = lang.get();
                        let role = role.get(def_lang(l)).to_owned();
                        match (l, count) {
                            (crate::i18n::Lang::Sv, 1) => format!("Ansökan skickas in först när både du och {role} har skrivit under med BankID. Båda behöver alltså BankID."),
                            (crate::i18n::Lang::Sv, n) => format!("Ansökan skickas in först när du och {n} personer till ({role}) har skrivit under med BankID. Alla behöver alltså BankID."),
                            (crate::i18n::Lang::En, 1) => format!("The application is submitted only when both you and {role} have signed with BankID. Both of you need BankID."),
                            (crate::i18n::Lang::En, n) => format!("The application is submitted only when you and {n} more people ({role}) have signed with BankID. Everyone needs BankID."),
                        }
                    }}
                </p>
                <p class="ds-paragraph">
                    {move || lang.get().pick(
                        "Efter att du har skrivit under fyller du i den andras namn, personnummer och e-postadress eller mobilnummer. Hen får en länk och skriver under på Mina sidor.",
                        "After you have signed, you enter the other person's name, personal identity number and e-mail address or mobile number. They get a link and sign on Mina sidor.",
                    )}
                </p>
            </section>
        }
    });

    view! {
        <FormHeading text=title focus_instead=None />
        <p class="ds-paragraph lead">{move || description.get(def_lang(lang.get())).to_owned()}</p>
        {handling
            .map(|days| {
                view! {
                    <p class="ds-paragraph">
                        <strong>{move || t().handling_days.replace("{days}", &days.to_string())}</strong>
                    </p>
                }
            })}
        {cosigner_notice}
        <section aria-labelledby="how-it-works">
            <h2 id="how-it-works" class="ds-heading" data-size="sm">
                {move || t().how_heading}
            </h2>
            <p class="ds-paragraph">{move || t().how_steps_intro}</p>
            <ol class="ds-list">
                {steps
                    .into_iter()
                    .map(|step| view! { <li>{move || step.get(def_lang(lang.get())).to_owned()}</li> })
                    .collect_view()}
                <li>{move || t().how_review}</li>
            </ol>
            <p class="ds-paragraph">
                {move || t().how_drafts.replace("{days}", &retention.to_string())}
            </p>
            {signature.then(|| view! { <p class="ds-paragraph">{move || t().how_signature}</p> })}
            {cosigners.then(|| view! { <p class="ds-paragraph">{move || t().how_cosigners}</p> })}
        </section>
        <div class="call-to-action">
            {move || {
                if is_logged_in.get() {
                    view! {
                        <button
                            type="button"
                            class="ds-button"
                            data-variant="primary"
                            aria-disabled=move || starting.get().then_some("true")
                            on:click=start.clone()
                        >
                            {move || t().start}
                        </button>
                    }
                        .into_any()
                } else if session.state.with(|s| matches!(s, AuthState::Checking)) {
                    ().into_any()
                } else {
                    view! {
                        <p class="ds-paragraph">{move || t().start_login_hint}</p>
                        <A
                            href=format!("/logga-in?tillbaka=/e-tjanster/{}", slug_for_login)
                            attr:class="ds-button"
                            attr:data-variant="primary"
                        >
                            {move || t().start_login}
                        </A>
                    }
                        .into_any()
                }
            }}
        </div>
        <p class="ds-paragraph" role="status">
            {move || starting.get().then(|| t().starting)}
        </p>
        <div role="alert">
            {move || {
                failed
                    .get()
                    .then(|| {
                        view! {
                            <div class="ds-alert page-alert" data-color="danger">
                                <p class="ds-paragraph">
                                    {move || match refused.get() {
                                        Some((sv, en)) => lang.get().pick(sv, en),
                                        None => t().start_error.to_owned(),
                                    }}
                                </p>
                            </div>
                        }
                    })
            }}
        </div>
        <p class="ds-paragraph">
            <A href="/e-tjanster" attr:class="ds-link">
                {move || t().back_to_catalogue}
            </A>
        </p>
    }
}
