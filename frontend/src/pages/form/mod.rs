//! `/arenden/:id/…`: a case. A draft is the e-service's form, one step (question group) per
//! page (`steg/:n`), then the review page (`granska`) and, once submitted, the receipt
//! (`kvitto`); any other case shows its status, case number and history (the index route).
//!
//! The parent route [`CasePage`] loads the case and the definition version it was started on
//! and keeps the form's state in a [`FormCtx`] shared by the child routes, so moving between
//! steps keeps everything typed. The draft is saved on the server on every step change and two
//! seconds after typing stops; "Utkast sparat" is announced in a polite live region.

//!
//! The modules, in the order a request meets them:
//!
//! - [`case_page`]: the parent route [`CasePage`] (loading, autosave on leaving, the save status)
//!   and the index route [`CaseIndex`].
//! - [`state`]: [`FormCtx`], the state the child routes share, and the autosave.
//! - [`step`]: one step of the form ([`StepPage`]); the fields themselves are in
//!   [`crate::pages::fields`].
//! - [`progress`]: the progress indicator.
//! - [`errors`]: errors as shown, from the browser's validation or the server's.
//! - [`shared`]: components and helpers the form's pages share with other pages (error summary,
//!   headings, document title, focus).
//!
//! The review page (`granska`) is [`crate::pages::review`], the receipt and the overview of a
//! case that is no longer a draft [`crate::pages::case`].

pub mod case_page;
pub mod errors;
pub mod progress;
pub mod shared;
pub mod state;
pub mod step;

pub use case_page::{CaseIndex, CasePage, leave_unless_draft};
pub use errors::{ShownError, field_dom_id, server_errors};
pub use progress::Progress;
pub use shared::{
    ErrorSummary, FormCaption, FormHeading, ProblemAlert, SummaryItem, WhenLoaded, def_lang,
    focus_error_summary, focus_id, set_document_title,
};
pub use state::{FormCtx, FormProblem, Load, use_form};
pub use step::StepPage;
