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
//! | submitted, in_progress| assign, publish_status_note                    | (unchanged)           |
//! | submitted, in_progress| close                                          | closed                |
//! | submitted … closed    | post_officer_message, post_citizen_message     | (unchanged)           |
//! | closed                | reopen                                         | in_progress           |
//!
//! A citizen may write on a closed case only within the e-service's reply window.

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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseOutcome {
    /// A decision was made ("beslutat").
    Decided,
    /// The applicant withdrew the case ("återkallat").
    Withdrawn,
    /// The case was dismissed without examination ("avvisat").
    Dismissed,
    /// Handed over to another authority ("överlämnat").
    Forwarded,
    /// Any other reason, e.g. written off ("avskrivet").
    Other,
}

impl CaseOutcome {
    /// Every outcome; for forms and exhaustive tests.
    pub const ALL: [Self; 5] = [
        Self::Decided,
        Self::Withdrawn,
        Self::Dismissed,
        Self::Forwarded,
        Self::Other,
    ];

    /// The snake_case name used in JSON.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Decided => "decided",
            Self::Withdrawn => "withdrawn",
            Self::Dismissed => "dismissed",
            Self::Forwarded => "forwarded",
            Self::Other => "other",
        }
    }
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
        /// The decision as the citizen reads it; blank means none.
        decision: Option<String>,
    },
    /// An officer assigns the case to themself or a colleague.
    Assign {
        /// The officer who will handle the case.
        officer_id: Uuid,
    },
    /// An officer publishes a note on the case's progress that the citizen sees in the history.
    PublishStatusNote {
        /// The note; must not be blank.
        text: String,
    },
    /// The owner writes to the case officer.
    PostCitizenMessage {
        /// The new message's id.
        message_id: Uuid,
        /// Days after closing that the owner may still write (the e-service's setting).
        reply_window_days: u32,
    },
    /// An officer writes to the owner.
    PostOfficerMessage {
        /// The new message's id.
        message_id: Uuid,
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
            Self::Assign { .. } => CaseCommandKind::Assign,
            Self::PublishStatusNote { .. } => CaseCommandKind::PublishStatusNote,
            Self::PostCitizenMessage { .. } => CaseCommandKind::PostCitizenMessage,
            Self::PostOfficerMessage { .. } => CaseCommandKind::PostOfficerMessage,
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
    /// See [`CaseCommand::Assign`].
    Assign,
    /// See [`CaseCommand::PublishStatusNote`].
    PublishStatusNote,
    /// See [`CaseCommand::PostCitizenMessage`].
    PostCitizenMessage,
    /// See [`CaseCommand::PostOfficerMessage`].
    PostOfficerMessage,
}

impl CaseCommandKind {
    /// Every command kind; for exhaustive tests.
    pub const ALL: [Self; 19] = [
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
        Self::Assign,
        Self::PublishStatusNote,
        Self::PostCitizenMessage,
        Self::PostOfficerMessage,
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
            Self::Assign => "assign",
            Self::PublishStatusNote => "publish_status_note",
            Self::PostCitizenMessage => "post_citizen_message",
            Self::PostOfficerMessage => "post_officer_message",
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
            | Self::DeleteDraft
            | Self::PostCitizenMessage => ActorRole::Citizen,
            Self::Cosign | Self::DeclineCosignature => ActorRole::Cosigner,
            Self::StartHandling
            | Self::Close
            | Self::Reopen
            | Self::Assign
            | Self::PublishStatusNote
            | Self::PostOfficerMessage => ActorRole::Officer,
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
    Submitted {
        /// The officer it is assigned to, if any, before handling starts.
        assigned_to: Option<Uuid>,
    },
    /// See [`CaseStatus::InProgress`].
    InProgress {
        /// The officer handling the case.
        officer_id: Uuid,
    },
    /// See [`CaseStatus::Closed`].
    Closed {
        /// How the case ended.
        outcome: CaseOutcome,
        /// When it was closed (the citizen's reply window counts from here).
        closed_at: DateTime<Utc>,
    },
}

impl CasePhase {
    /// The status without phase data.
    #[must_use]
    pub const fn status(&self) -> CaseStatus {
        match self {
            Self::Draft { .. } => CaseStatus::Draft,
            Self::AwaitingCosignature { .. } => CaseStatus::AwaitingCosignature,
            Self::Submitted { .. } => CaseStatus::Submitted,
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
        /// The decision text for the citizen, trimmed; `None` when none was given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        decision: Option<String>,
    },
    /// The case was assigned to an officer.
    CaseAssigned {
        /// The officer now responsible.
        officer_id: Uuid,
    },
    /// An officer published a note on the case's progress for the citizen.
    StatusNotePublished {
        /// The note, trimmed.
        text: String,
    },
    /// A message was written in the case's thread (the actor says by whom).
    MessagePosted {
        /// The message.
        message_id: Uuid,
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
            Self::CaseAssigned { .. } => "case_assigned",
            Self::StatusNotePublished { .. } => "status_note_published",
            Self::MessagePosted { .. } => "message_posted",
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
    /// A status note must not be blank.
    #[error("the note must not be blank")]
    TextRequired,
    /// The citizen's reply window after closing has passed.
    #[error("the case was closed more than {days} days ago; messages are closed")]
    MessagingClosed {
        /// The e-service's reply window.
        days: u32,
    },
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
            Self::TextRequired => "text_required",
            Self::MessagingClosed { .. } => "messaging_closed",
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

mod apply;
mod decide;

pub use apply::{apply, replay, start_draft};
pub use decide::decide;

#[cfg(test)]
mod tests;
