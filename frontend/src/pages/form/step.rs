//! `/arenden/:id/steg/:n`: one step (question group) of the form, with its fields, the step's
//! error summary, "Next"/"Back", "Save and continue later" and deleting the draft.

use std::collections::BTreeSet;

use eservice::Scope;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::case_page::leave_unless_draft;
use super::errors::{ShownError, error_target, field_dom_id};
use super::progress::Progress;
use super::shared::{
    ErrorSummary, FormCaption, FormHeading, ProblemAlert, SummaryItem, WhenLoaded, def_lang,
    focus_error_summary, set_document_title,
};
use super::state::use_form;
use crate::api::cases;
use crate::forms_i18n::FormTexts;
use crate::i18n::use_lang;
use crate::local_time;
use crate::pages::fields::FieldView;

/// `/arenden/:id/steg/:n`.
#[component]
pub fn StepPage() -> impl IntoView {
    let ctx = use_form();
    leave_unless_draft(ctx);
    let params = use_params_map();
    let number = Memo::new(move |_| {
        params.with(|p| {
            p.get("n")
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0)
        })
    });
    // Only whether it is a draft matters here: saving replaces the case, which must not redraw
    // the step (and lose focus) each time.
    let draft = Memo::new(move |_| ctx.is_draft());
    view! {
        <WhenLoaded>
            {move || {
                let number = number.get();
                ctx.revision.track();
                draft.get().then(|| view! { <StepForm number=number /> })
            }}
        </WhenLoaded>
    }
}

