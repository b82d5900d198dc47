//! `staff_sessions`: one row per staff login, with the same timeouts as citizens' sessions.

use sea_orm::entity::prelude::*;

/// A row of `staff_sessions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_sessions")]
pub struct Model {
    /// Random id, the token's `sid`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The staff member.
    pub staff_id: Uuid,
    /// Login time.
    pub created_at: DateTimeUtc,
    /// Last authenticated request.
    pub last_seen_at: DateTimeUtc,
    /// Absolute end.
    pub expires_at: DateTimeUtc,
    /// Logout or timeout.
    pub revoked_at: Option<DateTimeUtc>,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
