//! Cases as the API shows them to their owner: the full case with files and history, the list
//! line, files and field errors.

use api_types::{AttachmentResponse, CaseEventResponse, CaseResponse, CaseSummary, FieldError};
use eservice::EServiceDefinition;
use sea_orm::ConnectionTrait;

use super::drafts::{answers_of, files_of};
use crate::entities::{attachments, cases};
use crate::error::ApiError;
use crate::routes::eservices::localized;

/// The Mina sidor list a case is shown in.
pub fn group_of(case: &cases::Model) -> domain::CaseGroup {
    domain::CaseStatus::from(case.status).group()
}

/// The domain status of a stored case.
pub fn status_name(case: &cases::Model) -> domain::CaseStatus {
    case.status.into()
}

/// The full view of a case for its owner; the history is the stored domain events in order.
pub async fn case_response(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    definition: &EServiceDefinition,
) -> Result<CaseResponse, ApiError> {
    let files = files_of(db, case.id).await?;
    let history = super::history(db, case.id).await?;
    Ok(CaseResponse {
        id: case.id.into(),
        eservice_slug: case.e_service_slug.clone(),
        eservice_version: u32::try_from(case.e_service_version)
            .unwrap_or_default()
            .into(),
        eservice_title: localized(definition.title()),
        status: status_name(case),
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
                kind: event.kind.name().to_owned(),
                at: event.at.to_rfc3339(),
            })
            .collect(),
    })
}

/// The list line of a case.
pub fn case_summary(case: &cases::Model, title: api_types::Localized<String>) -> CaseSummary {
    CaseSummary {
        id: case.id.into(),
        eservice_slug: case.e_service_slug.clone(),
        eservice_title: title,
        status: status_name(case),
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
        id: file.id.into(),
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
