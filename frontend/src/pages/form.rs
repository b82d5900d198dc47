//! `/arenden/:id/…`: a case. A draft is the e-service's form, one step (question group) per
//! page (`steg/:n`), then the review page (`granska`) and, once submitted, the receipt
//! (`kvitto`); any other case shows its status, case number and history (the index route).
//!
//! The parent route [`CasePage`] loads the case and the definition version it was started on
//! and keeps the form's state in a [`FormCtx`] shared by the child routes, so moving between
//! steps keeps everything typed. The draft is saved on the server on every step change and two
//! seconds after typing stops; "Utkast sparat" is announced in a polite live region.

use std::collections::BTreeSet;
use std::sync::Arc;

use api_types::{AttachmentResponse, CaseResponse, FieldError};
use eservice::{AnswerError, Answers, EServiceDefinition, FieldKind, Scope};
use leptos::html::H1;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use serde_json::Value;

use crate::api::{ApiError, use_site};
use crate::cases_api;
use crate::forms_i18n::FormTexts;
use crate::i18n::{Lang, document_title, use_lang};
use crate::local_time;
use crate::login_guard::require_login;
use crate::pages::case::CaseOverview;
use crate::pages::fields::FieldView;
use crate::time;

/// Milliseconds after the last change before the draft is saved.
const AUTOSAVE_DELAY_MS: u32 = 2000;

/// The e-service definition's language for the app's.
pub fn def_lang(lang: Lang) -> eservice::Lang {
    match lang {
        Lang::Sv => eservice::Lang::Sv,
        Lang::En => eservice::Lang::En,
    }
}

/// An error shown at a field and in the error summary, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownError {
    /// The field id.
    pub field: String,
    /// The stable code, e.g. `required`.
    pub code: String,
    /// Swedish.
    pub sv: String,
    /// English.
    pub en: String,
}

impl ShownError {
    /// From the shared validation.
    pub fn from_answer(error: &AnswerError) -> ShownError {
        ShownError {
            field: error.field.clone(),
            code: error.code.to_owned(),
            sv: error.message_sv.clone(),
            en: error.message_en.clone(),
        }
    }

    /// From the server's 422 answer.
    pub fn from_field(error: &FieldError) -> ShownError {
        ShownError {
            field: error.field.clone(),
            code: error.code.clone(),
            sv: error.message_sv.clone(),
            en: error.message.clone(),
        }
    }

    /// The message in the chosen language.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }
}

/// How the autosave is doing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SaveState {
    /// Nothing saved since the page opened.
    Idle,
    /// Saved at this time (browser clock).
    Saved(f64),
    /// The last save failed; the next change or step tries again.
    Failed,
}

/// A problem that stops editing until the citizen acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormProblem {
    /// Saved elsewhere since this page loaded (`409 edit_conflict`).
    Conflict,
    /// No longer a draft (`409 case_not_editable`), e.g. submitted on another device.
    NotEditable,
}

/// Whether the case has loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    Loading,
    NotFound,
    Failed,
    Ready,
}

/// The state of one case's pages, shared by the child routes.
#[derive(Debug, Clone, Copy)]
pub struct FormCtx {
    pub case_id: RwSignal<String>,
    pub load: RwSignal<Load>,
    /// The server's copy (status, case number, dates, history). Its answers may be older than
    /// [`FormCtx::answers`].
    pub case: RwSignal<Option<CaseResponse>>,
    pub definition: RwSignal<Option<Arc<EServiceDefinition>>>,
    /// The answers as typed, saved or not.
    pub answers: RwSignal<Answers>,
    pub attachments: RwSignal<Vec<AttachmentResponse>>,
    /// The errors of the last validation (the browser's or the server's).
    pub errors: RwSignal<Vec<ShownError>>,
    pub save_state: RwSignal<SaveState>,
    pub problem: RwSignal<Option<FormProblem>>,
    /// Changes when the answers are replaced from the server, so inputs are drawn anew.
    pub revision: RwSignal<u32>,
    /// Set when the case was submitted from this page, on the way to the receipt.
    pub submitted_here: RwSignal<bool>,
    lock_version: StoredValue<i32>,
    /// Changes made, and how many of them the server has.
    edits: StoredValue<u64>,
    saved_edits: StoredValue<u64>,
    saving: StoredValue<bool>,
    /// Loads answered for another case id than the current one are ignored.
    load_generation: StoredValue<u64>,
}

