//! The officer workspace: the queue, a case with everything on it, the handling steps, messages
//! to the citizen, internal notes and the case's files. Every handler takes the [`Officer`]
//! extractor, and every case is loaded through the officer's groups (`not_found` otherwise).
//!
//! [`Officer`]: crate::staff::extractor::Officer

pub mod add_note;
pub mod assign_case;
pub mod close_case;
pub mod download_case_attachment;
pub mod download_officer_message_attachment;
pub mod get_officer_case;
pub mod list_queue;
pub mod mark_officer_messages_read;
pub mod post_officer_message;
pub mod publish_status_note;
pub mod reopen_case;
pub mod start_case;
pub mod upload_officer_message_attachment;

use api_types::OfficerCaseResponse;

use crate::cases::officer::{self, Step};
use crate::cases::views;
use crate::error::ApiError;
use crate::staff::StaffMember;
use crate::state::AppState;

/// Carries out `step` and answers with the case as it is now.
pub async fn handle_and_show(
    state: &AppState,
    member: &StaffMember,
    case_id: uuid::Uuid,
    version: Option<u32>,
    step: Step,
) -> Result<OfficerCaseResponse, ApiError> {
    let case =
        officer::handle(&state.db, member, case_id, version, step, state.clock.now()).await?;
    let definition =
        crate::eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    views::officer_case_response(&state.db, &case, &definition).await
}
