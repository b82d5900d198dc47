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
    let status = status_name(case);
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
        draft_step: (case.status == cases::Status::Draft)
            .then(|| case.draft_step.clone())
            .flatten(),
        attachments: files.iter().map(attachment_response).collect(),
        history: history
            .iter()
            // The thread shows messages; the history shows what happened to the case.
            .filter(|event| !matches!(event.kind, domain::CaseEventKind::MessagePosted { .. }))
            .map(|event| CaseEventResponse {
                kind: event.kind.name().to_owned(),
                at: event.at.to_rfc3339(),
                text: event_text(&event.kind),
            })
            .collect(),
        outcome: case.outcome.map(Into::into),
        decision: decision_of(&history),
        expected_handling_days: matches!(
            status,
            domain::CaseStatus::Submitted | domain::CaseStatus::InProgress
        )
        .then(|| definition.settings().expected_handling_days)
        .flatten(),
        unread_messages: u32::try_from(case.unread_by_citizen).unwrap_or_default(),
        draft_label: (status == domain::CaseStatus::Draft)
            .then(|| case.draft_label.clone())
            .flatten(),
    })
}

/// The text an event carries for people: a status note, a decision, a reason for reopening.
pub fn event_text(kind: &domain::CaseEventKind) -> Option<String> {
    use domain::CaseEventKind as K;
    match kind {
        K::StatusNotePublished { text } => Some(text.clone()),
        K::CaseClosed { decision, .. } => decision.clone(),
        K::CaseReopened { reason, .. } => Some(reason.clone()),
        _ => None,
    }
}

/// The decision of the latest closing, if the case is closed with one.
pub fn decision_of(history: &[domain::CaseEvent]) -> Option<String> {
    match history
        .iter()
        .rev()
        .find(|event| {
            matches!(
                event.kind,
                domain::CaseEventKind::CaseClosed { .. }
                    | domain::CaseEventKind::CaseReopened { .. }
            )
        })
        .map(|event| &event.kind)
    {
        Some(domain::CaseEventKind::CaseClosed { decision, .. }) => decision.clone(),
        _ => None,
    }
}

/// The columns of a case that its list line needs: never the answers, which can be large.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct ListRow {
    /// See [`cases::Model::id`].
    pub id: uuid::Uuid,
    /// See [`cases::Model::e_service_slug`].
    pub e_service_slug: String,
    /// See [`cases::Model::e_service_version`].
    pub e_service_version: i32,
    /// See [`cases::Model::status`].
    pub status: cases::Status,
    /// See [`cases::Model::case_number`].
    pub case_number: Option<String>,
    /// See [`cases::Model::updated_at`].
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// See [`cases::Model::submitted_at`].
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    /// See [`cases::Model::expires_at`].
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    /// See [`cases::Model::unread_by_citizen`].
    pub unread_by_citizen: i32,
    /// See [`cases::Model::draft_label`].
    pub draft_label: Option<String>,
}

impl ListRow {
    /// The columns to select.
    pub const COLUMNS: [cases::Column; 10] = [
        cases::Column::Id,
        cases::Column::EServiceSlug,
        cases::Column::EServiceVersion,
        cases::Column::Status,
        cases::Column::CaseNumber,
        cases::Column::UpdatedAt,
        cases::Column::SubmittedAt,
        cases::Column::ExpiresAt,
        cases::Column::UnreadByCitizen,
        cases::Column::DraftLabel,
    ];
}

