//! `notifications`: notification events recorded with the change that causes them, for the notifications worker.

use sea_orm::entity::prelude::*;

/// A row of `notifications`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    /// Random id (the provider's idempotency key).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The case.
    pub case_id: Uuid,
    /// The citizen to notify.
    pub user_id: Uuid,
    /// What happened, e.g. `officer_message`, `status_note`, `case_closed`.
    pub kind: String,
    /// `pending` until delivered.
    pub status: String,
    /// Recorded.
    pub created_at: DateTimeUtc,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
