//! The case service: the one place a case changes. Every change is a domain command: the
//! domain decides, the returned event is stored, `apply` gives the next state, and the state is
//! stored, all in the caller's transaction ([`record`]). Ownership is checked here, next to the
//! load, for cases, files and signings alike ([`load_owned`], [`load_owned_attachment`],
//! [`load_owned_signing`]).

pub mod case_numbers;
pub mod drafts;
pub mod idempotency;
pub mod messages;
pub mod officer;
pub mod queue;
pub mod retention;
pub mod signing;
pub mod views;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use domain::{Actor, ActorRole, CaseCommand, CaseEvent, CasePhase, CaseState};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entities::{attachments, case_events, case_signatures, cases};
use crate::error::{ApiError, ErrorCode};

/// What the case service can fail with. Mapped to HTTP in one place (`From<CaseError> for
/// ApiError` below); handlers and services that answer HTTP convert with `?`.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// No such case (or file, or signing) of this user.
    #[error("not found")]
    NotFound,
    /// The domain refused the command.
    #[error("refused: {0}")]
    Refused(#[from] domain::TransitionError),
    /// Another change of the same case got in first.
    #[error("another change of the case got in first")]
    Concurrent,
    /// The stored case cannot be what the domain made (a bug or a hand-edited row).
    #[error("the stored case is inconsistent: {0}")]
    Inconsistent(String),
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
}

impl CaseError {
    fn inconsistent(error: impl std::fmt::Display) -> Self {
        Self::Inconsistent(error.to_string())
    }
}

impl From<CaseError> for ApiError {
    fn from(error: CaseError) -> Self {
        match error {
            CaseError::NotFound => Self::NotFound,
            CaseError::Refused(refusal) => transition_error(refusal),
            CaseError::Concurrent => edit_conflict(),
            inconsistent @ CaseError::Inconsistent(_) => Self::internal(inconsistent),
            CaseError::Database(error) => Self::internal(error),
        }
    }
}

/// Loads a case that belongs to `owner_id`. Someone else's case is `not_found`, exactly like a
/// case that does not exist, so ids cannot be probed.
pub async fn load_owned(
    db: &impl ConnectionTrait,
    owner_id: Uuid,
    case_id: Uuid,
) -> Result<cases::Model, CaseError> {
    owned(
        cases::Entity::find_by_id(case_id)
            .one(db)
            .await
            .map_err(CaseError::inconsistent)?,
        owner_id,
    )
}

/// Like [`load_owned`], inside a transaction that is about to change the case: on PostgreSQL
/// the row stays locked until the transaction ends, so concurrent changes of one case queue up
/// and each decides on the state the previous one left. (SQLite has a single writer.)
pub async fn load_owned_for_update(
    db: &impl ConnectionTrait,
    owner_id: Uuid,
    case_id: Uuid,
) -> Result<cases::Model, CaseError> {
    let mut query = cases::Entity::find_by_id(case_id);
    if db.get_database_backend() == DbBackend::Postgres {
        query = query.lock_exclusive();
    }
    owned(
        query.one(db).await.map_err(CaseError::inconsistent)?,
        owner_id,
    )
}

/// Loads a file that belongs to `owner_id`; anybody else's is `not_found`.
pub async fn load_owned_attachment(
    db: &impl ConnectionTrait,
    owner_id: Uuid,
    attachment_id: Uuid,
) -> Result<attachments::Model, CaseError> {
    attachments::Entity::find_by_id(attachment_id)
        .one(db)
        .await
        .map_err(CaseError::inconsistent)?
        .filter(|file| file.owner_id == owner_id)
        .ok_or(CaseError::NotFound)
}

/// Loads a signing that `user_id` must sign; anybody else's is `not_found`.
pub async fn load_owned_signing(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    signing_id: Uuid,
) -> Result<case_signatures::Model, CaseError> {
    case_signatures::Entity::find_by_id(signing_id)
        .one(db)
        .await
        .map_err(CaseError::inconsistent)?
        .filter(|signing| signing.user_id == user_id)
        .ok_or(CaseError::NotFound)
}

fn owned(case: Option<cases::Model>, owner_id: Uuid) -> Result<cases::Model, CaseError> {
    match case {
        Some(case) if case.owner_id == owner_id => Ok(case),
        _ => Err(CaseError::NotFound),
    }
}

