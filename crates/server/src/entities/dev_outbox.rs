//! `dev_outbox`: e-mail and SMS caught by the dev mailbox (development only).

use sea_orm::entity::prelude::*;

/// A row of `dev_outbox`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dev_outbox")]
pub struct Model {
    /// Random id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The outbox row it delivered.
    pub notification_id: Uuid,
    /// `email` or `sms`.
    pub channel: String,
    /// The address or number.
    pub recipient: String,
    /// E-mail subject.
    pub subject: Option<String>,
    /// The text (e-mail text part, or the SMS).
    pub text_body: String,
    /// The e-mail's HTML part.
    pub html_body: Option<String>,
    /// Caught.
    pub created_at: DateTimeUtc,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