impl FormCtx {
    fn new() -> FormCtx {
        FormCtx {
            case_id: RwSignal::new(String::new()),
            load: RwSignal::new(Load::Loading),
            case: RwSignal::new(None),
            definition: RwSignal::new(None),
            answers: RwSignal::new(Answers::new()),
            attachments: RwSignal::new(Vec::new()),
            errors: RwSignal::new(Vec::new()),
            save_state: RwSignal::new(SaveState::Idle),
            problem: RwSignal::new(None),
            revision: RwSignal::new(0),
            submitted_here: RwSignal::new(false),
            lock_version: StoredValue::new(0),
            edits: StoredValue::new(0),
            saved_edits: StoredValue::new(0),
            saving: StoredValue::new(false),
            load_generation: StoredValue::new(0),
        }
    }

    /// The case's address, e.g. `/arenden/<id>`; `tail` is appended after a slash.
    pub fn url(self, tail: &str) -> String {
        let id = self.case_id.get_untracked();
        if tail.is_empty() {
            format!("/arenden/{id}")
        } else {
            format!("/arenden/{id}/{tail}")
        }
    }

    /// The address of step `n` (1-based).
    pub fn step_url(self, n: usize) -> String {
        self.url(&format!("steg/{n}"))
    }

    /// Whether the case is a draft.
    pub fn is_draft(self) -> bool {
        self.case
            .with(|case| case.as_ref().is_some_and(|case| case.status == "draft"))
    }

    /// The answer of a field, without tracking.
    pub fn answer_untracked(self, field: &str) -> Option<Value> {
        self.answers
            .with_untracked(|answers| answers.get(field).cloned())
    }

    /// Changes one answer and saves the draft shortly after typing stops.
    pub fn set_answer(self, field: &str, value: Value) {
        self.answers.update(|answers| {
            answers.insert(field.to_owned(), value);
        });
        self.edits.update_value(|edits| *edits += 1);
        let mine = self.edits.get_value();
        spawn_local(async move {
            time::sleep(AUTOSAVE_DELAY_MS).await;
            if self.edits.try_get_value() == Some(mine) {
                self.save_now().await;
            }
        });
    }

    /// Replaces the errors of these fields with `errors`.
    pub fn set_errors_for(self, fields: &BTreeSet<String>, errors: Vec<ShownError>) {
        self.errors.update(|current| {
            current.retain(|error| !fields.contains(&error.field));
            current.extend(errors);
        });
    }

    /// Saves the answers now when something is unsaved; waits for a save under way. True when
    /// the server has everything.
    pub async fn save_now(self) -> bool {
        while self.saving.try_get_value() == Some(true) {
            time::sleep(50).await;
        }
        let Some(edits) = self.edits.try_get_value() else {
            return false;
        };
        if self.saved_edits.get_value() >= edits {
            return true;
        }
        if self.problem.get_untracked().is_some() || !self.is_draft_untracked() {
            return false;
        }
        self.saving.set_value(true);
        let answers = self.answers.get_untracked();
        let id = self.case_id.get_untracked();
        let lock_version = self.lock_version.get_value();
        let result = cases_api::save_draft(&id, answers, lock_version).await;
        if self.saving.try_set_value(false).is_some() {
            // The pages were left while saving.
            return result.is_ok();
        }
        match result {
            Ok(case) => {
                self.lock_version.set_value(case.lock_version);
                self.saved_edits
                    .update_value(|saved| *saved = (*saved).max(edits));
                self.attachments.set(case.attachments.clone());
                self.case.set(Some(case));
                self.save_state.set(SaveState::Saved(time::now_ms()));
                self.edits.get_value() <= self.saved_edits.get_value()
            }
            Err(error) => {
                leptos::logging::warn!("PUT /api/v1/drafts/{{id}} failed: {error}");
                match error.problem().map(|p| p.code.as_str()) {
                    Some("edit_conflict") => self.problem.set(Some(FormProblem::Conflict)),
                    Some("case_not_editable") => self.problem.set(Some(FormProblem::NotEditable)),
                    _ => {}
                }
                self.save_state.set(SaveState::Failed);
                false
            }
        }
    }

    fn is_draft_untracked(self) -> bool {
        self.case
            .with_untracked(|case| case.as_ref().is_some_and(|case| case.status == "draft"))
    }

    /// Whether changes have not reached the server.
    fn unsaved(self) -> bool {
        self.edits.try_get_value().unwrap_or(0) > self.saved_edits.try_get_value().unwrap_or(0)
    }

    /// Puts a case from the server in place: answers, files, lock version; inputs drawn anew.
    pub fn apply_case(self, case: CaseResponse) {
        self.lock_version.set_value(case.lock_version);
        let edits = self.edits.get_value();
        self.saved_edits.set_value(edits);
        self.answers.set(case.answers.clone());
        self.attachments.set(case.attachments.clone());
        self.case.set(Some(case));
        self.revision.update(|r| *r += 1);
    }