/// The domain state of a stored case.
pub fn state_of(case: &cases::Model) -> Result<CaseState, CaseError> {
    let inconsistent =
        |what: &str| CaseError::Inconsistent(format!("case {} is inconsistent: {what}", case.id));
    let phase = match domain::CaseStatus::from(case.status) {
        domain::CaseStatus::Draft => CasePhase::Draft {
            signed: case.applicant_signed,
        },
        domain::CaseStatus::AwaitingCosignature => CasePhase::AwaitingCosignature {
            pending: case
                .pending_cosigners
                .as_deref()
                .map(serde_json::from_str::<BTreeSet<Uuid>>)
                .transpose()
                .map_err(CaseError::inconsistent)?
                .filter(|pending| !pending.is_empty())
                .ok_or_else(|| inconsistent("no pending co-signers"))?,
        },
        domain::CaseStatus::Submitted => CasePhase::Submitted {
            assigned_to: case.assigned_officer_id,
        },
        domain::CaseStatus::InProgress => CasePhase::InProgress {
            officer_id: case
                .assigned_officer_id
                .ok_or_else(|| inconsistent("in progress without an officer"))?,
        },
        domain::CaseStatus::Closed => CasePhase::Closed {
            outcome: case
                .outcome
                .ok_or_else(|| inconsistent("closed without an outcome"))?
                .into(),
            closed_at: case
                .closed_at
                .ok_or_else(|| inconsistent("closed without a closing time"))?,
        },
    };
    Ok(CaseState {
        owner_id: case.owner_id,
        revision: u32::try_from(case.lock_version).map_err(CaseError::inconsistent)?,
        answers_revision: u32::try_from(case.answers_revision).map_err(CaseError::inconsistent)?,
        phase,
    })
}

/// Writes `state` into the columns of `row` (status, revision and the phase data; columns of
/// other phases are cleared).
fn store_state(row: &mut cases::ActiveModel, state: &CaseState) -> Result<(), CaseError> {
    row.status = Set(state.status().into());
    row.lock_version = Set(i32::try_from(state.revision).map_err(CaseError::inconsistent)?);
    row.answers_revision =
        Set(i32::try_from(state.answers_revision).map_err(CaseError::inconsistent)?);
    row.applicant_signed = Set(matches!(state.phase, CasePhase::Draft { signed: true }));
    row.outcome = Set(None);
    row.closed_at = Set(None);
    row.pending_cosigners = Set(None);
    match &state.phase {
        CasePhase::Draft { .. } => row.assigned_officer_id = Set(None),
        CasePhase::AwaitingCosignature { pending } => {
            row.assigned_officer_id = Set(None);
            row.pending_cosigners = Set(Some(
                serde_json::to_string(pending).map_err(CaseError::inconsistent)?,
            ));
        }
        CasePhase::Submitted { assigned_to } => row.assigned_officer_id = Set(*assigned_to),
        CasePhase::InProgress { officer_id } => row.assigned_officer_id = Set(Some(*officer_id)),
        // A closed case keeps the officer who last handled it ("my closed cases"): the
        // column is left as it is.
        CasePhase::Closed { outcome, closed_at } => {
            row.outcome = Set(Some((*outcome).into()));
            row.closed_at = Set(Some(*closed_at));
        }
    }
    Ok(())
}

/// Starts a case: the domain's new draft and its `draft_created` event, stored together.
/// `row` carries the case's other columns (id, e-service, answers, expiry).
pub async fn start(
    db: &impl ConnectionTrait,
    mut row: cases::ActiveModel,
    owner_id: Uuid,
    now: DateTime<Utc>,
) -> Result<cases::Model, CaseError> {
    let (state, event) = domain::start_draft(owner_id, now);
    store_state(&mut row, &state)?;
    row.owner_id = Set(owner_id);
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.last_event_seq = Set(1);
    let case = row.insert(db).await.map_err(CaseError::inconsistent)?;
    insert_event(db, case.id, 1, &event).await?;
    Ok(case)
}

/// What [`record`] did: the stored event and the case after it (`None`: the case is gone).
#[derive(Debug)]
pub struct Recorded {
    /// The domain's event, as stored.
    pub event: CaseEvent,
    /// The stored case after the event; `None` when the event removed it.
    pub case: Option<cases::Model>,
}

