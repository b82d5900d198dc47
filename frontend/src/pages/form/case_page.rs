//! The parent route of a case (`/arenden/:id`) and its index route.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::shared::WhenLoaded;
use super::state::{FormCtx, Load, SaveState, load_case, use_form};
use crate::api::cases;
use crate::forms_i18n::FormTexts;
use crate::i18n::use_lang;
use crate::local_time;
use crate::pages::case::CaseOverview;
use crate::session;

/// The parent route of a case: loads it, provides the form state, and shows the save status
/// under the child page.
#[component]
pub fn CasePage() -> impl IntoView {
    let ctx = FormCtx::new();
    provide_context(ctx);
    let params = use_params_map();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());

    // Loads once someone is logged in, and again if the address names another case: a
    // resource keyed by the case id (an answer for an earlier id is never shown).
    let logged_in = session::is_logged_in();
    let key = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        if logged_in.get() { id } else { String::new() }
    });
    let loaded = LocalResource::new(move || {
        let id = key.get();
        async move {
            if id.is_empty() {
                None
            } else {
                let loaded = load_case(id.clone()).await;
                Some((id, loaded))
            }
        }
    });
    Effect::new(move |_| {
        let id = key.get();
        if !id.is_empty() {
            ctx.begin_load(id);
        }
    });
    Effect::new(move |_| {
        if let Some(Some((id, loaded))) = loaded.get() {
            ctx.finish_load(&id, loaded);
        }
    });

    // Leaving the case's pages with changes not yet saved: save them on the way out.
    on_cleanup(move || {
        ctx.stop_autosave();
        let Some((id, answers, lock_version, step)) = ctx.unsaved_changes() else {
            return;
        };
        spawn_local(async move {
            if let Err(error) = cases::save_draft(&id, answers, lock_version, step).await {
                leptos::logging::warn!("saving the draft on leaving failed: {error}");
            }
        });
    });

    // Closing or reloading the page within the autosave delay: the browser sends the last
    // changes on its way out.
    let on_exit = window_event_listener(leptos::ev::pagehide, move |_| {
        if let Some((id, answers, lock_version, step)) = ctx.unsaved_changes() {
            cases::save_draft_on_exit(&id, answers, lock_version, step);
        }
    });
    on_cleanup(move || on_exit.remove());

    let saved_text = move || match ctx.save_state.get() {
        SaveState::Saved(at) if ctx.is_draft() => {
            let clock = local_time::clock_at(lang.get(), at);
            t().saved_at.replace("{time}", &clock)
        }
        SaveState::Failed if ctx.is_draft() => t().save_failed.to_string(),
        _ => String::new(),
    };
    let kept_until = move || {
        ctx.case.with(|case| {
            let case = case
                .as_ref()
                .filter(|case| case.status == api_types::CaseStatus::Draft)?;
            let date = local_time::date_words(lang.get(), case.expires_at.as_deref()?)?;
            Some(t().kept_until.replace("{date}", &date))
        })
    };

    view! {
        <div class="case-page">
            <Outlet />
            <div class="draft-status">
                <p class="ds-paragraph draft-status__saved" role="status" aria-live="polite">
                    {saved_text}
                </p>
                {move || {
                    kept_until()
                        .map(|text| {
                            view! {
                                <p class="ds-paragraph draft-status__kept" data-size="sm">
                                    {text}
                                </p>
                            }
                        })
                }}
            </div>
        </div>
    }
}

/// `/arenden/:id`: a draft opens at its first step; any other case shows its overview.
#[component]
pub fn CaseIndex() -> impl IntoView {
    let ctx = use_form();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if ctx.load.get() == Load::Ready && ctx.is_draft() {
            // Continue where the citizen left off: the step they were on at the last save; for
            // a draft saved without one, the first step that is not complete yet (or the
            // review when every step is).
            let saved_step = ctx
                .case
                .with_untracked(|case| case.as_ref().and_then(|case| case.draft_step.clone()));
            let target = ctx.definition.with_untracked(|definition| {
                definition.as_ref().map(|definition| {
                    let saved = saved_step
                        .as_deref()
                        .and_then(|id| definition.steps().iter().position(|step| step.id == id));
                    match saved {
                        Some(index) => Some(index + 1),
                        None => ctx.answers.with_untracked(|answers| {
                            resume_step(definition, answers, local_time::today())
                        }),
                    }
                })
            });
            let url = match target {
                Some(Some(n)) => ctx.step_url(n),
                Some(None) => ctx.url("granska"),
                None => ctx.step_url(1),
            };
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
    let draft = Memo::new(move |_| ctx.is_draft());
    view! {
        <WhenLoaded>
            {move || (!draft.get()).then(|| view! { <CaseOverview /> })}
        </WhenLoaded>
    }
}

/// Where a draft continues: the step after the last one with any answer, or an earlier step
/// that is not complete yet (1-based); `None` when every step is complete and answered up to
/// the end (the draft goes to the review).
fn resume_step(
    definition: &eservice::EServiceDefinition,
    answers: &eservice::Answers,
    today: chrono::NaiveDate,
) -> Option<usize> {
    let steps = definition.steps();
    let first_incomplete = steps.iter().position(|step| {
        !eservice::validate(definition, answers, eservice::Scope::Step(&step.id), today).is_empty()
    });
    let after_last_answered = steps
        .iter()
        .rposition(|step| {
            step.fields.iter().any(|field| {
                answers
                    .get(&field.id)
                    .is_some_and(|v| !eservice::is_blank(v))
            })
        })
        .map_or(0, |index| index + 1);
    let target = first_incomplete.map_or(after_last_answered, |i| i.min(after_last_answered));
    (target < steps.len()).then_some(target + 1)
}

/// Sends a page of a case that is no longer a draft to the case's overview.
pub fn leave_unless_draft(ctx: FormCtx) {
    let navigate = use_navigate();
    Effect::new(move |_| {
        if ctx.load.get() == Load::Ready && !ctx.is_draft() && !ctx.submitted_here.get() {
            navigate(
                &ctx.url(""),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
}
