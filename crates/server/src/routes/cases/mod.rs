//! A citizen's cases: drafts (create, save, validate, delete, attachments), submission, and the
//! lists and history of Mina sidor.

pub mod create_draft;
pub mod delete_attachment;
pub mod delete_draft;
pub mod download_attachment;
pub mod get_case;
pub mod list_cases;
pub mod save_draft;
pub mod submit_draft;
pub mod upload_attachment;
pub mod validate_draft;

use api_types::{AttachmentResponse, CaseEventResponse, CaseResponse, CaseSummary, FieldError};
use eservice::EServiceDefinition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Map, Value};

use crate::entities::{attachments, case_events, cases};
use crate::error::ApiError;
use crate::routes::eservices::localized;

/// The stored answers of a case.
pub fn answers_of(case: &cases::Model) -> Map<String, Value> {
    serde_json::from_str(&case.answers).unwrap_or_default()
}

/// `saved`, `ongoing` or `closed` for a stored status.
pub fn group_of(case: &cases::Model) -> String {
    crate::cases::status_of(case)
        .map(|status| {
            match status.group() {
                domain::CaseGroup::Saved => "saved",
                domain::CaseGroup::Ongoing => "ongoing",
                domain::CaseGroup::Closed => "closed",
            }
            .to_owned()
        })
        .unwrap_or_else(|_| "ongoing".into())
}

/// The full view of a case for its owner.
pub async fn case_response(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    definition: &EServiceDefinition,
) -> Result<CaseResponse, ApiError> {
    let files = attachments::Entity::find()
        .filter(attachments::Column::CaseId.eq(case.id))
        .order_by_asc(attachments::Column::CreatedAt)
        .all(db)
        .await
        .map_err(ApiError::internal)?;
    let history = case_events::Entity::find()
        .filter(case_events::Column::CaseId.eq(case.id))
        .order_by_asc(case_events::Column::At)
        .all(db)
        .await
        .map_err(ApiError::internal)?;
    Ok(CaseResponse {
        id: case.id.to_string(),
        eservice_slug: case.e_service_slug.clone(),
        eservice_version: u32::try_from(case.e_service_version).unwrap_or_default(),
        eservice_title: localized(definition.title()),
        status: case.status.clone(),
        group: group_of(case),
        case_number: case.case_number.clone(),
        answers: answers_of(case),
        lock_version: case.lock_version,
        created_at: case.created_at.to_rfc3339(),
        updated_at: case.updated_at.to_rfc3339(),
        submitted_at: case.submitted_at.map(|at| at.to_rfc3339()),
        expires_at: case.expires_at.map(|at| at.to_rfc3339()),
        attachments: files.iter().map(attachment_response).collect(),
        history: history
            .iter()
            .map(|event| CaseEventResponse {
                kind: event.kind.clone(),
                at: event.at.to_rfc3339(),
            })
            .collect(),
    })
}

/// The list line of a case.
pub fn case_summary(case: &cases::Model, title: api_types::Localized<String>) -> CaseSummary {
    CaseSummary {
        id: case.id.to_string(),
        eservice_slug: case.e_service_slug.clone(),
        eservice_title: title,
        status: case.status.clone(),
        group: group_of(case),
        case_number: case.case_number.clone(),
        updated_at: case.updated_at.to_rfc3339(),
        submitted_at: case.submitted_at.map(|at| at.to_rfc3339()),
        expires_at: case.expires_at.map(|at| at.to_rfc3339()),
    }
}

/// The public view of an attachment.
pub fn attachment_response(file: &attachments::Model) -> AttachmentResponse {
    AttachmentResponse {
        id: file.id.to_string(),
        field_id: file.field_id.clone(),
        file_name: file.file_name.clone(),
        content_type: file.content_type.clone(),
        size_bytes: u64::try_from(file.size_bytes).unwrap_or_default(),
    }
}

/// The validation errors in the API's shape.
pub fn field_errors(errors: Vec<eservice::AnswerError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|error| FieldError {
            field: error.field,
            code: error.code.into(),
            message: error.message_en,
            message_sv: error.message_sv,
        })
        .collect()
}

/// Only drafts can be changed by the citizen.
pub fn ensure_draft(case: &cases::Model) -> Result<(), ApiError> {
    if case.status == "draft" {
        Ok(())
    } else {
        Err(ApiError::Conflict {
            code: "case_not_editable",
            detail: "The case has been submitted and can no longer be changed.".into(),
            detail_sv: "Ärendet är inskickat och kan inte längre ändras.".into(),
        })
    }
}
