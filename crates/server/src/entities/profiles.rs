//! `profiles`: contact details a citizen saves once for prefill and notifications.

use sea_orm::entity::prelude::*;

/// A row of `profiles`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "profiles")]
pub struct Model {
    /// The user.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// E-mail address.
    pub email: Option<String>,
    /// Mobile number, E.164.
    pub phone: Option<String>,
    /// Street address.
    pub street: Option<String>,
    /// Postal code, five digits.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Notify by e-mail.
    pub notify_email: bool,
    /// Notify by SMS.
    pub notify_sms: bool,
    /// The language of notices: `sv` or `en` (unset: Swedish).
    pub language: Option<String>,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
