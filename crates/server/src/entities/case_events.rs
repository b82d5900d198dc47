//! `case_events`: the dated history of a case.

use sea_orm::entity::prelude::*;

/// A row of `case_events`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_events")]
pub struct Model {
    /// Random id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The case.
    pub case_id: Uuid,
    /// The event's name ([`domain::CaseEventKind::name`]), for queries.
    pub kind: String,
    /// Who did it (none for the system).
    pub actor_id: Option<Uuid>,
    /// When.
    pub at: DateTimeUtc,
    /// The serialised [`domain::CaseEventKind`] (JSON), never form values.
    pub data: String,
    /// Its place in the case's history, from 1.
    pub sequence: i32,
    /// The actor's role ([`domain::ActorRole`]).
    pub actor_role: String,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
