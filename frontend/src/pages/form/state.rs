//! The form's state, shared by the case's child routes through context: the case and the
//! definition version it was started on, the answers as typed, the errors shown, and the autosave
//! (two seconds after typing stops, and on every step change).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use api_types::{AttachmentResponse, CaseResponse};
use eservice::{Answers, EServiceDefinition};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use super::errors::ShownError;
use crate::api::{cases, eservices};
use crate::time;

/// Milliseconds after the last change before the draft is saved.
const AUTOSAVE_DELAY_MS: u32 = 2000;

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
    /// The step id the citizen is on, saved with the answers so the draft reopens there.
    pub current_step: RwSignal<Option<String>>,
    lock_version: StoredValue<i32>,
    /// Changes made, and how many of them the server has.
    edits: StoredValue<u64>,
    saved_edits: StoredValue<u64>,
    /// The save under way, as a promise every caller of [`FormCtx::save_now`] can wait for.
    in_flight: StoredValue<Option<js_sys::Promise>, LocalStorage>,
    /// The autosave timer: one, started again on every change.
    autosave: StoredValue<Option<TimeoutHandle>>,
}

impl FormCtx {
    pub(super) fn new() -> FormCtx {
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
            current_step: RwSignal::new(None),
            lock_version: StoredValue::new(0),
            edits: StoredValue::new(0),
            saved_edits: StoredValue::new(0),
            in_flight: StoredValue::new_local(None),
            autosave: StoredValue::new(None),
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
        self.case.with(|case| {
            case.as_ref()
                .is_some_and(|case| case.status == api_types::CaseStatus::Draft)
        })
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
        self.changed();
    }

    /// The citizen is on step `step_id`: saved (soon) unless the draft already knows it, so
    /// that the draft reopens here.
    pub fn arrive_at_step(self, step_id: &str) {
        if self.current_step.get_untracked().as_deref() == Some(step_id) {
            return;
        }
        self.current_step.set(Some(step_id.to_owned()));
        let known = self.case.with_untracked(|case| {
            case.as_ref()
                .and_then(|case| case.draft_step.as_deref())
                .is_some_and(|saved| saved == step_id)
        });
        if !known {
            self.changed();
        }
    }

    /// A change to save: counted, and the autosave timer started again.
    fn changed(self) {
        self.edits.update_value(|edits| *edits += 1);
        self.stop_autosave();
        let timer = set_timeout_with_handle(
            move || {
                spawn_local(async move {
                    self.save_now().await;
                })
            },
            Duration::from_millis(AUTOSAVE_DELAY_MS.into()),
        );
        self.autosave.set_value(timer.ok());
    }

    /// Stops the autosave timer (a change or leaving the pages).
    pub(super) fn stop_autosave(self) {
        if let Some(timer) = self.autosave.try_update_value(Option::take).flatten() {
            timer.clear();
        }
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
        // One save at a time: wait for the one under way (and any started meanwhile).
        while let Some(Some(save)) = self.in_flight.try_get_value() {
            let _ = JsFuture::from(save).await;
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
        let save = future_to_promise(async move { Ok(JsValue::from_bool(self.save(edits).await)) });
        self.in_flight.set_value(Some(save.clone()));
        JsFuture::from(save)
            .await
            .ok()
            .and_then(|saved| saved.as_bool())
            .unwrap_or(false)
    }

    /// One `PUT` of the answers as they are, which include the first `edits` changes.
    async fn save(self, edits: u64) -> bool {
        let answers = self.answers.get_untracked();
        let id = self.case_id.get_untracked();
        let lock_version = self.lock_version.get_value();
        let step = self.current_step.get_untracked();
        let result = cases::save_draft(&id, answers, lock_version, step).await;
        if self.in_flight.try_set_value(None).is_some() {
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
        self.case.with_untracked(|case| {
            case.as_ref()
                .is_some_and(|case| case.status == api_types::CaseStatus::Draft)
        })
    }

    /// Whether changes have not reached the server.
    fn unsaved(self) -> bool {
        self.edits.try_get_value().unwrap_or(0) > self.saved_edits.try_get_value().unwrap_or(0)
    }

    /// What a save on the way out sends: the case id, the answers and the lock version, when
    /// changes have not reached the server (and the state still exists).
    pub(super) fn unsaved_changes(self) -> Option<(String, Answers, i32, Option<String>)> {
        if !self.unsaved() {
            return None;
        }
        Some((
            self.case_id.try_get_untracked()?,
            self.answers.try_get_untracked()?,
            self.lock_version.try_get_value()?,
            self.current_step.try_get_untracked()?,
        ))
    }

    /// The draft is gone (deleted): nothing left to save.
    pub(super) fn discard_unsaved(self) {
        self.saved_edits.set_value(self.edits.get_value());
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

    /// A load of the case with this id has begun: forget what was shown.
    pub(super) fn begin_load(self, id: String) {
        self.case_id.set(id);
        self.load.set(Load::Loading);
        self.problem.set(None);
        self.errors.set(Vec::new());
        self.save_state.set(SaveState::Idle);
    }

    /// A load has answered: the case and its definition are shown, or why they cannot be. An
    /// answer for another case than the current one, or after the load was done, is ignored.
    pub(super) fn finish_load(self, id: &str, loaded: Loaded) {
        if self.load.get_untracked() != Load::Loading
            || self.case_id.with_untracked(|current| current != id)
        {
            return;
        }
        match loaded {
            Ok((case, definition)) => {
                self.definition.set(Some(definition));
                self.apply_case(case);
                self.load.set(Load::Ready);
            }
            Err(load) => self.load.set(load),
        }
    }

    /// Loads the server's latest version after a conflict.
    pub fn reload(self) {
        let id = self.case_id.get_untracked();
        spawn_local(async move {
            match cases::get_case(&id).await {
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

/// What loading a case gives: the case and the definition version it was started on, or
/// [`Load::NotFound`] or [`Load::Failed`].
pub(super) type Loaded = Result<(CaseResponse, Arc<EServiceDefinition>), Load>;

/// Loads the case with this id and the definition version it was started on.
pub(super) async fn load_case(id: String) -> Loaded {
    let case = match cases::get_case(&id).await {
        Ok(case) => case,
        Err(error) => {
            leptos::logging::warn!("GET /api/v1/cases/{{id}} failed: {error}");
            return Err(if matches!(error.status(), Some(404 | 400)) {
                Load::NotFound
            } else {
                Load::Failed
            });
        }
    };
    match eservices::get_eservice_version(&case.eservice_slug, case.eservice_version).await {
        Ok(loaded) => Ok((case, Arc::new(loaded.definition))),
        Err(error) => {
            leptos::logging::warn!("GET e-service version failed: {error}");
            Err(Load::Failed)
        }
    }
}

/// The form's state, from the enclosing [`super::CasePage`].
pub fn use_form() -> FormCtx {
    crate::context::expect_context_or(FormCtx::new)
}