    /// Loads the case with this id and the definition it was started on.
    fn load(self, id: String) {
        self.load_generation.update_value(|g| *g += 1);
        let generation = self.load_generation.get_value();
        self.case_id.set(id.clone());
        self.load.set(Load::Loading);
        self.problem.set(None);
        self.errors.set(Vec::new());
        self.save_state.set(SaveState::Idle);
        spawn_local(async move {
            let case = cases_api::get_case(&id).await;
            let current = move || self.load_generation.try_get_value() == Some(generation);
            if !current() {
                return;
            }
            let case = match case {
                Ok(case) => case,
                Err(error) => {
                    leptos::logging::warn!("GET /api/v1/cases/{{id}} failed: {error}");
                    self.load.set(if matches!(error.status(), Some(404 | 400)) {
                        Load::NotFound
                    } else {
                        Load::Failed
                    });
                    return;
                }
            };
            let definition =
                cases_api::get_eservice_version(&case.eservice_slug, case.eservice_version).await;
            if !current() {
                return;
            }
            match definition {
                Ok(loaded) => {
                    self.definition.set(Some(Arc::new(loaded.definition)));
                    self.apply_case(case);
                    self.load.set(Load::Ready);
                }
                Err(error) => {
                    leptos::logging::warn!("GET e-service version failed: {error}");
                    self.load.set(Load::Failed);
                }
            }
        });
    }

    /// Loads the server's latest version after a conflict.
    pub fn reload(self) {
        let id = self.case_id.get_untracked();
        spawn_local(async move {
            match cases_api::get_case(&id).await {
                Ok(case) => {
                    if self.case_id.try_get_untracked().as_deref() != Some(id.as_str()) {
                        return;
                    }
                    self.apply_case(case);
                    self.problem.set(None);
                    self.errors.set(Vec::new());
                }
                Err(error) => leptos::logging::warn!("reloading the case failed: {error}"),
            }
        });
    }
}

