//! [`apply`], [`start_draft`] and [`replay`]: how events make the state.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Actor, ApplyError, CaseEvent, CaseEventKind, CasePhase, CaseState, CaseStatus};

/// Folds `event` into `state`.
///
/// Returns `Ok(None)` when the event removes the case ([`DraftDeleted`] and
/// [`DraftExpired`]): there is no state left to describe.
///
/// [`DraftDeleted`]: CaseEventKind::DraftDeleted
/// [`DraftExpired`]: CaseEventKind::DraftExpired
///
/// # Errors
///
/// [`ApplyError`] when the event cannot follow the state, which means a
/// corrupt or reordered history; silently ignoring it would hide the fault.
pub fn apply(state: &CaseState, event: &CaseEvent) -> Result<Option<CaseState>, ApplyError> {
    use CaseEventKind as K;
    use CasePhase as P;

    let mismatch = ApplyError {
        from: state.status(),
        event: event.kind.name(),
    };
    let with_phase = |phase| {
        Ok(Some(CaseState {
            phase,
            ..state.clone()
        }))
    };
    let revision = state.revision.saturating_add(1);
    let changed_draft = |answers_revision| {
        Ok(Some(CaseState {
            owner_id: state.owner_id,
            revision,
            answers_revision,
            phase: P::Draft { signed: false },
        }))
    };

    match (&state.phase, &event.kind) {
        (P::Draft { .. }, K::AnswersSaved) => changed_draft(revision),
        (P::Draft { .. }, K::AttachmentAdded { .. } | K::AttachmentRemoved { .. }) => {
            changed_draft(state.answers_revision)
        }
        (P::Draft { .. }, K::DraftSigned) => with_phase(P::Draft { signed: true }),
        (P::Draft { .. }, K::CaseSubmitted) => with_phase(P::Submitted { assigned_to: None }),
        (P::Draft { .. }, K::CosignatureRequested { cosigners }) => {
            with_phase(P::AwaitingCosignature {
                pending: cosigners.clone(),
            })
        }
        (P::AwaitingCosignature { pending }, K::CaseCosigned { cosigner_id, .. }) => {
            if !pending.contains(cosigner_id) {
                return Err(mismatch);
            }
            let mut pending = pending.clone();
            pending.remove(cosigner_id);
            if pending.is_empty() {
                with_phase(P::Submitted { assigned_to: None })
            } else {
                with_phase(P::AwaitingCosignature { pending })
            }
        }
        (
            P::AwaitingCosignature { .. },
            K::CosignatureDeclined { .. } | K::CosignatureExpired | K::CosignatureWithdrawn,
        ) => with_phase(P::Draft { signed: false }),
        (P::Submitted { .. }, K::HandlingStarted { officer_id }) => with_phase(P::InProgress {
            officer_id: *officer_id,
        }),
        (P::Submitted { .. }, K::CaseAssigned { officer_id }) => with_phase(P::Submitted {
            assigned_to: Some(*officer_id),
        }),
        (P::InProgress { .. }, K::CaseAssigned { officer_id }) => with_phase(P::InProgress {
            officer_id: *officer_id,
        }),
        (P::Submitted { .. } | P::InProgress { .. }, K::StatusNotePublished { .. })
        | (
            P::Submitted { .. } | P::InProgress { .. } | P::Closed { .. },
            K::MessagePosted { .. },
        ) => with_phase(state.phase.clone()),
        (P::Submitted { .. } | P::InProgress { .. }, K::CaseClosed { outcome, .. }) => {
            with_phase(P::Closed {
                outcome: *outcome,
                closed_at: event.at,
            })
        }
        (P::Closed { .. }, K::CaseReopened { officer_id, .. }) => with_phase(P::InProgress {
            officer_id: *officer_id,
        }),
        (P::Draft { .. }, K::DraftDeleted | K::DraftExpired) => Ok(None),
        (
            P::Draft { .. }
            | P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            K::DraftCreated
            | K::AnswersSaved
            | K::AttachmentAdded { .. }
            | K::AttachmentRemoved { .. }
            | K::DraftSigned
            | K::CaseSubmitted
            | K::CosignatureRequested { .. }
            | K::CaseCosigned { .. }
            | K::CosignatureDeclined { .. }
            | K::CosignatureExpired
            | K::CosignatureWithdrawn
            | K::HandlingStarted { .. }
            | K::CaseClosed { .. }
            | K::CaseReopened { .. }
            | K::DraftDeleted
            | K::DraftExpired
            | K::CaseAssigned { .. }
            | K::StatusNotePublished { .. }
            | K::MessagePosted { .. },
        ) => Err(mismatch),
    }
}

/// Starts a case: the new draft owned by `owner_id` and the [`CaseEventKind::DraftCreated`]
/// event that records it, which is always the first event of a case.
#[must_use]
pub const fn start_draft(owner_id: Uuid, at: DateTime<Utc>) -> (CaseState, CaseEvent) {
    (
        CaseState::new_draft(owner_id),
        CaseEvent {
            at,
            actor: Actor::Citizen { id: owner_id },
            kind: CaseEventKind::DraftCreated,
        },
    )
}

/// Rebuilds a case's state from its whole history: the first event must be
/// [`CaseEventKind::DraftCreated`], every later one is folded in with [`apply`].
/// `Ok(None)` when the history ends with the case removed (or is empty).
///
/// # Errors
///
/// [`ApplyError`] when the history is not one that [`decide`] could have produced.
pub fn replay<'a>(
    events: impl IntoIterator<Item = &'a CaseEvent>,
) -> Result<Option<CaseState>, ApplyError> {
    let mut events = events.into_iter();
    let Some(first) = events.next() else {
        return Ok(None);
    };
    let (CaseEventKind::DraftCreated, Actor::Citizen { id: owner_id }) = (&first.kind, first.actor)
    else {
        return Err(ApplyError {
            from: CaseStatus::Draft,
            event: first.kind.name(),
        });
    };
    let mut state = CaseState::new_draft(owner_id);
    for event in events {
        match apply(&state, event)? {
            Some(next) => state = next,
            None => return Ok(None),
        }
    }
    Ok(Some(state))
}