/// The list line of a case.
pub fn case_summary(case: &ListRow, title: api_types::Localized<String>) -> CaseSummary {
    let status: domain::CaseStatus = case.status.into();
    CaseSummary {
        id: case.id.into(),
        eservice_slug: case.e_service_slug.clone(),
        eservice_title: title,
        status,
        group: status.group(),
        case_number: case.case_number.clone(),
        updated_at: case.updated_at.to_rfc3339(),
        submitted_at: case.submitted_at.map(|at| at.to_rfc3339()),
        expires_at: case.expires_at.map(|at| at.to_rfc3339()),
        unread_messages: u32::try_from(case.unread_by_citizen).unwrap_or_default(),
        draft_label: (status == domain::CaseStatus::Draft)
            .then(|| case.draft_label.clone())
            .flatten(),
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

/// The officer's view of a case: answers and files as filed, the applicant, the history with
/// officers' names, the thread and the internal notes.
pub async fn officer_case_response(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    definition: &EServiceDefinition,
) -> Result<api_types::OfficerCaseResponse, ApiError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

    let files = files_of(db, case.id).await?;
    let history = super::history(db, case.id).await?;
    let applicant = crate::entities::users::Entity::find_by_id(case.owner_id)
        .one(db)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::Internal("a case without its applicant".into()))?;
    let officer_ids = history
        .iter()
        .filter_map(|event| match event.actor {
            domain::Actor::Officer { id } => Some(id),
            _ => None,
        })
        .chain(case.assigned_officer_id);
    let officers = crate::staff::accounts_by_id(db, officer_ids)
        .await
        .map_err(ApiError::internal)?;
    let notes = crate::entities::case_notes::Entity::find()
        .filter(crate::entities::case_notes::Column::CaseId.eq(case.id))
        .order_by_asc(crate::entities::case_notes::Column::CreatedAt)
        .all(db)
        .await
        .map_err(ApiError::internal)?;
    let signatures = crate::entities::case_signatures::Entity::find()
        .filter(crate::entities::case_signatures::Column::CaseId.eq(case.id))
        .filter(
            crate::entities::case_signatures::Column::Status
                .eq(crate::auth::bankid_orders::OrderStatus::Complete.as_str()),
        )
        .order_by_asc(crate::entities::case_signatures::Column::StartedAt)
        .all(db)
        .await
        .map_err(ApiError::internal)?;
    let applicant_name = format!("{} {}", applicant.given_name, applicant.surname);
    let digits = applicant.personnummer.0.as_str();
    let personnummer = format!(
        "{}-{}",
        &digits[..8.min(digits.len())],
        &digits[8.min(digits.len())..]
    );
    Ok(api_types::OfficerCaseResponse {
        id: case.id.into(),
        case_number: case.case_number.clone().unwrap_or_default(),
        eservice_slug: case.e_service_slug.clone(),
        eservice_version: u32::try_from(case.e_service_version)
            .unwrap_or_default()
            .into(),
        eservice_title: localized(definition.title()),
        status: status_name(case),
        outcome: case.outcome.map(Into::into),
        decision: decision_of(&history),
        applicant: api_types::ApplicantResponse {
            name: format!("{} {}", applicant.given_name, applicant.surname),
            personnummer,
        },
        assigned_to: case
            .assigned_officer_id
            .and_then(|id| officers.get(&id))
            .map(crate::staff::colleague),
        answers: answers_of(case),
        attachments: files.iter().map(attachment_response).collect(),
        signatures: signatures
            .into_iter()
            .map(|signature| api_types::SignatureResponse {
                // Only the applicant signs today; co-signers come with multi-party signing.
                signer_name: if signature.user_id == case.owner_id {
                    applicant_name.clone()
                } else {
                    String::new()
                },
                signed_at: signature
                    .finished_at
                    .unwrap_or(signature.started_at)
                    .to_rfc3339(),
                signed_digest: signature.answers_digest,
            })
            .collect(),
        submitted_at: case
            .submitted_at
            .map(|at| at.to_rfc3339())
            .unwrap_or_default(),
        version: u32::try_from(case.last_event_seq).unwrap_or_default(),
        history: history
            .iter()
            .filter(|event| !matches!(event.kind, domain::CaseEventKind::MessagePosted { .. }))
            .map(|event| api_types::OfficerHistoryEntry {
                kind: event.kind.name().to_owned(),
                at: event.at.to_rfc3339(),
                actor_role: event.actor.role().as_str().to_owned(),
                actor_name: match event.actor {
                    domain::Actor::Officer { id } => officers
                        .get(&id)
                        .map(|account| account.display_name.clone()),
                    _ => None,
                },
                text: event_text(&event.kind),
            })
            .collect(),
        messages: super::messages::thread(db, case.id).await?,
        notes: notes
            .into_iter()
            .map(|note| api_types::NoteResponse {
                author_name: note.author_name,
                body: note.body,
                created_at: note.created_at.to_rfc3339(),
            })
            .collect(),
    })
}