/// The form's state, from the enclosing [`CasePage`].
pub fn use_form() -> FormCtx {
    use_context::<FormCtx>().unwrap_or_else(FormCtx::new)
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

/// The DOM id of a field's (first) input.
pub fn field_dom_id(field: &str) -> String {
    format!("field-{field}")
}

/// The element an error summary link moves focus to: the field's input, or for an address the
/// part that needs attention.
pub fn error_target(
    definition: &EServiceDefinition,
    answers: &Answers,
    error: &ShownError,
) -> String {
    let base = field_dom_id(&error.field);
    let Some(field) = definition.field(&error.field) else {
        return base;
    };
    if matches!(field.kind, FieldKind::PostalAddress {}) {
        if error.code == "invalid_postal_code" {
            return format!("{base}-postal_code");
        }
        let blank = |part: &str| {
            answers
                .get(&error.field)
                .and_then(|value| value.get(part))
                .and_then(Value::as_str)
                .is_none_or(|text| text.trim().is_empty())
        };
        for part in ["street", "postal_code", "city"] {
            if blank(part) {
                return if part == "street" {
                    base
                } else {
                    format!("{base}-{part}")
                };
            }
        }
    }
    base
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

/// The parent route of a case: loads it, provides the form state, and shows the save status
/// under the child page.
#[component]
pub fn CasePage() -> impl IntoView {
    require_login();
    let ctx = FormCtx::new();
    provide_context(ctx);
    let params = use_params_map();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());

    // Loads once someone is logged in, and again if the address names another case.
    let logged_in = crate::login_guard::logged_in();
    Effect::new(move |previous: Option<String>| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let key = if logged_in.get() { id } else { String::new() };
        if previous.as_deref() != Some(key.as_str()) && !key.is_empty() {
            ctx.load(key.clone());
        }
        key
    });

    // Leaving the case's pages with changes not yet saved: save them on the way out.
    on_cleanup(move || {
        if !ctx.unsaved() {
            return;
        }
        let (Some(id), Some(answers), Some(lock_version)) = (
            ctx.case_id.try_get_untracked(),
            ctx.answers.try_get_untracked(),
            ctx.lock_version.try_get_value(),
        ) else {
            return;
        };
        spawn_local(async move {
            if let Err(error) = cases_api::save_draft(&id, answers, lock_version).await {
                leptos::logging::warn!("saving the draft on leaving failed: {error}");
            }
        });
    });

    // Closing or reloading the page within the autosave delay: the browser sends the last
    // changes on its way out.
    let on_exit = window_event_listener(leptos::ev::pagehide, move |_| {
        if !ctx.unsaved() {
            return;
        }
        if let (Some(id), Some(answers), Some(lock_version)) = (
            ctx.case_id.try_get_untracked(),
            ctx.answers.try_get_untracked(),
            ctx.lock_version.try_get_value(),
        ) {
            cases_api::save_draft_on_exit(&id, answers, lock_version);
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
            let case = case.as_ref().filter(|case| case.status == "draft")?;
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

/// `/arenden/:id`: a draft opens at its first step; any other case shows its overview.
#[component]
pub fn CaseIndex() -> impl IntoView {
    let ctx = use_form();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if ctx.load.get() == Load::Ready && ctx.is_draft() {
            navigate(
                &ctx.step_url(1),
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

/// The progress indicator: an ordered list of the steps and the review page, the current one
/// marked with `aria-current="step"`; earlier steps are links.
#[component]
pub fn Progress(
    /// 1-based; the review page is one more than the number of steps.
    current: usize,
) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let titles = move || {
        let mut titles: Vec<(String, String)> = ctx
            .definition
            .with(|d| {
                d.as_ref().map(|d| {
                    d.steps()
                        .iter()
                        .map(|step| (step.title.sv.clone(), step.title.en.clone()))
                        .collect()
                })
            })
            .unwrap_or_default();
        titles.push((
            FormTexts::get(Lang::Sv).review_title.to_owned(),
            FormTexts::get(Lang::En).review_title.to_owned(),
        ));
        titles
    };
    view! {
        <nav class="form-progress" aria-label=move || t().progress_label>
            <ol class="form-progress__list">
                {move || {
                    let all = titles();
                    let total = all.len();
                    all.into_iter()
                        .enumerate()
                        .map(|(index, (sv, en))| {
                            let number = index + 1;
                            let title = move || lang.get().pick(sv.clone(), en.clone());
                            let state = if number < current {
                                "done"
                            } else if number == current {
                                "current"
                            } else {
                                "todo"
                            };
                            let href = if number == total {
                                ctx.url("granska")
                            } else {
                                ctx.step_url(number)
                            };
                            let body = if number < current {
                                view! {
                                    <a class="ds-link form-progress__link" href=href>
                                        {title}
                                        <span class="ds-sr-only">
                                            {move || format!(" ({})", t().step_done)}
                                        </span>
                                    </a>
                                }
                                    .into_any()
                            } else {
                                view! { <span class="form-progress__text">{title}</span> }
                                    .into_any()
                            };
                            view! {
                                <li
                                    class="form-progress__step"
                                    data-state=state
                                    aria-current=(number == current).then_some("step")
                                >
                                    <span class="form-progress__number" aria-hidden="true">
                                        {number}
                                    </span>
                                    {body}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
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
                match cases_api::delete_draft(&id).await {
                    Ok(()) => {
                        // Nothing left to save.
                        ctx.saved_edits.set_value(ctx.edits.get_value());
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

/// Errors coming back from the server, shown the same way as the browser's.
pub fn server_errors(error: &ApiError) -> Option<Vec<ShownError>> {
    let problem = error.problem()?;
    (problem.code == "validation_failed")
        .then(|| problem.errors.iter().map(ShownError::from_field).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error(field: &str, code: &str) -> ShownError {
        ShownError {
            field: field.into(),
            code: code.into(),
            sv: String::new(),
            en: String::new(),
        }
    }

    #[test]
    fn summary_links_point_at_the_part_of_an_address_that_needs_attention() {
        let definition = EServiceDefinition::from_json(eservice::demo::PARKERINGSTILLSTAND)
            .unwrap_or_else(|errors| unreachable!("{errors:?}"));
        let mut answers = Answers::new();
        assert_eq!(
            error_target(&definition, &answers, &error("phone", "required")),
            "field-phone"
        );
        assert_eq!(
            error_target(&definition, &answers, &error("address", "required")),
            "field-address"
        );
        answers.insert(
            "address".into(),
            json!({"street": "Parkvägen 3", "postal_code": "", "city": "Sala"}),
        );
        assert_eq!(
            error_target(
                &definition,
                &answers,
                &error("address", "incomplete_address")
            ),
            "field-address-postal_code"
        );
        answers.insert(
            "address".into(),
            json!({"street": "Parkvägen 3", "postal_code": "12", "city": "Sala"}),
        );
        assert_eq!(
            error_target(
                &definition,
                &answers,
                &error("address", "invalid_postal_code")
            ),
            "field-address-postal_code"
        );
    }

    #[test]
    fn server_errors_read_like_the_browsers() {
        let shown = ShownError::from_field(&FieldError {
            field: "location".into(),
            code: "required".into(),
            message: "Enter where".into(),
            message_sv: "Fyll i var".into(),
        });
        assert_eq!(shown.text(Lang::Sv), "Fyll i var");
        assert_eq!(shown.text(Lang::En), "Enter where");
    }
}
