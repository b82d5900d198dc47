//! `case_messages`: the message thread of a case, between its owner and the officers.

use sea_orm::entity::prelude::*;

/// A row of `case_messages`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_messages")]
pub struct Model {
    /// Random id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The case.
    pub case_id: Uuid,
    /// `citizen` or `officer`.
    pub author_role: String,
    /// The user or staff id of the writer.
    pub author_id: Uuid,
    /// The writer's name when it was written.
    pub author_name: String,
    /// The text as typed (shown as text, never as markup).
    pub body: String,
    /// Written.
    pub created_at: DateTimeUtc,
    /// When the other side first read it.
    pub read_at: Option<DateTimeUtc>,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
