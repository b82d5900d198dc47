//! `Idempotency-Key` (IETF draft): the first response to a key is stored and replayed for a
//! retry with the same request; the same key with another request is refused (422).

use actix_web::HttpRequest;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entities::idempotency_keys;
use crate::error::ApiError;

/// A key from the request, checked for shape.
pub fn key_from(request: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = request.headers().get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().unwrap_or_default().trim().trim_matches('"');
    if key.is_empty() || key.len() > 100 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::BadRequest {
            code: "invalid_idempotency_key",
            detail: "Idempotency-Key must be 1 to 100 visible ASCII characters.".into(),
            detail_sv: "Idempotency-Key ska vara 1–100 synliga ASCII-tecken.".into(),
        });
    }
    Ok(Some(key.to_owned()))
}

/// SHA-256 of what identifies the request.
pub fn request_hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hex::encode(hasher.finalize())
}

/// A stored response for this user and key: `Ok(Some)` to replay it, `Err` when the key was
/// used for another request.
pub async fn stored(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    key: &str,
    hash: &str,
) -> Result<Option<(u16, String)>, ApiError> {
    let Some(row) = idempotency_keys::Entity::find_by_id((user_id, key.to_owned()))
        .one(db)
        .await
        .map_err(ApiError::internal)?
    else {
        return Ok(None);
    };
    if row.request_hash != hash {
        return Err(ApiError::Validation(vec![api_types::FieldError {
            field: "Idempotency-Key".into(),
            code: "idempotency_key_reused".into(),
            message: "This Idempotency-Key was already used for another request.".into(),
            message_sv: "Denna Idempotency-Key har redan använts för en annan förfrågan.".into(),
        }]));
    }
    Ok(Some((u16::try_from(row.status).unwrap_or(200), row.body)))
}

/// Stores the response for a key (inside the same transaction as the work it describes).
pub async fn store(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    key: &str,
    hash: &str,
    status: u16,
    body: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    idempotency_keys::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_owned()),
        request_hash: Set(hash.to_owned()),
        status: Set(i32::from(status)),
        body: Set(body.to_owned()),
        created_at: Set(at),
    }
    .insert(db)
    .await
    .map_err(ApiError::internal)?;
    Ok(())
}