/// Carries out `command` on `case`: decide, store the event, apply, store the state, with the
/// other column changes in `changes` (answers, case number, …). Call it inside a transaction
/// that loaded `case` with [`load_owned_for_update`]; the update only applies if no other
/// change got in between (the case's event count is compared and moved on), otherwise the
/// answer is `edit_conflict`.
pub async fn record(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    mut changes: cases::ActiveModel,
    actor: Actor,
    command: CaseCommand,
    now: DateTime<Utc>,
) -> Result<Recorded, CaseError> {
    let state = state_of(case)?;
    let event = domain::decide(&state, command, now, actor)?;
    let next = domain::apply(&state, &event).map_err(CaseError::inconsistent)?;
    let sequence = case.last_event_seq + 1;
    let guard = || {
        Condition::all()
            .add(cases::Column::Id.eq(case.id))
            .add(cases::Column::LastEventSeq.eq(case.last_event_seq))
    };
    let Some(next) = next else {
        let deleted = cases::Entity::delete_many()
            .filter(guard())
            .exec(db)
            .await
            .map_err(CaseError::inconsistent)?;
        if deleted.rows_affected != 1 {
            return Err(CaseError::Concurrent);
        }
        tracing::info!(case_id = %case.id, event = event.kind.name(), actor = %actor.role(), "case removed");
        return Ok(Recorded { event, case: None });
    };
    store_state(&mut changes, &next)?;
    changes.id = NotSet;
    changes.updated_at = Set(now);
    changes.last_event_seq = Set(sequence);
    let updated = cases::Entity::update_many()
        .set(changes)
        .filter(guard())
        .exec(db)
        .await
        .map_err(CaseError::inconsistent)?;
    if updated.rows_affected != 1 {
        return Err(CaseError::Concurrent);
    }
    insert_event(db, case.id, sequence, &event).await?;
    let stored = cases::Entity::find_by_id(case.id)
        .one(db)
        .await
        .map_err(CaseError::inconsistent)?
        .ok_or_else(|| CaseError::Inconsistent("the updated case vanished".into()))?;
    // The owner's notice, in the same transaction: written with the change or not at all.
    if let Some(kind) = event.kind.owner_notice(&event.actor) {
        crate::notify::to_owner(db, &stored, kind, now).await?;
    }
    Ok(Recorded {
        event,
        case: Some(stored),
    })
}

async fn insert_event(
    db: &impl ConnectionTrait,
    case_id: Uuid,
    sequence: i32,
    event: &CaseEvent,
) -> Result<(), CaseError> {
    let (role, actor_id) = match event.actor {
        Actor::Citizen { id } | Actor::Cosigner { id } | Actor::Officer { id } => {
            (event.actor.role(), Some(id))
        }
        Actor::System => (ActorRole::System, None),
    };
    case_events::ActiveModel {
        id: Set(Uuid::new_v4()),
        case_id: Set(case_id),
        kind: Set(event.kind.name().to_owned()),
        actor_id: Set(actor_id),
        actor_role: Set(role.as_str().to_owned()),
        at: Set(event.at),
        sequence: Set(sequence),
        data: Set(serde_json::to_string(&event.kind).map_err(CaseError::inconsistent)?),
    }
    .insert(db)
    .await
    .map_err(CaseError::inconsistent)?;
    Ok(())
}

/// A case's stored history as the domain's events, in order.
pub async fn history(
    db: &impl ConnectionTrait,
    case_id: Uuid,
) -> Result<Vec<CaseEvent>, CaseError> {
    case_events::Entity::find()
        .filter(case_events::Column::CaseId.eq(case_id))
        .order_by_asc(case_events::Column::Sequence)
        .all(db)
        .await
        .map_err(CaseError::inconsistent)?
        .iter()
        .map(event_of)
        .collect()
}

fn event_of(row: &case_events::Model) -> Result<CaseEvent, CaseError> {
    let id = || {
        row.actor_id
            .ok_or_else(|| CaseError::Inconsistent(format!("event {} has no actor", row.id)))
    };
    let actor = match row.actor_role.as_str() {
        role if role == ActorRole::Citizen.as_str() => Actor::Citizen { id: id()? },
        role if role == ActorRole::Cosigner.as_str() => Actor::Cosigner { id: id()? },
        role if role == ActorRole::Officer.as_str() => Actor::Officer { id: id()? },
        role if role == ActorRole::System.as_str() => Actor::System,
        other => {
            return Err(CaseError::Inconsistent(format!(
                "event {} has an unknown actor role {other:?}",
                row.id
            )));
        }
    };
    Ok(CaseEvent {
        at: row.at,
        actor,
        kind: serde_json::from_str(&row.data).map_err(CaseError::inconsistent)?,
    })
}

