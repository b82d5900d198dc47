//! `notification_templates`: texts administrators have changed (the built-in ones apply
//! otherwise).

use sea_orm::entity::prelude::*;

/// A row of `notification_templates`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_templates")]
pub struct Model {
    /// A [`domain::NoticeKind`] name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    /// `sv` or `en`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub language: String,
    /// E-mail subject.
    pub subject: String,
    /// E-mail text (the HTML part is made from it).
    pub body: String,
    /// SMS text.
    pub sms: String,
    /// Last change.
    pub updated_at: DateTimeUtc,
    /// By which administrator.
    pub updated_by: Uuid,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
