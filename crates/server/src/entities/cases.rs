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
    /// `draft`, `awaiting_cosignature`, `submitted`, `in_progress` or `closed`.
    pub status: String,
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
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
