//! `/handlaggare`: the queue of the officer's groups, filtered and searched on the server,
//! paged by key ("Visa fler"). A table with a caption; every case is a link, so the queue is
//! used by keyboard like any page.

use api_types::{CaseStatus, QueueItem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::{OfficerTexts, error_text};
use crate::api::{ApiError, staff};
use crate::forms_i18n::status_label;
use crate::i18n::use_lang;
use crate::local_time;
use crate::page::PageHeading;

/// What the officer chose in the filter form.
#[derive(Debug, Clone, Default)]
struct Chosen {
    search: String,
    /// `anyone`, `me`, `unassigned` or a colleague's id.
    assignee: String,
    status: String,
    eservice: String,
    from: String,
    to: String,
    sort: String,
}

fn query(chosen: &Chosen, after: Option<&str>) -> String {
    use crate::api::client::encode;
    let mut parts = Vec::new();
    match chosen.assignee.as_str() {
        "" | "anyone" => {}
        "me" | "unassigned" => parts.push(format!("assignee={}", chosen.assignee)),
        colleague => parts.push(format!("assigned_to={}", encode(colleague))),
    }
    for (name, value) in [
        ("q", chosen.search.trim()),
        ("status", chosen.status.as_str()),
        ("eservice", chosen.eservice.as_str()),
        ("received_from", chosen.from.as_str()),
        ("received_to", chosen.to.as_str()),
        ("sort", chosen.sort.as_str()),
    ] {
        if !value.is_empty() {
            parts.push(format!("{name}={}", encode(value)));
        }
    }
    if let Some(after) = after {
        parts.push(format!("after={}", encode(after)));
    }
    parts.join("&")
}

/// The queue.
#[component]
pub fn QueuePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || OfficerTexts::get(lang.get());
    let chosen = RwSignal::new(Chosen::default());
    let eservices = RwSignal::new(Vec::<api_types::EServiceSummary>::new());
    let colleagues = RwSignal::new(Vec::<api_types::ColleagueResponse>::new());
    spawn_local(async move {
        if let Ok(list) = crate::api::eservices::list_eservices("").await {
            let _ = eservices.try_set(list);
        }
        if let Ok(list) = staff::colleagues().await {
            let _ = colleagues.try_set(list);
        }
    });
    let items = RwSignal::new(None::<Vec<QueueItem>>);
    let next = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);

    let load = move |append: bool| {
        let after = if append { next.get_untracked() } else { None };
        let q = query(&chosen.get_untracked(), after.as_deref());
        spawn_local(async move {
            match staff::queue(&q).await {
                Ok(page) => {
                    let _ = error.try_set(None);
                    let _ = next.try_set(page.next_cursor);
                    items.update(|list| match (append, list.as_mut()) {
                        (true, Some(list)) => list.extend(page.items),
                        _ => *list = Some(page.items),
                    });
                }
                Err(failure) => {
                    let _ = error.try_set(Some(failure));
                }
            }
        });
    };
    load(false);

    let rows = move || {
        let lang_now = lang.get();
        let t = OfficerTexts::get(lang_now);
        items.get().map(|list| {
            if list.is_empty() {
                return view! { <p class="ds-paragraph">{t.no_cases}</p> }.into_any();
            }
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=t.queue_caption>
                    <table class="ds-table queue-table" data-border="true">
                        <caption>{t.queue_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.col_case}</th>
                                <th scope="col">{t.col_eservice}</th>
                                <th scope="col">{t.col_applicant}</th>
                                <th scope="col">{t.status}</th>
                                <th scope="col">{t.col_received}</th>
                                <th scope="col">{t.col_officer}</th>
                                <th scope="col">{t.col_unread}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|item| {
                                    let received = local_time::date_time_words(
                                            lang_now,
                                            &item.submitted_at,
                                        )
                                        .unwrap_or_default();
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <A
                                                    href=format!("/handlaggare/arenden/{}", item.id)
                                                    attr:class="ds-link case-number"
                                                >
                                                    {item.case_number.clone()}
                                                </A>
                                            </th>
                                            <td>{lang_now.of(&item.eservice_title).clone()}</td>
                                            <td>{item.applicant_name.clone()}</td>
                                            <td>{status_label(lang_now, item.status)}</td>
                                            <td>{received}</td>
                                            <td>
                                                {item
                                                    .assigned_to
                                                    .as_ref()
                                                    .map_or_else(
                                                        || t.nobody.to_owned(),
                                                        |o| o.display_name.clone(),
                                                    )}
                                            </td>
                                            <td>
                                                {(item.unread_messages > 0)
                                                    .then(|| {
                                                        view! {
                                                            <span class="ds-tag" data-color="warning">
                                                                {t.unread(item.unread_messages)}
                                                            </span>
                                                        }
                                                    })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
                .into_any()
        })
    };

    let statuses = [
        CaseStatus::Submitted,
        CaseStatus::InProgress,
        CaseStatus::Closed,
    ];
    let navigate = leptos_router::hooks::use_navigate();
    let log_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = staff::log_out().await;
            navigate(staff::LOGIN_PATH, Default::default());
        });
    };
    view! {
        <PageHeading title=|lang| OfficerTexts::get(lang).queue_title />
        <p class="ds-paragraph">
            <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=log_out>
                {move || t().log_out}
            </button>
        </p>
        <form
            class="queue-filter"
            role="search"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                load(false);
            }
        >
            <div class="ds-field">
                <label class="ds-label" for="queue-search">{move || t().search}</label>
                <p class="ds-paragraph" data-size="sm" id="queue-search-help">
                    {move || t().search_help}
                </p>
                <input
                    class="ds-input"
                    id="queue-search"
                    type="search"
                    aria-describedby="queue-search-help"
                    prop:value=move || chosen.with(|c| c.search.clone())
                    on:input=move |ev| chosen.update(|c| c.search = event_target_value(&ev))
                />
            </div>
            <div class="ds-field">
                <label class="ds-label" for="queue-assignee">{move || t().show}</label>
                <select
                    class="ds-input"
                    id="queue-assignee"
                    on:change=move |ev| chosen.update(|c| c.assignee = event_target_value(&ev))
                >
                    <option value="anyone">{move || t().show_all}</option>
                    <option value="me">{move || t().show_mine}</option>
                    <option value="unassigned">{move || t().show_unassigned}</option>
                    {move || {
                        colleagues
                            .get()
                            .into_iter()
                            .map(|c| view! { <option value=c.id.to_string()>{c.display_name}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="queue-status">{move || t().status}</label>
                <select
                    class="ds-input"
                    id="queue-status"
                    on:change=move |ev| chosen.update(|c| c.status = event_target_value(&ev))
                >
                    <option value="">{move || t().status_open}</option>
                    {statuses
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str()>{move || status_label(lang.get(), s)}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="queue-eservice">{move || t().col_eservice}</label>
                <select
                    class="ds-input"
                    id="queue-eservice"
                    on:change=move |ev| chosen.update(|c| c.eservice = event_target_value(&ev))
                >
                    <option value="">{move || t().status_open}</option>
                    {move || {
                        let l = lang.get();
                        eservices
                            .get()
                            .into_iter()
                            .map(|e| view! { <option value=e.slug.clone()>{l.of(&e.title).clone()}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="queue-from">{move || t().received_from}</label>
                <input
                    class="ds-input"
                    id="queue-from"
                    type="date"
                    on:change=move |ev| chosen.update(|c| c.from = event_target_value(&ev))
                />
            </div>
            <div class="ds-field">
                <label class="ds-label" for="queue-to">{move || t().received_to}</label>
                <input
                    class="ds-input"
                    id="queue-to"
                    type="date"
                    on:change=move |ev| chosen.update(|c| c.to = event_target_value(&ev))
                />
            </div>
            <div class="ds-field">
                <label class="ds-label" for="queue-sort">{move || t().sort}</label>
                <select
                    class="ds-input"
                    id="queue-sort"
                    on:change=move |ev| chosen.update(|c| c.sort = event_target_value(&ev))
                >
                    <option value="received_asc">{move || t().oldest_first}</option>
                    <option value="received_desc">{move || t().newest_first}</option>
                </select>
            </div>
            <button type="submit" class="ds-button" data-variant="secondary">
                {move || t().apply_filter}
            </button>
        </form>
        <div role="alert">
            {move || {
                error
                    .get()
                    .map(|failure| {
                        view! {
                            <div class="ds-alert" data-color="danger">
                                <p class="ds-paragraph">{error_text(lang.get(), &failure)}</p>
                            </div>
                        }
                    })
            }}
        </div>
        <div role="status" class="ds-sr-only">
            {move || items.with(|i| i.is_none()).then(|| t().loading)}
        </div>
        {rows}
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
                        </button>
                    }
                })
        }}
    }
}
