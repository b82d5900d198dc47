//! The case lifecycle: which command is allowed in which state, by whom,
//! and what happens as a result.
//!
//! The rules are split in two pure functions, in the usual
//! decide/evolve style:
//!
//! * [`decide`] checks a [`CaseCommand`] against the current [`CaseState`]
//!   and either rejects it with a [`TransitionError`] or returns the
//!   [`CaseEvent`] that records what happened;
//! * [`apply`] folds an event into the state.
//!
//! Keeping them apart lets the server store the event (for the case
//! history shown to citizens and for audit) before it updates the case row,
//! and lets the frontend ask "would this be allowed?" without side effects.
//!
//! Legal transitions (everything else is
//! [`TransitionError::IllegalTransition`]):
//!
//! | from                  | command                                        | to                    |
//! |-----------------------|------------------------------------------------|-----------------------|
//! | (none)                | [`start_draft`]                                | draft                 |
//! | draft                 | save_answers, add_/remove_attachment           | draft (unsigned)      |
//! | draft                 | record_signature                               | draft (signed)        |
//! | draft                 | submit                                         | submitted             |
//! | draft                 | request_cosignature                            | awaiting_cosignature  |
//! | draft                 | delete_draft, expire_draft                     | (case removed)        |
//! | awaiting_cosignature  | cosign (not the last)                          | awaiting_cosignature  |
//! | awaiting_cosignature  | cosign (the last)                              | submitted             |
//! | awaiting_cosignature  | decline_/expire_/withdraw_cosignature          | draft                 |
//! | submitted             | start_handling                                 | in_progress           |
//! | submitted, in_progress| close                                          | closed                |
//! | closed                | reopen                                         | in_progress           |

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where a case is in its lifecycle, as stored and as sent to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Being filled in by the citizen; only the owner can see it.
    Draft,
    /// Signed by the applicant, waiting for invited co-signers.
    AwaitingCosignature,
    /// Received by the municipality, not yet picked up.
    Submitted,
    /// An officer is handling the case.
    InProgress,
    /// Finished, with a [`CaseOutcome`].
    Closed,
}

impl CaseStatus {
    /// Every status, in lifecycle order; for exhaustive tests and filters.
    pub const ALL: [Self; 5] = [
        Self::Draft,
        Self::AwaitingCosignature,
        Self::Submitted,
        Self::InProgress,
        Self::Closed,
    ];

    /// The tab the case is listed under on "Mina sidor".
    #[must_use]
    pub const fn group(self) -> CaseGroup {
        match self {
            Self::Draft => CaseGroup::Saved,
            Self::AwaitingCosignature | Self::Submitted | Self::InProgress => CaseGroup::Ongoing,
            Self::Closed => CaseGroup::Closed,
        }
    }

    /// The snake_case name used in JSON and in the database.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::AwaitingCosignature => "awaiting_cosignature",
            Self::Submitted => "submitted",
            Self::InProgress => "in_progress",
            Self::Closed => "closed",
        }
    }
}

impl fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The three lists a citizen sees: saved drafts, ongoing and closed cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseGroup {
    /// Drafts ("Sparade").
    Saved,
    /// Sent in or waiting for co-signers ("Pågående").
    Ongoing,
    /// Finished ("Avslutade").
    Closed,
}

impl CaseGroup {
    /// The snake_case name used in JSON.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Saved => "saved",
            Self::Ongoing => "ongoing",
            Self::Closed => "closed",
        }
    }
}

/// How a closed case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseOutcome {
    /// A decision was made ("beslutat").
    Decided,
    /// The applicant withdrew the case ("återkallat").
    Withdrawn,
    /// The case was dismissed without examination ("avvisat").
    Dismissed,
    /// Handed over to another authority ("överlämnat").
    Referred,
    /// Any other reason, e.g. written off ("avskrivet").
    Other,
}

/// Who issues a command. Identity has already been established by the
/// caller (BankID, officer login); the lifecycle only checks roles and
/// ownership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Actor {
    /// A citizen acting on their own case; must be the case owner.
    Citizen {
        /// The citizen's user id.
        id: Uuid,
    },
    /// A citizen invited to co-sign someone else's case.
    Cosigner {
        /// The co-signer's user id.
        id: Uuid,
    },
    /// A municipal case officer ("handläggare").
    Officer {
        /// The officer's user id.
        id: Uuid,
    },
    /// Scheduled jobs, e.g. expiry of abandoned drafts.
    System,
}

impl Actor {
    /// The role without the id, for error messages and audit summaries.
    #[must_use]
    pub const fn role(&self) -> ActorRole {
        match self {
            Self::Citizen { .. } => ActorRole::Citizen,
            Self::Cosigner { .. } => ActorRole::Cosigner,
            Self::Officer { .. } => ActorRole::Officer,
            Self::System => ActorRole::System,
        }
    }
}

/// The kind of [`Actor`], without identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    /// See [`Actor::Citizen`].
    Citizen,
    /// See [`Actor::Cosigner`].
    Cosigner,
    /// See [`Actor::Officer`].
    Officer,
    /// See [`Actor::System`].
    System,
}

impl ActorRole {
    /// The snake_case name used in JSON.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::Cosigner => "cosigner",
            Self::Officer => "officer",
            Self::System => "system",
        }
    }
}

