//! The officer's side of a case: who may see it (an officer of the group the case was filed
//! to; anyone else gets `not_found`), and the handling steps, each a domain command recorded
//! with its audit entry and its notification in one transaction.

use chrono::{DateTime, Utc};
use domain::{Actor, CaseCommand, CaseOutcome};
use sea_orm::TransactionTrait;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QuerySelect};
use uuid::Uuid;

use super::{CaseError, record};
use crate::audit::{self, Action};
use crate::entities::{cases, staff};
use crate::error::ApiError;
use crate::staff::StaffMember;

/// Who is looking at a case: its owner, or an officer.
#[derive(Debug, Clone, Copy)]
pub enum Reader<'a> {
    /// The citizen who owns it.
    Owner(Uuid),
    /// An officer (must be of the case's group).
    Officer(&'a StaffMember),
}

impl Reader<'_> {
    /// The domain actor.
    pub fn actor(self) -> Actor {
        match self {
            Self::Owner(id) => Actor::Citizen { id },
            Self::Officer(member) => Actor::Officer { id: member.id() },
        }
    }

    /// Whether the reader may see `case`.
    pub fn may_see(self, case: &cases::Model) -> bool {
        match self {
            Self::Owner(id) => case.owner_id == id,
            Self::Officer(member) => {
                !matches!(
                    case.status,
                    cases::Status::Draft | cases::Status::AwaitingCosignature
                ) && case
                    .officer_group
                    .as_deref()
                    .is_some_and(|group| member.handles(group))
            }
        }
    }
}

/// Loads a case `reader` may see; any other is `not_found`. With `for_update` (inside a
/// transaction) the row stays locked on PostgreSQL until the transaction ends.
pub async fn load(
    db: &impl ConnectionTrait,
    reader: Reader<'_>,
    case_id: Uuid,
    for_update: bool,
) -> Result<cases::Model, CaseError> {
    let mut query = cases::Entity::find_by_id(case_id);
    if for_update && db.get_database_backend() == DbBackend::Postgres {
        query = query.lock_exclusive();
    }
    query
        .one(db)
        .await?
        .filter(|case| reader.may_see(case))
        .ok_or(CaseError::NotFound)
}

/// A handling step.
#[derive(Debug, Clone)]
pub enum Step {
    /// Assign to an officer of the case's group.
    Assign(Uuid),
    /// Start handling (assigned officer, or the acting one).
    Start,
    /// Publish a status note.
    StatusNote(String),
    /// Close.
    Close(CaseOutcome, Option<String>),
    /// Reopen.
    Reopen(String),
}

/// `edit_conflict` when the officer acted on another version of the case than the current.
pub fn check_version(case: &cases::Model, version: Option<u32>) -> Result<(), CaseError> {
    match version {
        Some(seen) if i64::from(seen) != i64::from(case.last_event_seq) => {
            Err(CaseError::Concurrent)
        }
        _ => Ok(()),
    }
}

/// Carries out a handling step for `member`, with its audit entry and (for notes and closing)
/// the citizen's notification, in one transaction.
pub async fn handle(
    db: &DatabaseConnection,
    member: &StaffMember,
    case_id: Uuid,
    version: Option<u32>,
    step: Step,
    now: DateTime<Utc>,
) -> Result<cases::Model, ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    let case = load(&txn, Reader::Officer(member), case_id, true).await?;
    check_version(&case, version)?;
    let (command, action) = match step {
        Step::Assign(officer_id) => {
            let group = case.officer_group.clone().unwrap_or_default();
            let target = staff::Entity::find_by_id(officer_id)
                .one(&txn)
                .await
                .map_err(ApiError::internal)?;
            let target = match target {
                Some(account) if account.disabled_at.is_none() => {
                    crate::staff::member(&txn, account)
                        .await
                        .map_err(ApiError::internal)?
                }
                _ => None,
            };
            if !target.is_some_and(|target| target.handles(&group)) {
                return Err(ApiError::Validation(vec![api_types::FieldError {
                    field: "officer_id".into(),
                    code: "not_an_officer_of_the_group".into(),
                    message: "Choose an officer who handles this e-service's cases.".into(),
                    message_sv: "Välj en handläggare som handlägger den här e-tjänstens ärenden."
                        .into(),
                }]));
            }
            (CaseCommand::Assign { officer_id }, Action::CaseAssigned)
        }
        Step::Start => (
            CaseCommand::StartHandling {
                officer_id: case.assigned_officer_id.unwrap_or(member.id()),
            },
            Action::HandlingStarted,
        ),
        Step::StatusNote(text) => (
            CaseCommand::PublishStatusNote { text },
            Action::StatusNotePublished,
        ),
        Step::Close(outcome, decision) => {
            (CaseCommand::Close { outcome, decision }, Action::CaseClosed)
        }
        Step::Reopen(reason) => (CaseCommand::Reopen { reason }, Action::CaseReopened),
    };
    let subject = match &command {
        CaseCommand::Assign { officer_id } => Some(officer_id.to_string()),
        _ => None,
    };
    let recorded = record(
        &txn,
        &case,
        cases::ActiveModel::default(),
        Actor::Officer { id: member.id() },
        command,
        now,
    )
    .await?;
    let updated = recorded
        .case
        .ok_or_else(|| ApiError::Internal("a handling step removed a case".into()))?;
    audit::record(&txn, member.id(), action, Some(case.id), subject, now)
        .await
        .map_err(ApiError::internal)?;
    txn.commit().await.map_err(ApiError::internal)?;
    tracing::info!(staff_id = %member.id(), case_id = %case.id, action = action.as_str(), "case handled");
    Ok(updated)
}
