//! `audit_log`: append-only record of what staff read, changed and downloaded.

use sea_orm::entity::prelude::*;

/// A row of `audit_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    /// Random id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// When.
    pub at: DateTimeUtc,
    /// Who.
    pub staff_id: Uuid,
    /// What, e.g. `case_viewed`, `attachment_downloaded`.
    pub action: String,
    /// The case concerned.
    pub case_id: Option<Uuid>,
    /// What else it concerned (a file id, a staff id).
    pub subject: Option<String>,
    /// The request id, to find the request in the logs.
    pub request_id: String,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
