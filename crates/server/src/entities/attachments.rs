//! `attachments`: uploaded files, stored under their random id.

use sea_orm::entity::prelude::*;

/// A row of `attachments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    /// Random id; also the storage key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The uploader.
    pub owner_id: Uuid,
    /// The case (draft) it belongs to.
    pub case_id: Uuid,
    /// The form field it answers.
    pub field_id: String,
    /// The original name, cleaned; only shown, never used as a path.
    pub file_name: String,
    /// The type found by content sniffing.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// SHA-256 of the content (hex).
    pub sha256: String,
    /// Uploaded.
    pub created_at: DateTimeUtc,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
