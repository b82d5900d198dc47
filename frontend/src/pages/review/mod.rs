//! `/arenden/:id/granska`: every answer once more, with "Ändra" links, errors from the whole
//! form (the browser's check with `Scope::All`, and the server's 422 shown the same way), an offer
//! to save changed contact details in the profile, and submitting: straight away, or after a
//! BankID signature when the e-service asks for one. Submitting is idempotent: one
//! `Idempotency-Key` per attempt, reused when the answer did not arrive.
//!
//! - this module: the page and its content;
//! - [`flow`]: one attempt at submitting (save, profile, sign, submit), run as a Leptos
//!   [`Action`];
//! - [`submit`]: the submit section (buttons, the BankID panel, why submitting stopped);
//! - [`profile_offer`]: the offer to save changed contact details in the profile.

mod flow;
mod profile_offer;
mod submit;

use eservice::Scope;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use self::flow::{Flow, Phase};
use self::profile_offer::ProfileOffer;
use self::submit::{FailureAlert, SigningPanel, SubmitControls};
use crate::api::{cases, profile};
use crate::forms_i18n::FormTexts;
use crate::i18n::use_lang;
use crate::local_time;
use crate::pages::case::AnswerList;
use crate::pages::form::{
    ErrorSummary, FormCaption, FormHeading, ProblemAlert, Progress, ShownError, SummaryItem,
    WhenLoaded, def_lang, leave_unless_draft, set_document_title, use_form,
};

/// `/arenden/:id/granska`.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let ctx = use_form();
    leave_unless_draft(ctx);
    let show = Memo::new(move |_| ctx.is_draft() || ctx.submitted_here.get());
    view! {
        <WhenLoaded>
            {move || {
                ctx.revision.track();
                show.get().then(|| view! { <Review /> })
            }}
        </WhenLoaded>
    }
}

/// The review page's content.
#[component]
fn Review() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let navigate = use_navigate();
    let Some(definition) = ctx.definition.get_untracked() else {
        return ().into_any();
    };
    let total = definition.steps().len() + 1;
    let settings = definition.settings().clone();

    let step_of = move || {
        t().step_of
            .replace("{n}", &total.to_string())
            .replace("{total}", &total.to_string())
    };
    {
        let definition = definition.clone();
        Effect::new(move |_| {
            let eservice = definition.title().get(def_lang(lang.get())).to_owned();
            set_document_title(&format!("{}: {} – {eservice}", step_of(), t().review_title));
        });
    }

    let flow = Flow::new(ctx);
    // Each attempt at submitting is one dispatch; the attempt under way can be aborted.
    let attempts = crate::action::long_running(move |device: &Option<api_types::LoginDevice>| {
        flow.run(*device)
    });

    // Everything is checked on arrival; the summary lists what is left to fix.
    {
        let definition = definition.clone();
        let errors: Vec<ShownError> = ctx.answers.with_untracked(|answers| {
            eservice::validate(&definition, answers, Scope::All, local_time::today())
                .iter()
                .map(ShownError::from_answer)
                .collect()
        });
        ctx.errors.set(errors);
    }

    // The server is the authority: ask it too, and show its answer the same way.
    spawn_local(async move {
        if !ctx.save_now().await {
            return;
        }
        let id = ctx.case_id.get_untracked();
        match cases::validate_draft(&id, None).await {
            Ok(answer) => {
                let errors: Vec<ShownError> =
                    answer.errors.iter().map(ShownError::from_field).collect();
                if ctx.errors.try_with_untracked(|shown| *shown != errors) == Some(true) {
                    let _ = ctx.errors.try_set(errors);
                }
            }
            Err(error) => leptos::logging::warn!("POST validate failed: {error}"),
        }
    });

    // The profile, to offer saving changed contact details in it.
    let needs_profile = definition.fields().any(|field| field.prefill.is_some());
    if needs_profile {
        spawn_local(async move {
            match profile::get_profile().await {
                Ok(profile) => {
                    let _ = flow.profile.try_set(Some(profile));
                }
                Err(error) => leptos::logging::warn!("GET /api/v1/profile failed: {error}"),
            }
        });
    }

    Effect::new(move |_| {
        if flow.done.get() {
            navigate(
                &ctx.url("kvitto"),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });

    // Leaving the page while BankID waits cancels the order.
    on_cleanup(move || flow.leave());

    let summary_items = {
        let definition = definition.clone();
        Signal::derive(move || {
            ctx.errors.with(|errors| {
                errors
                    .iter()
                    .map(|error| {
                        let step = definition
                            .steps()
                            .iter()
                            .position(|step| step.fields.iter().any(|f| f.id == error.field));
                        let href = match step {
                            Some(index) => {
                                format!("{}?falt={}", ctx.step_url(index + 1), error.field)
                            }
                            None => "#review-answers".to_owned(),
                        };
                        SummaryItem {
                            target: None,
                            href,
                            sv: error.sv.clone(),
                            en: error.en.clone(),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    let cosigners = settings.cosigners.is_some();
    let signature = settings.signature_required;
    let status_text = move || {
        if let Some(message) = flow.status.get() {
            return lang.get().pick(message.sv, message.en);
        }
        match flow.phase.get() {
            Phase::Working => t().submitting.to_owned(),
            _ => String::new(),
        }
    };

    let heading = Signal::derive(move || t().review_title.to_owned());
    view! {
        <FormCaption />
        <Progress current=total />
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
        <FormHeading text=heading focus_instead=None />
        <ProblemAlert />
        <p class="ds-paragraph">{move || t().review_intro}</p>
        <div id="review-answers" class="review-answers">
            <AnswerList editable=true />
        </div>
        <ProfileOffer definition=definition.clone() flow=flow />
        <section aria-labelledby="submit-heading" class="review-section submit-section">
            <h2 id="submit-heading" class="ds-heading" data-size="sm">
                {move || t().submit_heading}
            </h2>
            <div role="alert" class="submit-section__failure">
                <FailureAlert flow=flow />
            </div>
            <SubmitControls flow=flow attempts=attempts cosigners=cosigners signature=signature />
            <SigningPanel flow=flow />
            <p class="ds-paragraph submit-section__status" role="status">
                {status_text}
            </p>
        </section>
        <p class="ds-paragraph">
            <a class="ds-link" href=ctx.step_url(total - 1)>
                {move || t().back}
            </a>
        </p>
    }
    .into_any()
}
