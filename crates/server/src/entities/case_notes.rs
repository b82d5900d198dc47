//! `case_notes`: officers' internal notes on a case; never shown to citizens.

use sea_orm::entity::prelude::*;

/// A row of `case_notes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_notes")]
pub struct Model {
    /// Random id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The case.
    pub case_id: Uuid,
    /// The officer.
    pub staff_id: Uuid,
    /// The officer's name when written.
    pub author_name: String,
    /// The note.
    pub body: String,
    /// Written.
    pub created_at: DateTimeUtc,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