impl fmt::Display for ActorRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something someone wants to do with a case.
///
/// Facts the lifecycle cannot know by itself (whether the form is complete,
/// whether the e-service demands a signature, whether the applicant has
/// signed) travel with the command, so that this crate stays free of form
/// definitions and signature verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CaseCommand {
    /// The owner saves the draft's answers (autosave or "save and continue later").
    SaveAnswers {
        /// The revision the client last saw. Older than the last save of the answers means
        /// someone else (another tab or device) saved in between; the client's own uploads
        /// after it do not conflict.
        expected_revision: u32,
    },
    /// The owner attaches a file to a file field of the draft.
    AddAttachment {
        /// The new file's id.
        attachment_id: Uuid,
        /// The form field it belongs to.
        field_id: String,
        /// How many files the field already has.
        files_in_field: u32,
        /// How many files the field allows.
        max_files: u32,
    },
    /// The owner removes an attached file from the draft.
    RemoveAttachment {
        /// The file's id.
        attachment_id: Uuid,
        /// The form field it belonged to.
        field_id: String,
    },
    /// The owner's BankID signature of the draft completed.
    RecordSignature {
        /// The revision of the draft whose answers and files were signed. A signature of an
        /// older revision signs something that is no longer the draft.
        signed_revision: u32,
    },
    /// The owner sends in the draft.
    Submit {
        /// All required form fields are filled in and valid.
        complete: bool,
        /// The e-service requires the applicant's signature (of the current revision).
        signature_required: bool,
    },
    /// The owner, having signed, invites others to co-sign.
    RequestCosignature {
        /// All required form fields are filled in and valid.
        complete: bool,
        /// User ids of the invited co-signers; duplicates are ignored.
        cosigners: Vec<Uuid>,
    },
    /// An invited co-signer signs.
    Cosign,
    /// An invited co-signer refuses to sign.
    DeclineCosignature,
    /// The co-signing deadline passed.
    ExpireCosignature,
    /// The owner takes the case back to edit it.
    WithdrawCosignature,
    /// An officer picks up a submitted case.
    StartHandling {
        /// The officer who will handle the case (may be someone other than
        /// the one assigning it).
        officer_id: Uuid,
    },
    /// An officer closes the case.
    Close {
        /// How the case ended.
        outcome: CaseOutcome,
    },
    /// An officer reopens a closed case, e.g. after an appeal.
    Reopen {
        /// Why; shown in the case history, so it must not be blank.
        reason: String,
    },
    /// The owner deletes an unsent draft.
    DeleteDraft,
    /// A draft was abandoned past its retention period.
    ExpireDraft,
}

impl CaseCommand {
    /// The command without its data, for errors and permission checks.
    #[must_use]
    pub const fn kind(&self) -> CaseCommandKind {
        match self {
            Self::SaveAnswers { .. } => CaseCommandKind::SaveAnswers,
            Self::AddAttachment { .. } => CaseCommandKind::AddAttachment,
            Self::RemoveAttachment { .. } => CaseCommandKind::RemoveAttachment,
            Self::RecordSignature { .. } => CaseCommandKind::RecordSignature,
            Self::Submit { .. } => CaseCommandKind::Submit,
            Self::RequestCosignature { .. } => CaseCommandKind::RequestCosignature,
            Self::Cosign => CaseCommandKind::Cosign,
            Self::DeclineCosignature => CaseCommandKind::DeclineCosignature,
            Self::ExpireCosignature => CaseCommandKind::ExpireCosignature,
            Self::WithdrawCosignature => CaseCommandKind::WithdrawCosignature,
            Self::StartHandling { .. } => CaseCommandKind::StartHandling,
            Self::Close { .. } => CaseCommandKind::Close,
            Self::Reopen { .. } => CaseCommandKind::Reopen,
            Self::DeleteDraft => CaseCommandKind::DeleteDraft,
            Self::ExpireDraft => CaseCommandKind::ExpireDraft,
        }
    }
}

/// The name of a [`CaseCommand`], without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseCommandKind {
    /// See [`CaseCommand::SaveAnswers`].
    SaveAnswers,
    /// See [`CaseCommand::AddAttachment`].
    AddAttachment,
    /// See [`CaseCommand::RemoveAttachment`].
    RemoveAttachment,
    /// See [`CaseCommand::RecordSignature`].
    RecordSignature,
    /// See [`CaseCommand::Submit`].
    Submit,
    /// See [`CaseCommand::RequestCosignature`].
    RequestCosignature,
    /// See [`CaseCommand::Cosign`].
    Cosign,
    /// See [`CaseCommand::DeclineCosignature`].
    DeclineCosignature,
    /// See [`CaseCommand::ExpireCosignature`].
    ExpireCosignature,
    /// See [`CaseCommand::WithdrawCosignature`].
    WithdrawCosignature,
    /// See [`CaseCommand::StartHandling`].
    StartHandling,
    /// See [`CaseCommand::Close`].
    Close,
    /// See [`CaseCommand::Reopen`].
    Reopen,
    /// See [`CaseCommand::DeleteDraft`].
    DeleteDraft,
    /// See [`CaseCommand::ExpireDraft`].
    ExpireDraft,
}

impl CaseCommandKind {
    /// Every command kind; for exhaustive tests.
    pub const ALL: [Self; 15] = [
        Self::SaveAnswers,
        Self::AddAttachment,
        Self::RemoveAttachment,
        Self::RecordSignature,
        Self::Submit,
        Self::RequestCosignature,
        Self::Cosign,
        Self::DeclineCosignature,
        Self::ExpireCosignature,
        Self::WithdrawCosignature,
        Self::StartHandling,
        Self::Close,
        Self::Reopen,
        Self::DeleteDraft,
        Self::ExpireDraft,
    ];

    /// The snake_case name used in JSON.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SaveAnswers => "save_answers",
            Self::AddAttachment => "add_attachment",
            Self::RemoveAttachment => "remove_attachment",
            Self::RecordSignature => "record_signature",
            Self::Submit => "submit",
            Self::RequestCosignature => "request_cosignature",
            Self::Cosign => "cosign",
            Self::DeclineCosignature => "decline_cosignature",
            Self::ExpireCosignature => "expire_cosignature",
            Self::WithdrawCosignature => "withdraw_cosignature",
            Self::StartHandling => "start_handling",
            Self::Close => "close",
            Self::Reopen => "reopen",
            Self::DeleteDraft => "delete_draft",
            Self::ExpireDraft => "expire_draft",
        }
    }

    /// The only role that may issue this command. Each command has exactly
    /// one, which keeps the permission model auditable at a glance.
    #[must_use]
    pub const fn allowed_role(self) -> ActorRole {
        match self {
            Self::SaveAnswers
            | Self::AddAttachment
            | Self::RemoveAttachment
            | Self::RecordSignature
            | Self::Submit
            | Self::RequestCosignature
            | Self::WithdrawCosignature
            | Self::DeleteDraft => ActorRole::Citizen,
            Self::Cosign | Self::DeclineCosignature => ActorRole::Cosigner,
            Self::StartHandling | Self::Close | Self::Reopen => ActorRole::Officer,
            Self::ExpireCosignature | Self::ExpireDraft => ActorRole::System,
        }
    }
}