/// One step of the form.
#[component]
fn StepForm(number: usize) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let navigate = use_navigate();
    let query = use_query_map();
    let Some(definition) = ctx.definition.get_untracked() else {
        return ().into_any();
    };
    let steps = definition.steps();
    if number == 0 || number > steps.len() {
        return view! { <StepNotFound /> }.into_any();
    }
    let step = steps[number - 1].clone();
    ctx.arrive_at_step(&step.id);
    let total = steps.len() + 1;
    let is_last = number == steps.len();
    let step_fields: BTreeSet<String> = step.fields.iter().map(|f| f.id.clone()).collect();

    let step_of = move || {
        t().step_of
            .replace("{n}", &number.to_string())
            .replace("{total}", &total.to_string())
    };
    let step_title = {
        let title = step.title.clone();
        Signal::derive(move || title.get(def_lang(lang.get())).to_owned())
    };
    {
        let definition = definition.clone();
        Effect::new(move |_| {
            let eservice = definition.title().get(def_lang(lang.get())).to_owned();
            set_document_title(&format!("{}: {} – {eservice}", step_of(), step_title.get()));
        });
    }

    let visible = {
        let definition = definition.clone();
        Memo::new(move |_| {
            ctx.answers.with(|answers| {
                eservice::visible_fields(&definition, answers)
                    .into_iter()
                    .map(|field| field.id.clone())
                    .collect::<BTreeSet<String>>()
            })
        })
    };

    let summary_items = {
        let definition = definition.clone();
        let step_fields = step_fields.clone();
        Signal::derive(move || {
            let visible = visible.get();
            ctx.errors.with(|errors| {
                ctx.answers.with(|answers| {
                    errors
                        .iter()
                        .filter(|e| step_fields.contains(&e.field) && visible.contains(&e.field))
                        .map(|e| {
                            let target = error_target(&definition, answers, e);
                            SummaryItem {
                                href: format!("#{target}"),
                                target: Some(target),
                                sv: e.sv.clone(),
                                en: e.en.clone(),
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    };

    let busy = RwSignal::new(false);
    let confirm_delete = RwSignal::new(false);
    let delete_failed = RwSignal::new(false);

    let go = {
        let navigate = navigate.clone();
        move |url: String| {
            busy.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                let saved = ctx.save_now().await;
                let _ = busy.try_set(false);
                let blocked = ctx.problem.try_get_untracked().flatten().is_some();
                if !blocked && (saved || url.starts_with("/arenden/")) {
                    navigate(&url, NavigateOptions::default());
                }
            });
        }
    };

    let on_submit = {
        let go = go.clone();
        let step_id = step.id.clone();
        let step_fields = step_fields.clone();
        let definition = definition.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let errors: Vec<ShownError> = ctx.answers.with_untracked(|answers| {
                eservice::validate(
                    &definition,
                    answers,
                    Scope::Step(&step_id),
                    local_time::today(),
                )
                .iter()
                .map(ShownError::from_answer)
                .collect()
            });
            let has_errors = !errors.is_empty();
            ctx.set_errors_for(&step_fields, errors);
            if has_errors {
                focus_error_summary();
                return;
            }
            let next = if is_last {
                ctx.url("granska")
            } else {
                ctx.step_url(number + 1)
            };
            go(next);
        }
    };

    let on_back = {
        let go = go.clone();
        move |_| {
            if !busy.get_untracked() {
                go(ctx.step_url(number - 1));
            }
        }
    };

    let on_save_later = {
        let go = go.clone();
        move |_| {
            if !busy.get_untracked() {
                go("/mina-sidor?sparat=1".to_owned());
            }
        }
    };

    let on_delete = {
        let navigate = navigate.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            delete_failed.set(false);
            let navigate = navigate.clone();
            let id = ctx.case_id.get_untracked();
            spawn_local(async move {
                match cases::delete_draft(&id).await {
                    Ok(()) => {
                        // Nothing left to save.
                        ctx.discard_unsaved();
                        navigate("/mina-sidor?borttaget=1", NavigateOptions::default());
                    }
                    Err(error) => {
                        leptos::logging::warn!("DELETE draft failed: {error}");
                        let _ = delete_failed.try_set(true);
                    }
                }
                let _ = busy.try_set(false);
            });
        }
    };

    let focus_field = query
        .with_untracked(|q| q.get("falt"))
        .filter(|field| step_fields.contains(field))
        .map(|field| {
            ctx.answers.with_untracked(|answers| {
                let error = ctx
                    .errors
                    .with_untracked(|errors| errors.iter().find(|e| e.field == field).cloned());
                match error {
                    Some(error) => error_target(&definition, answers, &error),
                    None => field_dom_id(&field),
                }
            })
        });

    let heading_text = step_title;
    let fields = step
        .fields
        .iter()
        .map(|field| view! { <FieldView field=field.clone() visible=visible /> })
        .collect_view();

    view! {
        <FormCaption />
        <Progress current=number />
        {move || {
            (!summary_items.with(Vec::is_empty))
                .then(|| {
                    view! {
                        <ErrorSummary
                            items=summary_items
                            heading=Signal::derive(move || t().error_summary_heading.to_owned())
                        />
                    }
                })
        }}
        <p class="ds-paragraph form-step-count" data-size="sm">
            {step_of}
        </p>
        <FormHeading text=heading_text focus_instead=focus_field />
        <ProblemAlert />
        <p class="ds-paragraph form-required-note" data-size="sm">
            {move || t().required_note}
        </p>
        <form class="form-step" novalidate on:submit=on_submit>
            <div class="form-fields">{fields}</div>
            <div class="button-row form-actions">
                {(number > 1)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="ds-button"
                                data-variant="secondary"
                                on:click=on_back.clone()
                            >
                                {move || t().back}
                            </button>
                        }
                    })}
                <button
                    type="submit"
                    class="ds-button"
                    data-variant="primary"
                    aria-disabled=move || busy.get().then_some("true")
                >
                    {move || if is_last { t().to_review } else { t().next }}
                </button>
            </div>
            <div class="button-row form-secondary-actions">
                <button
                    type="button"
                    class="ds-button"
                    data-variant="tertiary"
                    on:click=on_save_later
                >
                    {move || t().save_later}
                </button>
                <button
                    type="button"
                    class="ds-button"
                    data-variant="tertiary"
                    data-color="danger"
                    aria-expanded=move || confirm_delete.get().to_string()
                    aria-controls="delete-draft-confirm"
                    on:click=move |_| confirm_delete.update(|open| *open = !*open)
                >
                    {move || t().delete_draft}
                </button>
            </div>
            <div id="delete-draft-confirm" class="delete-confirm">
                {move || {
                    confirm_delete
                        .get()
                        .then(|| {
                            view! {
                                <div class="ds-alert page-alert" data-color="warning">
                                    <p class="ds-paragraph">{move || t().delete_confirm}</p>
                                    <div class="button-row">
                                        <button
                                            type="button"
                                            class="ds-button"
                                            data-variant="primary"
                                            data-color="danger"
                                            on:click=on_delete.clone()
                                        >
                                            {move || t().delete_yes}
                                        </button>
                                        <button
                                            type="button"
                                            class="ds-button"
                                            data-variant="secondary"
                                            on:click=move |_| confirm_delete.set(false)
                                        >
                                            {move || t().delete_no}
                                        </button>
                                    </div>
                                </div>
                            }
                        })
                }}
                <div role="alert" class="delete-confirm__error">
                    {move || {
                        delete_failed
                            .get()
                            .then(|| view! { <p class="ds-paragraph">{move || t().delete_error}</p> })
                    }}
                </div>
            </div>
        </form>
    }
    .into_any()
}

/// A step number that the e-service does not have.
#[component]
fn StepNotFound() -> impl IntoView {
    let lang = use_lang();
    let ctx = use_form();
    let t = move || FormTexts::get(lang.get());
    Effect::new(move |_| {
        set_document_title(crate::forms_i18n::CatalogueTexts::get(lang.get()).not_found_title)
    });
    view! {
        <h1 class="ds-heading page-title" data-size="lg">
            {move || lang.get().pick("Steget finns inte", "The step does not exist")}
        </h1>
        <p class="ds-paragraph">
            <a class="ds-link" href=ctx.step_url(1)>
                {move || t().continue_draft}
            </a>
        </p>
    }
}
