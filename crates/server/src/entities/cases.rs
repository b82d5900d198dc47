//! `cases`: a citizen's case from the first draft save to closing.

use sea_orm::entity::prelude::*;

/// A row of `cases`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    /// Random id (never guessable, never sequential).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The citizen who started it.
    pub owner_id: Uuid,
    /// The e-service.
    pub e_service_slug: String,
    /// The definition version the case was started on.
    pub e_service_version: i32,
    /// The lifecycle status; the domain's [`domain::CaseStatus`].
    pub status: Status,
    /// The answers (JSON object).
    pub answers: String,
    /// Given at submission, e.g. `2026-000123`.
    pub case_number: Option<String>,
    /// Optimistic lock: every change increments it.
    pub lock_version: i32,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
    /// Submitted.
    pub submitted_at: Option<DateTimeUtc>,
    /// When a draft expires.
    pub expires_at: Option<DateTimeUtc>,
    /// Draft phase: the owner has signed the current revision.
    pub applicant_signed: bool,
    /// In-progress phase: the handling officer.
    pub assigned_officer_id: Option<Uuid>,
    /// Closed phase: how the case ended.
    pub outcome: Option<Outcome>,
    /// Awaiting-co-signature phase: the co-signers still to sign (JSON array of user ids).
    pub pending_cosigners: Option<String>,
    /// How many events the case has; every change moves it on by one, only if it is unchanged
    /// since the state was read (compare and swap).
    pub last_event_seq: i32,
    /// The revision (`lock_version`) the last save of the answers made.
    pub answers_revision: i32,
    /// The officer group of the definition it was filed on (set at submission).
    pub officer_group: Option<String>,
    /// Closed phase: when.
    pub closed_at: Option<DateTimeUtc>,
    /// Officer messages the owner has not read.
    pub unread_by_citizen: i32,
    /// Citizen messages no officer has read.
    pub unread_by_officer: i32,
    /// The latest message.
    pub last_message_at: Option<DateTimeUtc>,
    /// The `expires_at` the owner was last warned about (a later save moves `expires_at` on, so
    /// the warning is due again).
    pub expiry_warned_for: Option<DateTimeUtc>,
    /// A draft's label on Mina sidor: the first text the owner wrote, shortened.
    pub draft_label: Option<String>,
    /// A draft's step the owner was on at the last save (a step id), where it reopens.
    pub draft_step: Option<String>,
}

/// The stored form of [`domain::CaseStatus`]; the only place its names are spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(30))")]
pub enum Status {
    /// [`domain::CaseStatus::Draft`].
    #[sea_orm(string_value = "draft")]
    Draft,
    /// [`domain::CaseStatus::AwaitingCosignature`].
    #[sea_orm(string_value = "awaiting_cosignature")]
    AwaitingCosignature,
    /// [`domain::CaseStatus::Submitted`].
    #[sea_orm(string_value = "submitted")]
    Submitted,
    /// [`domain::CaseStatus::InProgress`].
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    /// [`domain::CaseStatus::Closed`].
    #[sea_orm(string_value = "closed")]
    Closed,
}

impl From<domain::CaseStatus> for Status {
    fn from(status: domain::CaseStatus) -> Self {
        match status {
            domain::CaseStatus::Draft => Self::Draft,
            domain::CaseStatus::AwaitingCosignature => Self::AwaitingCosignature,
            domain::CaseStatus::Submitted => Self::Submitted,
            domain::CaseStatus::InProgress => Self::InProgress,
            domain::CaseStatus::Closed => Self::Closed,
        }
    }
}

impl From<Status> for domain::CaseStatus {
    fn from(status: Status) -> Self {
        match status {
            Status::Draft => Self::Draft,
            Status::AwaitingCosignature => Self::AwaitingCosignature,
            Status::Submitted => Self::Submitted,
            Status::InProgress => Self::InProgress,
            Status::Closed => Self::Closed,
        }
    }
}

/// The stored form of [`domain::CaseOutcome`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum Outcome {
    /// [`domain::CaseOutcome::Decided`].
    #[sea_orm(string_value = "decided")]
    Decided,
    /// [`domain::CaseOutcome::Withdrawn`].
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
    /// [`domain::CaseOutcome::Dismissed`].
    #[sea_orm(string_value = "dismissed")]
    Dismissed,
    /// [`domain::CaseOutcome::Forwarded`].
    #[sea_orm(string_value = "forwarded")]
    Forwarded,
    /// [`domain::CaseOutcome::Other`].
    #[sea_orm(string_value = "other")]
    Other,
}

impl From<domain::CaseOutcome> for Outcome {
    fn from(outcome: domain::CaseOutcome) -> Self {
        match outcome {
            domain::CaseOutcome::Decided => Self::Decided,
            domain::CaseOutcome::Withdrawn => Self::Withdrawn,
            domain::CaseOutcome::Dismissed => Self::Dismissed,
            domain::CaseOutcome::Forwarded => Self::Forwarded,
            domain::CaseOutcome::Other => Self::Other,
        }
    }
}

impl From<Outcome> for domain::CaseOutcome {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Decided => Self::Decided,
            Outcome::Withdrawn => Self::Withdrawn,
            Outcome::Dismissed => Self::Dismissed,
            Outcome::Forwarded => Self::Forwarded,
            Outcome::Other => Self::Other,
        }
    }
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