impl fmt::Display for CaseCommandKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The state of one case, as much of it as the lifecycle rules need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseState {
    /// The citizen who created the case; only they may act as
    /// [`Actor::Citizen`] on it.
    pub owner_id: Uuid,
    /// The version of the draft's content (answers and files), starting at 1 and counting
    /// every change; clients send it back for optimistic locking (`lock_version`).
    pub revision: u32,
    /// The revision the last save of the answers made (1 for a new draft). A save based on an
    /// older revision would overwrite answers its client never saw.
    pub answers_revision: u32,
    /// The status together with the data that only exists in that status.
    pub phase: CasePhase,
}

impl CaseState {
    /// A fresh draft owned by `owner_id`.
    #[must_use]
    pub const fn new_draft(owner_id: Uuid) -> Self {
        Self {
            owner_id,
            revision: 1,
            answers_revision: 1,
            phase: CasePhase::Draft { signed: false },
        }
    }

    /// The status without phase data.
    #[must_use]
    pub const fn status(&self) -> CaseStatus {
        self.phase.status()
    }
}

/// A [`CaseStatus`] with the data that belongs to it, so that e.g. an
/// in-progress case without a handling officer cannot be represented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CasePhase {
    /// See [`CaseStatus::Draft`].
    Draft {
        /// The owner has signed the current revision with BankID; any change voids it.
        signed: bool,
    },
    /// See [`CaseStatus::AwaitingCosignature`].
    AwaitingCosignature {
        /// Co-signers who have not signed yet. Never empty in a state
        /// produced by [`apply`]: the last signature submits the case.
        pending: BTreeSet<Uuid>,
    },
    /// See [`CaseStatus::Submitted`].
    Submitted,
    /// See [`CaseStatus::InProgress`].
    InProgress {
        /// The officer handling the case.
        officer_id: Uuid,
    },
    /// See [`CaseStatus::Closed`].
    Closed {
        /// How the case ended.
        outcome: CaseOutcome,
    },
}

impl CasePhase {
    /// The status without phase data.
    #[must_use]
    pub const fn status(&self) -> CaseStatus {
        match self {
            Self::Draft { .. } => CaseStatus::Draft,
            Self::AwaitingCosignature { .. } => CaseStatus::AwaitingCosignature,
            Self::Submitted => CaseStatus::Submitted,
            Self::InProgress { .. } => CaseStatus::InProgress,
            Self::Closed { .. } => CaseStatus::Closed,
        }
    }
}

/// Something that happened to a case: what, when and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// When it happened, as passed to [`decide`].
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: Actor,
    /// What happened.
    pub kind: CaseEventKind,
}

/// What happened to a case. Names are in the past tense because events are
/// facts that have already been accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CaseEventKind {
    /// The citizen started the draft; always the first event of a case.
    DraftCreated,
    /// The owner saved the answers.
    AnswersSaved,
    /// The owner attached a file.
    AttachmentAdded {
        /// The file.
        attachment_id: Uuid,
        /// Its form field.
        field_id: String,
    },
    /// The owner removed a file.
    AttachmentRemoved {
        /// The file.
        attachment_id: Uuid,
        /// Its form field.
        field_id: String,
    },
    /// The owner signed the current answers and files with BankID.
    DraftSigned,
    /// The draft was sent in to the municipality.
    CaseSubmitted,
    /// The applicant signed and invited co-signers.
    CosignatureRequested {
        /// The invited co-signers.
        cosigners: BTreeSet<Uuid>,
    },
    /// A co-signer signed. When `remaining_after` is 0 the case is
    /// submitted by this event; no separate `CaseSubmitted` follows.
    CaseCosigned {
        /// Who signed.
        cosigner_id: Uuid,
        /// Co-signers still to sign after this one.
        remaining_after: u32,
    },
    /// A co-signer refused; the case is back to draft and all signatures
    /// collected so far, the applicant's included, are void.
    CosignatureDeclined {
        /// Who refused.
        cosigner_id: Uuid,
    },
    /// The co-signing deadline passed; back to draft, signatures void.
    CosignatureExpired,
    /// The owner took the case back; back to draft, signatures void.
    CosignatureWithdrawn,
    /// An officer picked up the case.
    HandlingStarted {
        /// The officer now handling the case.
        officer_id: Uuid,
    },
    /// The case was closed.
    CaseClosed {
        /// How it ended.
        outcome: CaseOutcome,
    },
    /// A closed case was reopened and is being handled again.
    CaseReopened {
        /// Why, trimmed.
        reason: String,
        /// The reopening officer, who becomes the handling officer.
        officer_id: Uuid,
    },
    /// The owner deleted the draft; the case no longer exists.
    DraftDeleted,
    /// The draft was removed after its retention period.
    DraftExpired,
}

impl CaseEventKind {
    /// The snake_case name used in JSON, for logs and error messages.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            Self::DraftCreated => "draft_created",
            Self::AnswersSaved => "answers_saved",
            Self::AttachmentAdded { .. } => "attachment_added",
            Self::AttachmentRemoved { .. } => "attachment_removed",
            Self::DraftSigned => "draft_signed",
            Self::CaseSubmitted => "case_submitted",
            Self::CosignatureRequested { .. } => "cosignature_requested",
            Self::CaseCosigned { .. } => "case_cosigned",
            Self::CosignatureDeclined { .. } => "cosignature_declined",
            Self::CosignatureExpired => "cosignature_expired",
            Self::CosignatureWithdrawn => "cosignature_withdrawn",
            Self::HandlingStarted { .. } => "handling_started",
            Self::CaseClosed { .. } => "case_closed",
            Self::CaseReopened { .. } => "case_reopened",
            Self::DraftDeleted => "draft_deleted",
            Self::DraftExpired => "draft_expired",
        }
    }
}