/// Gives cases submitted before officers existed the officer group of the definition they were
/// filed on (a no-op once done).
pub async fn backfill_officer_groups(db: &sea_orm::DatabaseConnection) -> Result<(), ApiError> {
    let pending = cases::Entity::find()
        .filter(cases::Column::OfficerGroup.is_null())
        .filter(cases::Column::SubmittedAt.is_not_null())
        .all(db)
        .await
        .map_err(ApiError::internal)?;
    for case in pending {
        let definition =
            crate::eservices::version(db, &case.e_service_slug, case.e_service_version).await?;
        cases::Entity::update_many()
            .col_expr(
                cases::Column::OfficerGroup,
                sea_orm::sea_query::Expr::value(definition.settings().officer_group.clone()),
            )
            .filter(cases::Column::Id.eq(case.id))
            .exec(db)
            .await
            .map_err(ApiError::internal)?;
    }
    Ok(())
}

/// The answer when another change of the case got in first.
pub fn edit_conflict() -> ApiError {
    ApiError::Conflict {
        code: crate::error::ErrorCode::EditConflict,
        detail: "The case was changed elsewhere (another tab or device). Reload it to continue."
            .into(),
        detail_sv: "Ärendet har ändrats någon annanstans (en annan flik eller enhet). Ladda om \
                    det för att fortsätta."
            .into(),
    }
}

/// A refused transition as the API error the client sees.
pub fn transition_error(error: domain::TransitionError) -> ApiError {
    use domain::TransitionError;
    match error {
        TransitionError::Forbidden { .. } => ApiError::Forbidden {
            code: crate::error::ErrorCode::Forbidden,
        },
        TransitionError::CaseIncomplete => ApiError::Validation(Vec::new()),
        TransitionError::EditConflict => edit_conflict(),
        TransitionError::TooManyFiles { max } => {
            ApiError::Validation(vec![api_types::FieldError {
                field: String::new(),
                code: "too_many_files".into(),
                message: format!("You can attach at most {max} files here."),
                message_sv: format!("Du kan bifoga högst {max} filer här."),
            }])
        }
        TransitionError::SignatureRequired => ApiError::Conflict {
            code: crate::error::ErrorCode::SignatureRequired,
            detail: "This e-service must be signed with BankID (after the last change) before it \
                     is submitted."
                .into(),
            detail_sv: "E-tjänsten måste signeras med BankID (efter den senaste ändringen) innan \
                        den skickas in."
                .into(),
        },
        TransitionError::DraftChangedDuringSigning => ApiError::Conflict {
            code: crate::error::ErrorCode::DraftChanged,
            detail: "The draft changed while it was being signed. Review it and sign again.".into(),
            detail_sv: "Utkastet ändrades under signeringen. Granska det och signera igen.".into(),
        },
        TransitionError::IllegalTransition {
            command:
                domain::CaseCommandKind::SaveAnswers
                | domain::CaseCommandKind::AddAttachment
                | domain::CaseCommandKind::RemoveAttachment
                | domain::CaseCommandKind::RecordSignature,
            ..
        } => ApiError::Conflict {
            code: crate::error::ErrorCode::CaseNotEditable,
            detail: "The case has been submitted and can no longer be changed.".into(),
            detail_sv: "Ärendet är inskickat och kan inte längre ändras.".into(),
        },
        TransitionError::IllegalTransition { .. } => ApiError::Conflict {
            code: crate::error::ErrorCode::IllegalTransition,
            detail: error.to_string(),
            detail_sv: "Det går inte att göra så med ärendet i dess nuvarande läge.".into(),
        },
        TransitionError::MessagingClosed { days } => ApiError::Conflict {
            code: ErrorCode::MessagingClosed,
            detail: format!(
                "The case was closed more than {days} days ago, so messages can no longer be \
                 sent. Start a new case or contact the municipality."
            ),
            detail_sv: format!(
                "Ärendet avslutades för mer än {days} dagar sedan, så det går inte längre att \
                 skicka meddelanden. Gör ett nytt ärende eller kontakta kommunen."
            ),
        },
        TransitionError::TextRequired => ApiError::Validation(vec![api_types::FieldError {
            field: "text".into(),
            code: "required".into(),
            message: "Write the note first.".into(),
            message_sv: "Skriv anteckningen först.".into(),
        }]),
        TransitionError::ReasonRequired => ApiError::Validation(vec![api_types::FieldError {
            field: "reason".into(),
            code: "required".into(),
            message: "Give the reason.".into(),
            message_sv: "Ange skälet.".into(),
        }]),
        TransitionError::CosignersRequired | TransitionError::OwnerListedAsCosigner => {
            ApiError::Conflict {
                code: match error {
                    TransitionError::CosignersRequired => ErrorCode::CosignersRequired,
                    _ => ErrorCode::OwnerListedAsCosigner,
                },
                detail: error.to_string(),
                detail_sv: "Ärendet kan inte ändras på det sättet.".into(),
            }
        }
    }
}
