//! [`decide`]: the transition table, every (phase, command) pair written out.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Actor, CaseCommand, CaseEvent, CaseEventKind, CasePhase, CaseState, TransitionError};

/// Checks `command`, issued by `actor` at `at`, against `state`.
///
/// Checks run in a fixed order so that callers get the most useful error:
/// first whether the command is possible in this status at all
/// ([`TransitionError::IllegalTransition`]), then whether this actor may
/// issue it ([`TransitionError::Forbidden`]), then command-specific
/// preconditions.
///
/// # Errors
///
/// A [`TransitionError`] when the command is rejected; the state is never
/// changed by this function.
pub fn decide(
    state: &CaseState,
    command: CaseCommand,
    at: DateTime<Utc>,
    actor: Actor,
) -> Result<CaseEvent, TransitionError> {
    use CaseCommand as C;
    use CasePhase as P;

    let from = state.status();
    let command_kind = command.kind();
    let illegal = TransitionError::IllegalTransition {
        from,
        command: command_kind,
    };
    let forbidden = TransitionError::Forbidden {
        actor: actor.role(),
        command: command_kind,
    };
    let is_owner = matches!(actor, Actor::Citizen { id } if id == state.owner_id);
    let is_officer = matches!(actor, Actor::Officer { .. });
    let is_system = matches!(actor, Actor::System);

    // Every (phase, command) pair is listed; there is deliberately no
    // wildcard arm, so a new status or command does not compile until its
    // row and column of the table have been decided.
    let kind = match (&state.phase, command) {
        // --- Draft editing ---
        (P::Draft { .. }, C::SaveAnswers { expected_revision }) => {
            if !is_owner {
                return Err(forbidden);
            }
            if expected_revision < state.answers_revision || expected_revision > state.revision {
                return Err(TransitionError::EditConflict);
            }
            CaseEventKind::AnswersSaved
        }
        (
            P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            C::SaveAnswers { .. },
        ) => return Err(illegal),
        (
            P::Draft { .. },
            C::AddAttachment {
                attachment_id,
                field_id,
                files_in_field,
                max_files,
            },
        ) => {
            if !is_owner {
                return Err(forbidden);
            }
            if files_in_field >= max_files {
                return Err(TransitionError::TooManyFiles { max: max_files });
            }
            CaseEventKind::AttachmentAdded {
                attachment_id,
                field_id,
            }
        }
        (
            P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            C::AddAttachment { .. },
        ) => return Err(illegal),
        (
            P::Draft { .. },
            C::RemoveAttachment {
                attachment_id,
                field_id,
            },
        ) => {
            if !is_owner {
                return Err(forbidden);
            }
            CaseEventKind::AttachmentRemoved {
                attachment_id,
                field_id,
            }
        }
        (
            P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            C::RemoveAttachment { .. },
        ) => return Err(illegal),
        (P::Draft { .. }, C::RecordSignature { signed_revision }) => {
            if !is_owner {
                return Err(forbidden);
            }
            if signed_revision != state.revision {
                return Err(TransitionError::DraftChangedDuringSigning);
            }
            CaseEventKind::DraftSigned
        }
        (
            P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            C::RecordSignature { .. },
        ) => return Err(illegal),

        // --- Submit ---
        (
            P::Draft { signed },
            C::Submit {
                complete,
                signature_required,
            },
        ) => {
            if !is_owner {
                return Err(forbidden);
            }
            if !complete {
                return Err(TransitionError::CaseIncomplete);
            }
            if signature_required && !*signed {
                return Err(TransitionError::SignatureRequired);
            }
            CaseEventKind::CaseSubmitted
        }
        (
            P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            C::Submit { .. },
        ) => return Err(illegal),

        // --- RequestCosignature ---
        (
            P::Draft { signed },
            C::RequestCosignature {
                complete,
                cosigners,
            },
        ) => {
            if !is_owner {
                return Err(forbidden);
            }
            if !complete {
                return Err(TransitionError::CaseIncomplete);
            }
            if !*signed {
                return Err(TransitionError::SignatureRequired);
            }
            let cosigners: BTreeSet<Uuid> = cosigners.into_iter().collect();
            if cosigners.is_empty() {
                return Err(TransitionError::CosignersRequired);
            }
            if cosigners.contains(&state.owner_id) {
                return Err(TransitionError::OwnerListedAsCosigner);
            }
            CaseEventKind::CosignatureRequested { cosigners }
        }
        (
            P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            C::RequestCosignature { .. },
        ) => return Err(illegal),

        // --- Cosign ---
        (P::AwaitingCosignature { pending }, C::Cosign) => {
            let cosigner_id = pending_cosigner(actor, pending).ok_or(forbidden)?;
            let remaining = pending.len().saturating_sub(1);
            CaseEventKind::CaseCosigned {
                cosigner_id,
                remaining_after: u32::try_from(remaining).unwrap_or(u32::MAX),
            }
        }
        (
            P::Draft { .. } | P::Submitted { .. } | P::InProgress { .. } | P::Closed { .. },
            C::Cosign,
        ) => {
            return Err(illegal);
        }

        // --- DeclineCosignature ---
        (P::AwaitingCosignature { pending }, C::DeclineCosignature) => {
            let cosigner_id = pending_cosigner(actor, pending).ok_or(forbidden)?;
            CaseEventKind::CosignatureDeclined { cosigner_id }
        }
        (
            P::Draft { .. } | P::Submitted { .. } | P::InProgress { .. } | P::Closed { .. },
            C::DeclineCosignature,
        ) => return Err(illegal),

        // --- ExpireCosignature ---
        (P::AwaitingCosignature { .. }, C::ExpireCosignature) => {
            if !is_system {
                return Err(forbidden);
            }
            CaseEventKind::CosignatureExpired
        }
        (
            P::Draft { .. } | P::Submitted { .. } | P::InProgress { .. } | P::Closed { .. },
            C::ExpireCosignature,
        ) => return Err(illegal),

        // --- WithdrawCosignature ---
        (P::AwaitingCosignature { .. }, C::WithdrawCosignature) => {
            if !is_owner {
                return Err(forbidden);
            }
            CaseEventKind::CosignatureWithdrawn
        }
        (
            P::Draft { .. } | P::Submitted { .. } | P::InProgress { .. } | P::Closed { .. },
            C::WithdrawCosignature,
        ) => return Err(illegal),

        // --- StartHandling ---
        (P::Submitted { .. }, C::StartHandling { officer_id }) => {
            if !is_officer {
                return Err(forbidden);
            }
            CaseEventKind::HandlingStarted { officer_id }
        }
        (
            P::Draft { .. }
            | P::AwaitingCosignature { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            C::StartHandling { .. },
        ) => return Err(illegal),

        // --- Close ---
        (P::Submitted { .. } | P::InProgress { .. }, C::Close { outcome, decision }) => {
            if !is_officer {
                return Err(forbidden);
            }
            CaseEventKind::CaseClosed {
                outcome,
                decision: decision
                    .as_deref()
                    .map(str::trim)
                    .filter(|text| !text.is_empty())
                    .map(str::to_owned),
            }
        }
        (P::Draft { .. } | P::AwaitingCosignature { .. } | P::Closed { .. }, C::Close { .. }) => {
            return Err(illegal);
        }

        // --- Reopen ---
        (P::Closed { .. }, C::Reopen { reason }) => {
            let Actor::Officer { id: officer_id } = actor else {
                return Err(forbidden);
            };
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(TransitionError::ReasonRequired);
            }
            CaseEventKind::CaseReopened {
                reason: reason.to_owned(),
                officer_id,
            }
        }
        (
            P::Draft { .. }
            | P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. },
            C::Reopen { .. },
        ) => return Err(illegal),

        // --- Assign ---
        (P::Submitted { .. } | P::InProgress { .. }, C::Assign { officer_id }) => {
            if !is_officer {
                return Err(forbidden);
            }
            CaseEventKind::CaseAssigned { officer_id }
        }
        (P::Draft { .. } | P::AwaitingCosignature { .. } | P::Closed { .. }, C::Assign { .. }) => {
            return Err(illegal);
        }

        // --- PublishStatusNote ---
        (P::Submitted { .. } | P::InProgress { .. }, C::PublishStatusNote { text }) => {
            if !is_officer {
                return Err(forbidden);
            }
            let text = text.trim();
            if text.is_empty() {
                return Err(TransitionError::TextRequired);
            }
            CaseEventKind::StatusNotePublished {
                text: text.to_owned(),
            }
        }
        (
            P::Draft { .. } | P::AwaitingCosignature { .. } | P::Closed { .. },
            C::PublishStatusNote { .. },
        ) => return Err(illegal),

        // --- PostCitizenMessage ---
        (P::Submitted { .. } | P::InProgress { .. }, C::PostCitizenMessage { message_id, .. }) => {
            if !is_owner {
                return Err(forbidden);
            }
            CaseEventKind::MessagePosted { message_id }
        }
        (
            P::Closed { closed_at, .. },
            C::PostCitizenMessage {
                message_id,
                reply_window_days,
            },
        ) => {
            if !is_owner {
                return Err(forbidden);
            }
            if at > *closed_at + chrono::Duration::days(i64::from(reply_window_days)) {
                return Err(TransitionError::MessagingClosed {
                    days: reply_window_days,
                });
            }
            CaseEventKind::MessagePosted { message_id }
        }
        (P::Draft { .. } | P::AwaitingCosignature { .. }, C::PostCitizenMessage { .. }) => {
            return Err(illegal);
        }

        // --- PostOfficerMessage ---
        (
            P::Submitted { .. } | P::InProgress { .. } | P::Closed { .. },
            C::PostOfficerMessage { message_id },
        ) => {
            if !is_officer {
                return Err(forbidden);
            }
            CaseEventKind::MessagePosted { message_id }
        }
        (P::Draft { .. } | P::AwaitingCosignature { .. }, C::PostOfficerMessage { .. }) => {
            return Err(illegal);
        }

        // --- DeleteDraft ---
        (P::Draft { .. }, C::DeleteDraft) => {
            if !is_owner {
                return Err(forbidden);
            }
            CaseEventKind::DraftDeleted
        }
        (
            P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            C::DeleteDraft,
        ) => return Err(illegal),

        // --- ExpireDraft ---
        (P::Draft { .. }, C::ExpireDraft) => {
            if !is_system {
                return Err(forbidden);
            }
            CaseEventKind::DraftExpired
        }
        (
            P::AwaitingCosignature { .. }
            | P::Submitted { .. }
            | P::InProgress { .. }
            | P::Closed { .. },
            C::ExpireDraft,
        ) => return Err(illegal),
    };

    Ok(CaseEvent { at, actor, kind })
}

/// The co-signer's id if `actor` is a co-signer who still has to sign.
fn pending_cosigner(actor: Actor, pending: &BTreeSet<Uuid>) -> Option<Uuid> {
    match actor {
        Actor::Cosigner { id } if pending.contains(&id) => Some(id),
        Actor::Cosigner { .. } | Actor::Citizen { .. } | Actor::Officer { .. } | Actor::System => {
            None
        }
    }
}