/// Why [`decide`] rejected a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum TransitionError {
    /// The command makes no sense in the current status.
    #[error("`{command}` is not possible when the case is `{from}`")]
    IllegalTransition {
        /// The current status.
        from: CaseStatus,
        /// The rejected command.
        command: CaseCommandKind,
    },
    /// The actor may not issue this command on this case: wrong role, not
    /// the owner, or not a pending co-signer.
    #[error("a {actor} may not `{command}` this case")]
    Forbidden {
        /// The role that tried.
        actor: ActorRole,
        /// The rejected command.
        command: CaseCommandKind,
    },
    /// Required form fields are missing or invalid.
    #[error("the case is not complete")]
    CaseIncomplete,
    /// The applicant has not signed although a signature is needed.
    #[error("the case must be signed first")]
    SignatureRequired,
    /// Co-signing was requested without any co-signers.
    #[error("at least one co-signer is required")]
    CosignersRequired,
    /// The owner listed themselves as a co-signer.
    #[error("the applicant cannot co-sign their own case")]
    OwnerListedAsCosigner,
    /// Reopening needs a non-blank reason.
    #[error("a reason is required")]
    ReasonRequired,
    /// The draft was changed since the revision the client (or the signature) saw.
    #[error("the draft was changed in the meantime")]
    EditConflict,
    /// A signature of an earlier revision of the draft: the content changed while signing.
    #[error("the draft changed while it was being signed")]
    DraftChangedDuringSigning,
    /// The file field already has as many files as it allows.
    #[error("the field allows at most {max} files")]
    TooManyFiles {
        /// The field's limit.
        max: u32,
    },
}

impl TransitionError {
    /// Stable machine-readable code for API error bodies and translations.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::IllegalTransition { .. } => "illegal_transition",
            Self::Forbidden { .. } => "forbidden_actor",
            Self::CaseIncomplete => "case_incomplete",
            Self::SignatureRequired => "signature_required",
            Self::CosignersRequired => "cosigners_required",
            Self::OwnerListedAsCosigner => "owner_listed_as_cosigner",
            Self::ReasonRequired => "reason_required",
            Self::EditConflict => "edit_conflict",
            Self::DraftChangedDuringSigning => "draft_changed",
            Self::TooManyFiles { .. } => "too_many_files",
        }
    }
}

/// Why [`apply`] could not fold an event into a state. Events produced by
/// [`decide`] for the same state always apply; this only happens when a
/// stored history is inconsistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("event `{event}` cannot follow status `{from}`")]
pub struct ApplyError {
    /// The status the event was applied to.
    pub from: CaseStatus,
    /// The event's name, see [`CaseEventKind::name`].
    pub event: &'static str,
}

