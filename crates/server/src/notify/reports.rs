//! Delivery reports from the SMS gateway. The callback URL given with each SMS names the notice
//! and carries an HMAC of its id, so a report can only be made for a notice this server sent,
//! and must name the gateway's own message id for it.

use api_types::NoticeStatus;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use sha2::Sha256;
use uuid::Uuid;

use super::worker::Notifier;
use crate::entities::notifications;

fn mac(key: &[u8], id: Uuid) -> Option<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
    mac.update(b"sms-delivery-report:");
    mac.update(id.as_bytes());
    Some(mac)
}

/// The key that signs callback URLs, derived from the session secret (the same on every node).
#[must_use]
pub fn derive_key(secret: &[u8]) -> Vec<u8> {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return secret.to_vec();
    };
    mac.update(b"mina-sidor notification delivery reports");
    mac.finalize().into_bytes().to_vec()
}

/// The signature of `id`'s callback URL (hex).
#[must_use]
pub fn sign(key: &[u8], id: Uuid) -> String {
    mac(key, id).map_or_else(String::new, |mac| hex::encode(mac.finalize().into_bytes()))
}

/// Whether `signature` is `id`'s (compared in constant time).
#[must_use]
pub fn verify(key: &[u8], id: Uuid, signature: &str) -> bool {
    let (Some(mac), Ok(bytes)) = (mac(key, id), hex::decode(signature)) else {
        return false;
    };
    mac.verify_slice(&bytes).is_ok()
}

/// Where the gateway reports the delivery of notice `id`.
#[must_use]
pub fn callback_url(notifier: &Notifier, id: Uuid) -> String {
    format!(
        "{}/api/v1/notifications/{id}/delivery-report?signature={}",
        notifier.public_url.trim_end_matches('/'),
        sign(&notifier.report_key, id)
    )
}

/// What a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// Stored.
    Recorded,
    /// The notice is still being handed over; the gateway should report again.
    NotYet,
    /// No sent notice with that gateway id.
    Unknown,
}

/// Records the gateway's report for notice `id` with the gateway's message id `provider_id`.
///
/// # Errors
///
/// The database's.
pub async fn record(
    db: &impl ConnectionTrait,
    id: Uuid,
    provider_id: &str,
    delivered: bool,
    now: DateTime<Utc>,
) -> Result<Recorded, DbErr> {
    let Some(row) = notifications::Entity::find_by_id(id).one(db).await? else {
        return Ok(Recorded::Unknown);
    };
    if row.status == NoticeStatus::Sending.as_str() {
        return Ok(Recorded::NotYet);
    }
    if row.provider_ref.as_deref() != Some(provider_id) {
        return Ok(Recorded::Unknown);
    }
    let update = notifications::Entity::update_many()
        .filter(notifications::Column::Id.eq(id))
        .filter(notifications::Column::ProviderRef.eq(provider_id));
    let update = if delivered {
        update
            .col_expr(
                notifications::Column::Status,
                Expr::value(NoticeStatus::Delivered.as_str()),
            )
            .col_expr(notifications::Column::DeliveredAt, Expr::value(now))
    } else {
        update
            .col_expr(
                notifications::Column::Status,
                Expr::value(NoticeStatus::Failed.as_str()),
            )
            .col_expr(notifications::Column::FailedAt, Expr::value(now))
            .col_expr(
                notifications::Column::LastError,
                Expr::value("the SMS gateway reported it undelivered"),
            )
    };
    update.exec(db).await?;
    Ok(Recorded::Recorded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_servers_signature_passes() {
        let id = Uuid::new_v4();
        let signature = sign(b"key", id);
        assert!(verify(b"key", id, &signature));
        assert!(!verify(b"other", id, &signature));
        assert!(!verify(b"key", Uuid::new_v4(), &signature));
        assert!(!verify(b"key", id, "zz"));
    }
}
