//! Loading and saving cases: ownership checks next to the load, events, case numbers.

pub mod case_numbers;
pub mod idempotency;
pub mod retention;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::entities::{case_events, cases};
use crate::error::ApiError;

/// Loads a case that belongs to `owner_id`. Someone else's case is `not_found`, exactly like a
/// case that does not exist, so ids cannot be probed.
pub async fn load_owned(
    db: &impl ConnectionTrait,
    owner_id: Uuid,
    case_id: Uuid,
) -> Result<cases::Model, ApiError> {
    match cases::Entity::find_by_id(case_id)
        .one(db)
        .await
        .map_err(ApiError::internal)?
    {
        Some(case) if case.owner_id == owner_id => Ok(case),
        _ => Err(ApiError::NotFound),
    }
}

/// Adds an event to a case's history. `data` never holds form values.
pub async fn append_event(
    db: &impl ConnectionTrait,
    case_id: Uuid,
    kind: &str,
    actor_id: Option<Uuid>,
    at: DateTime<Utc>,
    data: serde_json::Value,
) -> Result<(), ApiError> {
    case_events::ActiveModel {
        id: Set(Uuid::new_v4()),
        case_id: Set(case_id),
        kind: Set(kind.to_owned()),
        actor_id: Set(actor_id),
        at: Set(at),
        data: Set(data.to_string()),
    }
    .insert(db)
    .await
    .map_err(ApiError::internal)?;
    Ok(())
}

/// The status of a stored case as the domain type.
pub fn status_of(case: &cases::Model) -> Result<domain::CaseStatus, ApiError> {
    domain::CaseStatus::ALL
        .iter()
        .copied()
        .find(|status| status.as_str() == case.status)
        .ok_or_else(|| ApiError::Internal(format!("unknown case status {:?}", case.status).into()))
}

/// The domain state of a stored case, for deciding a citizen's commands. Phase data that only
/// officers' and co-signers' commands read (the handling officer, the outcome, pending
/// co-signers) is not needed for the owner's commands and is left empty here.
pub fn domain_state(case: &cases::Model) -> Result<domain::CaseState, ApiError> {
    use domain::{CaseOutcome, CasePhase, CaseStatus};
    let phase = match status_of(case)? {
        CaseStatus::Draft => CasePhase::Draft,
        CaseStatus::AwaitingCosignature => CasePhase::AwaitingCosignature {
            pending: std::collections::BTreeSet::new(),
        },
        CaseStatus::Submitted => CasePhase::Submitted,
        CaseStatus::InProgress => CasePhase::InProgress {
            officer_id: Uuid::nil(),
        },
        CaseStatus::Closed => CasePhase::Closed {
            outcome: CaseOutcome::Other,
        },
    };
    Ok(domain::CaseState {
        owner_id: case.owner_id,
        phase,
    })
}

/// A refused transition as the API error the client sees.
pub fn transition_error(error: domain::TransitionError) -> ApiError {
    use domain::TransitionError;
    match error {
        TransitionError::Forbidden { .. } => ApiError::Forbidden { code: "forbidden" },
        TransitionError::CaseIncomplete => ApiError::Validation(Vec::new()),
        TransitionError::SignatureRequired => ApiError::Conflict {
            code: "signature_required",
            detail: "This e-service must be signed with BankID before it is submitted.".into(),
            detail_sv: "E-tjänsten måste signeras med BankID innan den skickas in.".into(),
        },
        other => ApiError::Conflict {
            code: other.code(),
            detail: other.to_string(),
            detail_sv: match other {
                TransitionError::IllegalTransition { .. } => {
                    "Det går inte att göra så med ärendet i dess nuvarande läge.".into()
                }
                _ => "Ärendet kan inte ändras på det sättet.".into(),
            },
        },
    }
}
