//! `message_attachments`: files sent with a message; uploaded first, then linked to the message.

use sea_orm::entity::prelude::*;

/// A row of `message_attachments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message_attachments")]
pub struct Model {
    /// Random id; also the storage key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The case.
    pub case_id: Uuid,
    /// The message, once sent.
    pub message_id: Option<Uuid>,
    /// Who uploaded it (user or staff id).
    pub uploader_id: Uuid,
    /// The cleaned original name.
    pub file_name: String,
    /// The sniffed type.
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
