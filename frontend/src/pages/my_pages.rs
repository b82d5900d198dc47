//! `/mina-sidor`: the logged-in start page: the citizen's saved drafts, ongoing and closed
//! cases, and the way to the e-services and the contact details.

use api_types::{CaseGroup, CaseSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::ApiError;
use crate::api::cases;
use crate::forms_i18n::status_label;
use crate::i18n::{Lang, use_lang};
use crate::local_time;
use crate::page::PageHeading;
use crate::session::{AuthState, use_session};

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
    /// What each group says when it is empty.
    no_cases: [&'static str; 3],
    more: &'static str,
    cases_loading: &'static str,
    cases_error: &'static str,
    /// `{date}` is replaced.
    saved_on: &'static str,
    /// `{date}` is replaced.
    kept_until: &'static str,
    /// `{date}` is replaced.
    submitted_on: &'static str,
    case_number: &'static str,
    draft_saved: &'static str,
    draft_deleted: &'static str,
    shortcuts: &'static str,
    start_eservice: &'static str,
    profile: &'static str,
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
    no_cases: [
        "Inga sparade ärenden. När du börjar fylla i en e-tjänst sparas den här.",
        "Inga pågående ärenden.",
        "Inga avslutade ärenden.",
    ],
    more: "Visa fler",
    cases_loading: "Hämtar dina ärenden …",
    cases_error: "Dina ärenden kunde inte hämtas. Försök igen om en stund.",
    saved_on: "Senast sparat {date}.",
    kept_until: "Utkastet sparas till {date}.",
    submitted_on: "Inskickat {date}.",
    case_number: "Ärendenummer",
    draft_saved: "Ditt utkast är sparat. Du hittar det under Sparade ärenden och kan fortsätta när du vill, även från en annan enhet.",
    draft_deleted: "Utkastet är borttaget.",
    shortcuts: "Genvägar",
    start_eservice: "Använd en e-tjänst",
    profile: "Dina kontaktuppgifter",
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
    no_cases: [
        "No saved cases. When you start filling in an e-service, it is saved here.",
        "No ongoing cases.",
        "No closed cases.",
    ],
    more: "Show more",
    cases_loading: "Loading your cases …",
    cases_error: "Your cases could not be loaded. Please try again in a while.",
    saved_on: "Last saved {date}.",
    kept_until: "The draft is kept until {date}.",
    submitted_on: "Submitted {date}.",
    case_number: "Case number",
    draft_saved: "Your draft has been saved. You find it under Saved cases and can continue whenever you like, on another device too.",
    draft_deleted: "The draft has been deleted.",
    shortcuts: "Shortcuts",
    start_eservice: "Use an e-service",
    profile: "Your contact details",
};

fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

/// The logged-in start page (inside [`crate::protected::RequireLogin`]).
#[component]
pub fn MyPagesPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let session = use_session();

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
                <nav aria-labelledby="shortcuts-heading" class="my-shortcuts">
                    <h2 id="shortcuts-heading" class="ds-sr-only">
                        {move || t().shortcuts}
                    </h2>
                    <ul class="my-shortcuts__list">
                        <li>
                            <A href="/e-tjanster" attr:class="ds-link">
                                {move || t().start_eservice}
                            </A>
                        </li>
                        <li>
                            <A href="/mina-sidor/profil" attr:class="ds-link">
                                {move || t().profile}
                            </A>
                        </li>
                    </ul>
                </nav>
                <section aria-labelledby="cases-heading" class="case-groups">
                    <h2 id="cases-heading" class="ds-heading" data-size="md">
                        {move || t().cases_heading}
                    </h2>
                    <p class="ds-paragraph">{move || t().cases_intro}</p>
                    <CaseGroups />
                </section>
            }
            .into_any()
        }
    };

    // A notice after "Spara och fortsätt senare" or deleting a draft.
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            if q.get("sparat").is_some() {
                Some(t().draft_saved)
            } else if q.get("borttaget").is_some() {
                Some(t().draft_deleted)
            } else {
                None
            }
        })
    };

    view! {
        <PageHeading title=|lang| texts(lang).title text=heading />
        <div role="status" class="my-notice">
            {move || {
                notice()
                    .map(|text| {
                        view! {
                            <div class="ds-alert page-alert" data-color="success">
                                <p class="ds-paragraph">{text}</p>
                            </div>
                        }
                    })
            }}
        </div>
        {content}
    }
}

/// The three lists: saved drafts, ongoing and closed cases, each paged on the server.
#[component]
fn CaseGroups() -> impl IntoView {
    [CaseGroup::Saved, CaseGroup::Ongoing, CaseGroup::Closed]
        .into_iter()
        .enumerate()
        .map(|(index, group)| view! { <CaseGroupList index=index group=group /> })
        .collect_view()
}

