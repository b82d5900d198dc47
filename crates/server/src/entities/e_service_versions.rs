//! `e_service_versions`: every imported version of every e-service definition.

use sea_orm::entity::prelude::*;

/// A row of `e_service_versions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "e_service_versions")]
pub struct Model {
    /// Random id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The e-service's slug.
    pub slug: String,
    /// The definition's version; drafts stay on the version they started with.
    pub version: i32,
    /// The definition document (JSON).
    pub definition: String,
    /// Whether citizens can start new cases on this version.
    pub published: bool,
    /// When it was imported.
    pub created_at: DateTimeUtc,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
