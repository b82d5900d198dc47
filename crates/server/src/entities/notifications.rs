//! `notifications`: the outbox. One row per notice and channel, written in the transaction of
//! the change that causes it; the worker delivers it (the row id is the provider's reference).

use sea_orm::entity::prelude::*;

/// A row of `notifications`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    /// Random id: the idempotency key and reference sent to the provider.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// A [`domain::NoticeKind`] name, e.g. `officer_message`.
    pub kind: String,
    /// The case it is about (none for a test notice).
    pub case_id: Option<Uuid>,
    /// The citizen it is for (none for someone without an account, e.g. an invited co-signer).
    pub user_id: Option<Uuid>,
    /// `email` or `sms`.
    pub channel: String,
    /// The address or number, until the row is finished (then cleared).
    pub recipient: Option<String>,
    /// A masked form for administrators, e.g. `a•••@exempel.se`.
    pub recipient_hint: String,
    /// `sv` or `en`.
    pub language: String,
    /// `pending`, `sending`, `sent`, `delivered` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i32,
    /// Not before.
    pub next_attempt_at: DateTimeUtc,
    /// While `sending`: the worker's claim expires then and another may take the row.
    pub lease_until: Option<DateTimeUtc>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// The provider's id for the message (delivery reports name it).
    pub provider_ref: Option<String>,
    /// Recorded.
    pub created_at: DateTimeUtc,
    /// Handed to the mail server or SMS gateway.
    pub sent_at: Option<DateTimeUtc>,
    /// Reported delivered.
    pub delivered_at: Option<DateTimeUtc>,
    /// Given up.
    pub failed_at: Option<DateTimeUtc>,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