/// One list, a page at a time ("Visa fler").
#[component]
fn CaseGroupList(index: usize, group: CaseGroup) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let items = RwSignal::new(None::<Result<Vec<CaseSummary>, ApiError>>);
    let next = RwSignal::new(None::<String>);
    let load = move |more: bool| {
        let after = if more { next.get_untracked() } else { None };
        spawn_local(async move {
            match cases::list_group_page(group, after.as_deref()).await {
                Ok((page, following)) => {
                    let _ = next.try_set(following);
                    items.update(|list| match (more, list.as_mut()) {
                        (true, Some(Ok(list))) => list.extend(page),
                        _ => *list = Some(Ok(page)),
                    });
                }
                Err(error) => {
                    leptos::logging::warn!("GET /api/v1/cases failed: {error}");
                    let _ = items.try_set(Some(Err(error)));
                }
            }
        });
    };
    load(false);
    let id = format!("case-group-{index}");
    let labelledby = id.clone();
    let body = move || match items.get() {
        None => view! {
            <p class="ds-paragraph" role="status">
                {move || t().cases_loading}
            </p>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <div class="ds-alert page-alert" data-color="danger" role="alert">
                <p class="ds-paragraph">{move || t().cases_error}</p>
            </div>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p class="ds-paragraph case-group__empty">{move || t().no_cases[index]}</p>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ul class="case-list">
                {list.into_iter().map(|case| view! { <CaseItem case=case /> }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <section aria-labelledby=labelledby class="case-group">
            <h3 id=id class="ds-heading" data-size="sm">
                {move || t().groups[index].0}
            </h3>
            <p class="ds-paragraph case-group__about" data-size="sm">
                {move || t().groups[index].1}
            </p>
            {body}
            {move || {
                next.get()
                    .map(|_| {
                        view! {
                            <button
                                type="button"
                                class="ds-button"
                                data-variant="secondary"
                                on:click=move |_| load(true)
                            >
                                {move || t().more}
                                <span class="ds-sr-only">{move || format!(": {}", t().groups[index].0)}</span>
                            </button>
                        }
                    })
            }}
        </section>
    }
}

/// One draft or case in a list.
#[component]
fn CaseItem(case: CaseSummary) -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let href = format!("/arenden/{}", case.id);
    let title = case.eservice_title.clone();
    let draft = case.status == api_types::CaseStatus::Draft;
    let label = case.draft_label.clone();
    let details = move || {
        let lang = lang.get();
        let t = texts(lang);
        let mut lines = Vec::new();
        if draft {
            if let Some(date) = local_time::date_time_words(lang, &case.updated_at) {
                lines.push(t.saved_on.replace("{date}", &date));
            }
            if let Some(date) = case
                .expires_at
                .as_deref()
                .and_then(|at| local_time::date_words(lang, at))
            {
                lines.push(t.kept_until.replace("{date}", &date));
            }
        } else if let Some(date) = case
            .submitted_at
            .as_deref()
            .and_then(|at| local_time::date_words(lang, at))
        {
            lines.push(t.submitted_on.replace("{date}", &date));
        }
        lines.join(" ")
    };
    let number = case.case_number.clone();
    let status = case.status;
    let unread = case.unread_messages;
    view! {
        <li class="case-item">
            <A href=href attr:class="ds-link case-item__title">
                {move || lang.get().of(&title).clone()}
                // Two drafts of one e-service: the first thing the citizen wrote tells them apart.
                {label.map(|label| view! { " " <span class="case-item__label">{format!("“{label}”")}</span> })}
            </A>
            <p class="ds-paragraph case-item__facts" data-size="sm">
                {number
                    .map(|number| {
                        view! {
                            <span class="case-item__number">
                                {move || t().case_number}
                                " "
                                <span class="case-number">{number.clone()}</span>
                            </span>
                        }
                    })}
                // A submitted case says "Inskickat <date>" already; the tag is for later states.
                {(!draft && status != api_types::CaseStatus::Submitted)
                    .then(|| {
                        view! {
                            <span class="ds-tag" data-color="info">
                                {move || status_label(lang.get(), status)}
                            </span>
                        }
                    })}
                <span>{details}</span>
                {(unread > 0)
                    .then(|| {
                        view! {
                            <span class="ds-tag" data-color="warning">
                                {move || {
                                    let l = lang.get();
                                    if unread == 1 {
                                        l.pick("1 oläst meddelande".to_owned(), "1 unread message".to_owned())
                                    } else {
                                        l.pick(format!("{unread} olästa meddelanden"), format!("{unread} unread messages"))
                                    }
                                }}
                            </span>
                        }
                    })}
            </p>
        </li>
    }
}
