//! `bankid_logins`: a BankID login between start and completion.

use sea_orm::entity::prelude::*;

/// A row of `bankid_logins`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bankid_logins")]
pub struct Model {
    /// Random id the client polls with.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// BankID's order reference.
    pub order_ref: String,
    /// For the animated QR code.
    pub qr_start_token: String,
    /// For the animated QR code; never sent to a client.
    pub qr_start_secret: String,
    /// SHA-256 (hex) of the browser binding cookie, for cookie delivery.
    pub browser_binding: Option<String>,
    /// No longer used (empty): the same-device `returnUrl` carries no nonce, since the binding
    /// cookie or the bearer login's code challenge ties the login to its client.
    pub return_nonce: String,
    /// `this_device` or `other_device`.
    pub device: String,
    /// `cookie` or `bearer`.
    pub token_delivery: String,
    /// `pending`, `complete`, `failed` or `cancelled`.
    pub status: String,
    /// When the order was started (the QR code's time base).
    pub started_at: DateTimeUtc,
    /// When it completed, failed or was cancelled.
    pub finished_at: Option<DateTimeUtc>,
}

/// Relations of `bankid_logins`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
