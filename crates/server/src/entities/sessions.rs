//! `sessions`: one row per login, so logout and timeouts are enforced by the server.

use sea_orm::entity::prelude::*;

/// A row of `sessions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// Random id, the token's `sid`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The user.
    pub user_id: Uuid,
    /// Login time.
    pub created_at: DateTimeUtc,
    /// Last authenticated request (slides the idle window).
    pub last_seen_at: DateTimeUtc,
    /// Absolute end of the session.
    pub expires_at: DateTimeUtc,
    /// Set at logout or when a timeout was detected.
    pub revoked_at: Option<DateTimeUtc>,
}

/// Relations of `sessions`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The session's user (loaded with it in one query).
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::Id"
    )]
    User,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
