//! `Idempotency-Key` (IETF draft): the first response to a key is stored and replayed for a
//! retry with the same request; the same key with another request is refused (422).

use actix_web::HttpRequest;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entities::idempotency_keys;
use crate::error::{ApiError, ErrorCode};

/// A key from the request, checked for shape.
pub fn key_from(request: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = request.headers().get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().unwrap_or_default().trim().trim_matches('"');
    if key.is_empty() || key.len() > 100 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::BadRequest {
            code: ErrorCode::InvalidIdempotencyKey,
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

/// What [`claim`] found.
#[derive(Debug)]
pub enum Claim {
    /// The key is new and is now held by this transaction until it commits or rolls back.
    Claimed,
    /// The key was answered before: replay this.
    Answered {
        /// HTTP status.
        status: u16,
        /// JSON body.
        body: String,
    },
    /// Another request holds the key and has not finished; try again shortly.
    Busy,
}

/// Claims `key` for this request inside the transaction that will answer it: a row without an
/// answer is inserted (on PostgreSQL the insert waits while another transaction holds the same
/// key, and finds it answered once that one commits). The same key with another request is
/// `idempotency_key_reused` (422).
pub async fn claim(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    key: &str,
    hash: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Claim, ApiError> {
    let inserted = idempotency_keys::Entity::insert(idempotency_keys::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_owned()),
        request_hash: Set(hash.to_owned()),
        status: Set(0),
        body: Set(String::new()),
        created_at: Set(at),
    })
    .on_conflict(
        OnConflict::columns([
            idempotency_keys::Column::UserId,
            idempotency_keys::Column::Key,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await;
    match inserted {
        Ok(rows) if rows > 0 => return Ok(Claim::Claimed),
        Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => {}
        Err(error) => return Err(ApiError::internal(error)),
    }
    let row = idempotency_keys::Entity::find_by_id((user_id, key.to_owned()))
        .one(db)
        .await
        .map_err(ApiError::internal)?;
    let Some(row) = row else {
        return Ok(Claim::Busy);
    };
    if row.request_hash != hash {
        return Err(ApiError::Validation(vec![api_types::FieldError {
            field: "Idempotency-Key".into(),
            code: "idempotency_key_reused".into(),
            message: "This Idempotency-Key was already used for another request.".into(),
            message_sv: "Denna Idempotency-Key har redan använts för en annan förfrågan.".into(),
        }]));
    }
    match u16::try_from(row.status) {
        Ok(status) if status >= 100 => Ok(Claim::Answered {
            status,
            body: row.body,
        }),
        _ => Ok(Claim::Busy),
    }
}

/// Stores the answer to a claimed key, in the transaction that claimed it.
pub async fn answer(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    key: &str,
    status: u16,
    body: &str,
) -> Result<(), ApiError> {
    idempotency_keys::Entity::update_many()
        .col_expr(
            idempotency_keys::Column::Status,
            Expr::value(i32::from(status)),
        )
        .col_expr(idempotency_keys::Column::Body, Expr::value(body))
        .filter(idempotency_keys::Column::UserId.eq(user_id))
        .filter(idempotency_keys::Column::Key.eq(key))
        .exec(db)
        .await
        .map_err(ApiError::internal)?;
    Ok(())
}
