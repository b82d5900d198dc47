//! The session rows: created at login, checked and slid on every authenticated request, revoked
//! at logout or when a timeout is detected.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use crate::entities::{sessions, users};
use crate::error::{ApiError, AuthFailure};
use crate::state::AppState;

/// A new session and the token that names it.
pub struct NewSession {
    /// The row.
    pub session: sessions::Model,
    /// The signed token.
    pub token: String,
}

/// Never prints the token.
impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSession")
            .field("session", &self.session)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// An authenticated request's user and session (after sliding the idle window).
#[derive(Debug, Clone)]
pub struct Authenticated {
    /// The user.
    pub user: users::Model,
    /// The session, with `last_seen_at` already updated.
    pub session: sessions::Model,
}

/// Starts a session for a user: a new random id every login, so nothing from before the login
/// can be reused after it.
pub async fn create(state: &AppState, user_id: Uuid) -> Result<NewSession, ApiError> {
    create_in(&state.db, state, user_id).await
}

/// [`create`] on `db`, e.g. inside the transaction that completes a login.
pub async fn create_in(
    db: &impl ConnectionTrait,
    state: &AppState,
    user_id: Uuid,
) -> Result<NewSession, ApiError> {
    let now = state.clock.now();
    let expires_at = now + Duration::hours(i64::from(state.settings.auth.absolute_lifetime_hours));
    let session = sessions::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    }
    .insert(db)
    .await
    .map_err(ApiError::internal)?;
    let token = state
        .token_keys
        .issue(user_id, session.id, now, expires_at)
        .map_err(ApiError::internal)?;
    Ok(NewSession { session, token })
}

/// Checks a token against its session row and slides the idle window.
pub async fn authenticate(state: &AppState, token: &str) -> Result<Authenticated, ApiError> {
    let now = state.clock.now();
    let claims = state
        .token_keys
        .verify(token, now)
        .map_err(|_| ApiError::Unauthenticated(AuthFailure::InvalidToken))?;
    // The session and its user in one query.
    let Some((session, user)) = sessions::Entity::find_by_id(claims.sid)
        .find_also_related(users::Entity)
        .one(&state.db)
        .await
        .map_err(ApiError::internal)?
    else {
        return Err(ApiError::Unauthenticated(AuthFailure::Revoked));
    };
    if session.user_id != claims.sub || session.revoked_at.is_some() {
        return Err(ApiError::Unauthenticated(AuthFailure::Revoked));
    }
    let idle = Duration::minutes(i64::from(state.settings.auth.idle_timeout_minutes));
    let failure = if now >= session.expires_at {
        Some(AuthFailure::LifetimeExceeded)
    } else if now > session.last_seen_at + idle {
        Some(AuthFailure::IdleTimeout)
    } else {
        None
    };
    if let Some(failure) = failure {
        revoke(&state.db, session.id, now).await?;
        tracing::info!(user_id = %session.user_id, session_id = %session.id, reason = failure.code(), "session ended");
        return Err(ApiError::Unauthenticated(failure));
    }
    let Some(user) = user else {
        return Err(ApiError::Unauthenticated(AuthFailure::Revoked));
    };
    // Slide the idle window at most every `session_touch_seconds`, so a reading request is not
    // a write (on SQLite every write takes the one writer lock); the idle rule is then exact to
    // within that many seconds. Only forward and only while not revoked: a logout racing this
    // request wins.
    let last_seen_at = if slide_due(state, session.last_seen_at, now) {
        sessions::Entity::update_many()
            .col_expr(sessions::Column::LastSeenAt, Expr::value(now))
            .filter(sessions::Column::Id.eq(session.id))
            .filter(sessions::Column::RevokedAt.is_null())
            .exec(&state.db)
            .await
            .map_err(ApiError::internal)?;
        now
    } else {
        session.last_seen_at
    };
    Ok(Authenticated {
        user,
        session: sessions::Model {
            last_seen_at,
            ..session
        },
    })
}

/// Whether a request at `now` writes the session's last activity: at most every
/// `APP__AUTH__SESSION_TOUCH_SECONDS` (citizens' and staff sessions alike).
pub(crate) fn slide_due(state: &AppState, last_seen_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last_seen_at >= Duration::seconds(i64::from(state.settings.auth.session_touch_seconds))
}

/// Ends a session (logout or timeout).
pub async fn revoke(
    db: &DatabaseConnection,
    session_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(Some(now)))
        .filter(sessions::Column::Id.eq(session_id))
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map_err(ApiError::internal)?;
    Ok(())
}