impl ApplyError {
    /// Stable machine-readable code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        "event_does_not_apply"
    }
}

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
            P::AwaitingCosignature { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
            P::AwaitingCosignature { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
            P::AwaitingCosignature { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
            P::AwaitingCosignature { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
            P::AwaitingCosignature { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
            P::AwaitingCosignature { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
        (P::Draft { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. }, C::Cosign) => {
            return Err(illegal);
        }

        // --- DeclineCosignature ---
        (P::AwaitingCosignature { pending }, C::DeclineCosignature) => {
            let cosigner_id = pending_cosigner(actor, pending).ok_or(forbidden)?;
            CaseEventKind::CosignatureDeclined { cosigner_id }
        }
        (
            P::Draft { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
            P::Draft { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
            P::Draft { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
            C::WithdrawCosignature,
        ) => return Err(illegal),

        // --- StartHandling ---
        (P::Submitted, C::StartHandling { officer_id }) => {
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
        (P::Submitted | P::InProgress { .. }, C::Close { outcome }) => {
            if !is_officer {
                return Err(forbidden);
            }
            CaseEventKind::CaseClosed { outcome }
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
            P::Draft { .. } | P::AwaitingCosignature { .. } | P::Submitted | P::InProgress { .. },
            C::Reopen { .. },
        ) => return Err(illegal),

        // --- DeleteDraft ---
        (P::Draft { .. }, C::DeleteDraft) => {
            if !is_owner {
                return Err(forbidden);
            }
            CaseEventKind::DraftDeleted
        }
        (
            P::AwaitingCosignature { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
            P::AwaitingCosignature { .. } | P::Submitted | P::InProgress { .. } | P::Closed { .. },
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
        (P::Draft { .. }, K::CaseSubmitted) => with_phase(P::Submitted),
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
                with_phase(P::Submitted)
            } else {
                with_phase(P::AwaitingCosignature { pending })
            }
        }
        (
            P::AwaitingCosignature { .. },
            K::CosignatureDeclined { .. } | K::CosignatureExpired | K::CosignatureWithdrawn,
        ) => with_phase(P::Draft { signed: false }),
        (P::Submitted, K::HandlingStarted { officer_id }) => with_phase(P::InProgress {
            officer_id: *officer_id,
        }),
        (P::Submitted | P::InProgress { .. }, K::CaseClosed { outcome }) => {
            with_phase(P::Closed { outcome: *outcome })
        }
        (P::Closed { .. }, K::CaseReopened { officer_id, .. }) => with_phase(P::InProgress {
            officer_id: *officer_id,
        }),
        (P::Draft { .. }, K::DraftDeleted | K::DraftExpired) => Ok(None),
        (
            P::Draft { .. }
            | P::AwaitingCosignature { .. }
            | P::Submitted
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
            | K::DraftExpired,
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
#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    const OWNER: Uuid = Uuid::from_u128(1);
    const COSIGNER_A: Uuid = Uuid::from_u128(2);
    const COSIGNER_B: Uuid = Uuid::from_u128(3);
    const OFFICER: Uuid = Uuid::from_u128(4);
    const STRANGER: Uuid = Uuid::from_u128(5);

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap()
    }

    /// A representative state for each status, with one pending co-signer
    /// so that a co-signature completes the case.
    fn state_in(status: CaseStatus) -> CaseState {
        let phase = match status {
            CaseStatus::Draft => CasePhase::Draft { signed: true },
            CaseStatus::AwaitingCosignature => CasePhase::AwaitingCosignature {
                pending: BTreeSet::from([COSIGNER_A]),
            },
            CaseStatus::Submitted => CasePhase::Submitted,
            CaseStatus::InProgress => CasePhase::InProgress {
                officer_id: OFFICER,
            },
            CaseStatus::Closed => CasePhase::Closed {
                outcome: CaseOutcome::Decided,
            },
        };
        CaseState {
            owner_id: OWNER,
            revision: 1,
            answers_revision: 1,
            phase,
        }
    }

    /// A draft that has been signed.
    fn signed_draft() -> CaseState {
        state_in(CaseStatus::Draft)
    }

    /// A command of `kind` whose own preconditions are all met.
    fn valid_command(kind: CaseCommandKind) -> CaseCommand {
        match kind {
            CaseCommandKind::SaveAnswers => CaseCommand::SaveAnswers {
                expected_revision: 1,
            },
            CaseCommandKind::AddAttachment => CaseCommand::AddAttachment {
                attachment_id: Uuid::from_u128(10),
                field_id: "photo".to_owned(),
                files_in_field: 0,
                max_files: 1,
            },
            CaseCommandKind::RemoveAttachment => CaseCommand::RemoveAttachment {
                attachment_id: Uuid::from_u128(10),
                field_id: "photo".to_owned(),
            },
            CaseCommandKind::RecordSignature => CaseCommand::RecordSignature { signed_revision: 1 },
            CaseCommandKind::Submit => CaseCommand::Submit {
                complete: true,
                signature_required: true,
            },
            CaseCommandKind::RequestCosignature => CaseCommand::RequestCosignature {
                complete: true,
                cosigners: vec![COSIGNER_A, COSIGNER_B],
            },
            CaseCommandKind::Cosign => CaseCommand::Cosign,
            CaseCommandKind::DeclineCosignature => CaseCommand::DeclineCosignature,
            CaseCommandKind::ExpireCosignature => CaseCommand::ExpireCosignature,
            CaseCommandKind::WithdrawCosignature => CaseCommand::WithdrawCosignature,
            CaseCommandKind::StartHandling => CaseCommand::StartHandling {
                officer_id: OFFICER,
            },
            CaseCommandKind::Close => CaseCommand::Close {
                outcome: CaseOutcome::Decided,
            },
            CaseCommandKind::Reopen => CaseCommand::Reopen {
                reason: "Överklagat beslut".to_owned(),
            },
            CaseCommandKind::DeleteDraft => CaseCommand::DeleteDraft,
            CaseCommandKind::ExpireDraft => CaseCommand::ExpireDraft,
        }
    }

    /// The actor entitled to issue `kind`.
    fn entitled_actor(kind: CaseCommandKind) -> Actor {
        match kind.allowed_role() {
            ActorRole::Citizen => Actor::Citizen { id: OWNER },
            ActorRole::Cosigner => Actor::Cosigner { id: COSIGNER_A },
            ActorRole::Officer => Actor::Officer { id: OFFICER },
            ActorRole::System => Actor::System,
        }
    }

    fn every_actor() -> [Actor; 7] {
        [
            Actor::Citizen { id: OWNER },
            Actor::Citizen { id: STRANGER },
            Actor::Cosigner { id: COSIGNER_A },
            Actor::Cosigner { id: STRANGER },
            Actor::Officer { id: OFFICER },
            Actor::Officer { id: STRANGER },
            Actor::System,
        ]
    }

    /// Expected result of a legal command: the event name and the status
    /// after applying it (`None`: the case is removed).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Expect {
        Illegal,
        Legal(&'static str, Option<CaseStatus>),
    }

    use CaseStatus::{AwaitingCosignature, Closed, Draft, InProgress, Submitted};
    use Expect::{Illegal, Legal as To};

    /// The transition table, written out by hand. Columns follow
    /// `CaseCommandKind::ALL`: SaveAnswers, AddAttachment, RemoveAttachment,
    /// RecordSignature, Submit, RequestCosignature, Cosign,
    /// DeclineCosignature, ExpireCosignature, WithdrawCosignature,
    /// StartHandling, Close, Reopen, DeleteDraft, ExpireDraft.
    const TABLE: [(CaseStatus, [Expect; 15]); 5] = [
        (
            Draft,
            [
                To("answers_saved", Some(Draft)),
                To("attachment_added", Some(Draft)),
                To("attachment_removed", Some(Draft)),
                To("draft_signed", Some(Draft)),
                To("case_submitted", Some(Submitted)),
                To("cosignature_requested", Some(AwaitingCosignature)),
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                To("draft_deleted", None),
                To("draft_expired", None),
            ],
        ),
        (
            AwaitingCosignature,
            [
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                To("case_cosigned", Some(Submitted)),
                To("cosignature_declined", Some(Draft)),
                To("cosignature_expired", Some(Draft)),
                To("cosignature_withdrawn", Some(Draft)),
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
            ],
        ),
        (
            Submitted,
            [
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                To("handling_started", Some(InProgress)),
                To("case_closed", Some(Closed)),
                Illegal,
                Illegal,
                Illegal,
            ],
        ),
        (
            InProgress,
            [
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                To("case_closed", Some(Closed)),
                Illegal,
                Illegal,
                Illegal,
            ],
        ),
        (
            Closed,
            [
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                Illegal,
                To("case_reopened", Some(InProgress)),
                Illegal,
                Illegal,
            ],
        ),
    ];

    fn expected(status: CaseStatus, kind: CaseCommandKind) -> Expect {
        let row = TABLE.iter().find(|(s, _)| *s == status).unwrap();
        let column = CaseCommandKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap();
        row.1[column]
    }

    #[test]
    fn the_expected_table_covers_every_status_exactly_once() {
        for status in CaseStatus::ALL {
            assert_eq!(TABLE.iter().filter(|(s, _)| *s == status).count(), 1);
        }
    }

    #[test]
    fn every_state_and_command_pair_matches_the_transition_table() {
        for status in CaseStatus::ALL {
            let state = state_in(status);
            for kind in CaseCommandKind::ALL {
                let result = decide(&state, valid_command(kind), at(), entitled_actor(kind));
                match expected(status, kind) {
                    Illegal => assert_eq!(
                        result,
                        Err(TransitionError::IllegalTransition {
                            from: status,
                            command: kind,
                        }),
                        "{status} × {kind}"
                    ),
                    To(event_name, next) => {
                        let event = result.unwrap_or_else(|e| panic!("{status} × {kind}: {e}"));
                        assert_eq!(event.kind.name(), event_name, "{status} × {kind}");
                        assert_eq!(event.at, at());
                        assert_eq!(event.actor, entitled_actor(kind));
                        let after = apply(&state, &event).unwrap();
                        assert_eq!(after.map(|s| s.status()), next, "{status} × {kind}");
                    }
                }
            }
        }
    }

    #[test]
    fn an_illegal_pair_is_reported_as_illegal_whoever_asks() {
        for status in CaseStatus::ALL {
            let state = state_in(status);
            for kind in CaseCommandKind::ALL {
                if expected(status, kind) != Illegal {
                    continue;
                }
                for actor in every_actor() {
                    let error = decide(&state, valid_command(kind), at(), actor).unwrap_err();
                    assert_eq!(error.code(), "illegal_transition", "{status} × {kind}");
                }
            }
        }
    }

    #[test]
    fn a_legal_command_from_anyone_but_the_entitled_actor_is_forbidden() {
        for status in CaseStatus::ALL {
            let state = state_in(status);
            for kind in CaseCommandKind::ALL {
                if expected(status, kind) == Illegal {
                    continue;
                }
                for actor in every_actor() {
                    let result = decide(&state, valid_command(kind), at(), actor);
                    let entitled = match actor {
                        Actor::Citizen { id } => {
                            kind.allowed_role() == ActorRole::Citizen && id == OWNER
                        }
                        Actor::Cosigner { id } => {
                            kind.allowed_role() == ActorRole::Cosigner && id == COSIGNER_A
                        }
                        Actor::Officer { .. } => kind.allowed_role() == ActorRole::Officer,
                        Actor::System => kind.allowed_role() == ActorRole::System,
                    };
                    if entitled {
                        assert!(result.is_ok(), "{status} × {kind} by {actor:?}");
                    } else {
                        assert_eq!(
                            result,
                            Err(TransitionError::Forbidden {
                                actor: actor.role(),
                                command: kind,
                            }),
                            "{status} × {kind} by {actor:?}"
                        );
                        assert_eq!(result.unwrap_err().code(), "forbidden_actor");
                    }
                }
            }
        }
    }

    #[test]
    fn submitting_an_incomplete_draft_is_refused() {
        let command = CaseCommand::Submit {
            complete: false,
            signature_required: false,
        };
        let error = decide(
            &state_in(Draft),
            command,
            at(),
            Actor::Citizen { id: OWNER },
        )
        .unwrap_err();
        assert_eq!(error, TransitionError::CaseIncomplete);
        assert_eq!(error.code(), "case_incomplete");
    }

    #[test]
    fn submitting_an_unsigned_draft_is_refused_only_when_a_signature_is_required() {
        let owner = Actor::Citizen { id: OWNER };
        let unsigned = |signature_required| CaseCommand::Submit {
            complete: true,
            signature_required,
        };
        let draft = CaseState::new_draft(OWNER);
        let error = decide(&draft, unsigned(true), at(), owner).unwrap_err();
        assert_eq!(error.code(), "signature_required");
        let event = decide(&draft, unsigned(false), at(), owner).unwrap();
        assert_eq!(event.kind, CaseEventKind::CaseSubmitted);
    }

    #[test]
    fn requesting_cosignature_needs_a_complete_signed_draft_and_real_cosigners() {
        let owner = Actor::Citizen { id: OWNER };
        let request = |complete, applicant_signed, cosigners: Vec<Uuid>| {
            let state = if applicant_signed {
                signed_draft()
            } else {
                CaseState::new_draft(OWNER)
            };
            decide(
                &state,
                CaseCommand::RequestCosignature {
                    complete,
                    cosigners,
                },
                at(),
                owner,
            )
        };
        assert_eq!(
            request(false, true, vec![COSIGNER_A]),
            Err(TransitionError::CaseIncomplete)
        );
        assert_eq!(
            request(true, false, vec![COSIGNER_A]),
            Err(TransitionError::SignatureRequired)
        );
        let error = request(true, true, vec![]).unwrap_err();
        assert_eq!(error.code(), "cosigners_required");
        let error = request(true, true, vec![COSIGNER_A, OWNER]).unwrap_err();
        assert_eq!(error.code(), "owner_listed_as_cosigner");
        let event = request(true, true, vec![COSIGNER_A, COSIGNER_A, COSIGNER_B]).unwrap();
        assert_eq!(
            event.kind,
            CaseEventKind::CosignatureRequested {
                cosigners: BTreeSet::from([COSIGNER_A, COSIGNER_B])
            }
        );
    }

    #[test]
    fn the_last_cosignature_submits_the_case_and_earlier_ones_do_not() {
        let mut state = signed_draft();
        let request = decide(
            &state,
            CaseCommand::RequestCosignature {
                complete: true,
                cosigners: vec![COSIGNER_A, COSIGNER_B],
            },
            at(),
            Actor::Citizen { id: OWNER },
        )
        .unwrap();
        state = apply(&state, &request).unwrap().unwrap();

        let first = decide(
            &state,
            CaseCommand::Cosign,
            at(),
            Actor::Cosigner { id: COSIGNER_B },
        )
        .unwrap();
        assert_eq!(
            first.kind,
            CaseEventKind::CaseCosigned {
                cosigner_id: COSIGNER_B,
                remaining_after: 1
            }
        );
        state = apply(&state, &first).unwrap().unwrap();
        assert_eq!(
            state.phase,
            CasePhase::AwaitingCosignature {
                pending: BTreeSet::from([COSIGNER_A])
            }
        );

        let again = decide(
            &state,
            CaseCommand::Cosign,
            at(),
            Actor::Cosigner { id: COSIGNER_B },
        );
        assert_eq!(again.unwrap_err().code(), "forbidden_actor");

        let last = decide(
            &state,
            CaseCommand::Cosign,
            at(),
            Actor::Cosigner { id: COSIGNER_A },
        )
        .unwrap();
        assert_eq!(
            last.kind,
            CaseEventKind::CaseCosigned {
                cosigner_id: COSIGNER_A,
                remaining_after: 0
            }
        );
        state = apply(&state, &last).unwrap().unwrap();
        assert_eq!(state.status(), Submitted);
    }

    #[test]
    fn declining_expiring_or_withdrawing_cosignature_returns_the_case_to_draft() {
        let state = state_in(AwaitingCosignature);
        for (command, actor) in [
            (
                CaseCommand::DeclineCosignature,
                Actor::Cosigner { id: COSIGNER_A },
            ),
            (CaseCommand::ExpireCosignature, Actor::System),
            (
                CaseCommand::WithdrawCosignature,
                Actor::Citizen { id: OWNER },
            ),
        ] {
            let event = decide(&state, command, at(), actor).unwrap();
            let after = apply(&state, &event).unwrap().unwrap();
            assert_eq!(after, CaseState::new_draft(OWNER));
        }
    }

    #[test]
    fn reopening_needs_a_non_blank_reason_which_is_stored_trimmed() {
        let state = state_in(Closed);
        let officer = Actor::Officer { id: STRANGER };
        for blank in ["", "   ", "\n\t"] {
            let error = decide(
                &state,
                CaseCommand::Reopen {
                    reason: blank.to_owned(),
                },
                at(),
                officer,
            )
            .unwrap_err();
            assert_eq!(error, TransitionError::ReasonRequired);
            assert_eq!(error.code(), "reason_required");
        }
        let event = decide(
            &state,
            CaseCommand::Reopen {
                reason: "  Nytt underlag  ".to_owned(),
            },
            at(),
            officer,
        )
        .unwrap();
        assert_eq!(
            event.kind,
            CaseEventKind::CaseReopened {
                reason: "Nytt underlag".to_owned(),
                officer_id: STRANGER
            }
        );
        let after = apply(&state, &event).unwrap().unwrap();
        assert_eq!(
            after.phase,
            CasePhase::InProgress {
                officer_id: STRANGER
            }
        );
    }

    #[test]
    fn closing_records_the_outcome() {
        for outcome in [
            CaseOutcome::Decided,
            CaseOutcome::Withdrawn,
            CaseOutcome::Dismissed,
            CaseOutcome::Referred,
            CaseOutcome::Other,
        ] {
            let state = state_in(InProgress);
            let event = decide(
                &state,
                CaseCommand::Close { outcome },
                at(),
                Actor::Officer { id: OFFICER },
            )
            .unwrap();
            let after = apply(&state, &event).unwrap().unwrap();
            assert_eq!(after.phase, CasePhase::Closed { outcome });
        }
    }

    #[test]
    fn an_event_that_cannot_follow_the_state_is_rejected_by_apply() {
        let event = CaseEvent {
            at: at(),
            actor: Actor::System,
            kind: CaseEventKind::DraftExpired,
        };
        let error = apply(&state_in(Closed), &event).unwrap_err();
        assert_eq!(error.from, Closed);
        assert_eq!(error.event, "draft_expired");
        assert_eq!(error.code(), "event_does_not_apply");

        let stray = CaseEvent {
            at: at(),
            actor: Actor::Cosigner { id: STRANGER },
            kind: CaseEventKind::CaseCosigned {
                cosigner_id: STRANGER,
                remaining_after: 0,
            },
        };
        assert!(apply(&state_in(AwaitingCosignature), &stray).is_err());
    }

    #[test]
    fn every_change_to_a_draft_counts_a_revision_and_voids_the_signature() {
        let owner = Actor::Citizen { id: OWNER };
        let state = signed_draft();
        for command in [
            valid_command(CaseCommandKind::SaveAnswers),
            valid_command(CaseCommandKind::AddAttachment),
            valid_command(CaseCommandKind::RemoveAttachment),
        ] {
            let event = decide(&state, command, at(), owner).unwrap();
            let after = apply(&state, &event).unwrap().unwrap();
            assert_eq!(after.revision, 2);
            assert_eq!(after.phase, CasePhase::Draft { signed: false });
            let submit = CaseCommand::Submit {
                complete: true,
                signature_required: true,
            };
            assert_eq!(
                decide(&after, submit, at(), owner),
                Err(TransitionError::SignatureRequired)
            );
        }
    }

    #[test]
    fn a_stale_revision_is_an_edit_conflict_and_an_old_signature_does_not_count() {
        let owner = Actor::Citizen { id: OWNER };
        // Answers last saved at revision 4, then a file added (5).
        let state = CaseState {
            revision: 5,
            answers_revision: 4,
            ..CaseState::new_draft(OWNER)
        };
        for stale in [3, 6] {
            let error = decide(
                &state,
                CaseCommand::SaveAnswers {
                    expected_revision: stale,
                },
                at(),
                owner,
            )
            .unwrap_err();
            assert_eq!(error.code(), "edit_conflict", "{stale}");
        }
        // The client's own upload since its last save does not make its next save a conflict.
        for seen in [4, 5] {
            let saved = decide(
                &state,
                CaseCommand::SaveAnswers {
                    expected_revision: seen,
                },
                at(),
                owner,
            )
            .unwrap();
            let after = apply(&state, &saved).unwrap().unwrap();
            assert_eq!((after.revision, after.answers_revision), (6, 6));
        }
        let error = decide(
            &state,
            CaseCommand::RecordSignature { signed_revision: 4 },
            at(),
            owner,
        )
        .unwrap_err();
        assert_eq!(error.code(), "draft_changed");
        let signed = decide(
            &state,
            CaseCommand::RecordSignature { signed_revision: 5 },
            at(),
            owner,
        )
        .unwrap();
        let after = apply(&state, &signed).unwrap().unwrap();
        assert_eq!(after.phase, CasePhase::Draft { signed: true });
        assert_eq!(after.revision, 5);
    }

    #[test]
    fn a_field_with_all_its_files_takes_no_more() {
        let error = decide(
            &state_in(Draft),
            CaseCommand::AddAttachment {
                attachment_id: Uuid::from_u128(10),
                field_id: "photo".to_owned(),
                files_in_field: 3,
                max_files: 3,
            },
            at(),
            Actor::Citizen { id: OWNER },
        )
        .unwrap_err();
        assert_eq!(error, TransitionError::TooManyFiles { max: 3 });
        assert_eq!(error.code(), "too_many_files");
    }

    #[test]
    fn replay_rebuilds_the_state_from_the_first_event_on() {
        let (state, created) = start_draft(OWNER, at());
        assert_eq!(replay([&created]).unwrap(), Some(state.clone()));
        let saved = decide(
            &state,
            CaseCommand::SaveAnswers {
                expected_revision: 1,
            },
            at(),
            Actor::Citizen { id: OWNER },
        )
        .unwrap();
        let after = apply(&state, &saved).unwrap();
        assert_eq!(replay([&created, &saved]).unwrap(), after);
        assert!(
            replay([&saved]).is_err(),
            "a history must start with draft_created"
        );
        assert_eq!(replay(std::iter::empty()).unwrap(), None);
    }

    #[test]
    fn statuses_are_grouped_into_saved_ongoing_and_closed() {
        assert_eq!(Draft.group(), CaseGroup::Saved);
        assert_eq!(AwaitingCosignature.group(), CaseGroup::Ongoing);
        assert_eq!(Submitted.group(), CaseGroup::Ongoing);
        assert_eq!(InProgress.group(), CaseGroup::Ongoing);
        assert_eq!(Closed.group(), CaseGroup::Closed);
    }

    #[test]
    fn statuses_serialise_as_snake_case() {
        for status in CaseStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(serde_json::from_str::<CaseStatus>(&json).unwrap(), status);
        }
        assert_eq!(
            serde_json::to_string(&AwaitingCosignature).unwrap(),
            "\"awaiting_cosignature\""
        );
        for kind in CaseCommandKind::ALL {
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
    }

    #[test]
    fn events_round_trip_through_json() {
        let event = CaseEvent {
            at: at(),
            actor: Actor::Officer { id: OFFICER },
            kind: CaseEventKind::CaseClosed {
                outcome: CaseOutcome::Referred,
            },
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["kind"]["type"], "case_closed");
        assert_eq!(json["kind"]["outcome"], "referred");
        assert_eq!(json["actor"]["role"], "officer");
        let back: CaseEvent = serde_json::from_value(json).unwrap();
        assert_eq!(back, event);
    }

    fn any_command() -> impl Strategy<Value = CaseCommand> {
        let id = prop_oneof![
            Just(OWNER),
            Just(COSIGNER_A),
            Just(COSIGNER_B),
            Just(STRANGER)
        ];
        prop_oneof![
            (any::<bool>(), any::<bool>()).prop_map(|(complete, signature_required)| {
                CaseCommand::Submit {
                    complete,
                    signature_required,
                }
            }),
            (any::<bool>(), prop::collection::vec(id, 0..4)).prop_map(|(complete, cosigners)| {
                CaseCommand::RequestCosignature {
                    complete,
                    cosigners,
                }
            }),
            (0_u32..4).prop_map(|expected_revision| CaseCommand::SaveAnswers { expected_revision }),
            (0_u32..3, 1_u32..3).prop_map(|(files_in_field, max_files)| {
                CaseCommand::AddAttachment {
                    attachment_id: Uuid::from_u128(10),
                    field_id: "photo".to_owned(),
                    files_in_field,
                    max_files,
                }
            }),
            Just(CaseCommand::RemoveAttachment {
                attachment_id: Uuid::from_u128(10),
                field_id: "photo".to_owned(),
            }),
            (0_u32..4).prop_map(|signed_revision| CaseCommand::RecordSignature { signed_revision }),
            Just(CaseCommand::Cosign),
            Just(CaseCommand::DeclineCosignature),
            Just(CaseCommand::ExpireCosignature),
            Just(CaseCommand::WithdrawCosignature),
            Just(CaseCommand::StartHandling {
                officer_id: OFFICER
            }),
            Just(CaseCommand::Close {
                outcome: CaseOutcome::Decided
            }),
            "[ a-z]{0,3}".prop_map(|reason| CaseCommand::Reopen { reason }),
            Just(CaseCommand::DeleteDraft),
            Just(CaseCommand::ExpireDraft),
        ]
    }

    fn any_actor() -> impl Strategy<Value = Actor> {
        prop::sample::select(every_actor().to_vec())
    }

    proptest! {
        #[test]
        fn every_accepted_command_produces_an_event_that_applies(
            steps in prop::collection::vec((any_command(), any_actor()), 0..40),
        ) {
            let (initial, created) = start_draft(OWNER, at());
            let mut history = vec![created];
            let mut state = Some(initial);
            for (command, actor) in steps {
                let Some(current) = state.clone() else { break };
                let kind = command.kind();
                match decide(&current, command, at(), actor) {
                    Ok(event) => {
                        prop_assert_eq!(actor.role(), kind.allowed_role());
                        state = apply(&current, &event).unwrap();
                        history.push(event);
                        if let Some(next) = &state {
                            prop_assert_eq!(next.owner_id, OWNER);
                            if let CasePhase::AwaitingCosignature { pending } = &next.phase {
                                prop_assert!(!pending.is_empty());
                            }
                        }
                    }
                    Err(error) => {
                        prop_assert!(!error.code().is_empty());
                    }
                }
            }
            prop_assert_eq!(replay(&history).unwrap(), state);
        }
    }
}
