//! `users`: citizens and staff, identified by the personnummer from BankID.

use sea_orm::entity::prelude::*;

/// A row of `users`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    /// Random id; the only identifier that leaves the server.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// 12 digits. Only used to map a BankID identity to this row.
    #[sea_orm(unique)]
    pub personnummer: String,
    /// Given name from BankID.
    pub given_name: String,
    /// Surname from BankID.
    pub surname: String,
    /// `citizen`, `officer` or `admin`.
    pub role: String,
    /// First login.
    pub created_at: DateTimeUtc,
    /// Latest login.
    pub last_login_at: Option<DateTimeUtc>,
}

/// Relations of `users`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
