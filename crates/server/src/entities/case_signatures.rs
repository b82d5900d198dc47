//! `case_signatures`: BankID signatures of a case's answers.

use sea_orm::entity::prelude::*;

/// A row of `case_signatures`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_signatures")]
pub struct Model {
    /// Random id the client polls with.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The case.
    pub case_id: Uuid,
    /// Who must sign (the logged-in owner).
    pub user_id: Uuid,
    /// BankID's order reference.
    pub order_ref: String,
    /// For the animated QR code.
    pub qr_start_token: String,
    /// For the animated QR code; never sent to a client.
    pub qr_start_secret: String,
    /// `this_device` or `other_device`.
    pub device: String,
    /// SHA-256 (hex) of the canonical answers that are signed.
    pub answers_digest: String,
    /// The case's lock version when signing started; a change afterwards voids the signature.
    pub lock_version: i32,
    /// `pending`, `complete`, `failed` or `cancelled`.
    pub status: String,
    /// BankID's signature (base64 XML-DSig), when complete.
    pub signature: Option<String>,
    /// BankID's OCSP response (base64), when complete.
    pub ocsp_response: Option<String>,
    /// Started.
    pub started_at: DateTimeUtc,
    /// Completed, failed or cancelled.
    pub finished_at: Option<DateTimeUtc>,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
