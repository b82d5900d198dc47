//! `staff`: municipal staff (officers and administrators) who log in with a password or OpenID Connect.

use sea_orm::entity::prelude::*;

/// A row of `staff`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff")]
pub struct Model {
    /// Random id; the officer id in case events.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Login name, lower case.
    pub username: String,
    /// Name shown to colleagues and, for officers, to citizens.
    pub display_name: String,
    /// Work e-mail.
    pub email: Option<String>,
    /// `officer` or `admin`.
    pub role: String,
    /// Argon2id PHC string; none for accounts that log in with OpenID Connect only.
    pub password_hash: Option<String>,
    /// `iss` and `sub` of the identity provider account, once linked.
    pub oidc_subject: Option<String>,
    /// Created.
    pub created_at: DateTimeUtc,
    /// Latest login.
    pub last_login_at: Option<DateTimeUtc>,
    /// Set when the account may no longer log in.
    pub disabled_at: Option<DateTimeUtc>,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
