//! The officer workspace under `/handlaggare`: staff login, the queue and a case with its
//! handling, messages and internal notes. Swedish first, English too.
//!
//! - `login`: [`StaffLoginPage`];
//! - `queue`: [`QueuePage`];
//! - `case`: [`OfficerCasePage`];
//! - `audit`: [`AuditPage`], the audit log for administrators;
//! - `notices`: [`NoticesAdminPage`], failed notices and the notice texts for administrators.

pub mod audit;
pub mod case;
pub mod login;
pub mod notices;
pub mod queue;
mod texts;

pub use audit::AuditPage;
pub use case::OfficerCasePage;
pub use login::StaffLoginPage;
pub use notices::NoticesAdminPage;
pub use queue::QueuePage;
pub use texts::{OfficerTexts, outcome_label};

use crate::api::ApiError;
use crate::i18n::Lang;

/// A failed call as a sentence for the officer, in `lang`.
pub fn error_text(lang: Lang, error: &ApiError) -> String {
    match error {
        ApiError::Problem(problem) if !problem.errors.is_empty() => problem
            .errors
            .iter()
            .map(|e| lang.pick(e.message_sv.clone(), e.message.clone()))
            .collect::<Vec<_>>()
            .join(" "),
        ApiError::Problem(problem) => lang.pick(problem.detail_sv.clone(), problem.detail.clone()),
        ApiError::RateLimited(Some(seconds)) => lang.pick(
            format!("För många försök. Försök igen om {seconds} sekunder."),
            format!("Too many attempts. Try again in {seconds} seconds."),
        ),
        _ => lang
            .pick(
                "Det gick inte att nå servern. Försök igen.",
                "The server could not be reached. Try again.",
            )
            .to_owned(),
    }
}
