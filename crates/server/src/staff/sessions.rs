//! Staff sessions: the same rules as citizens' (a server-side row named by a signed token,
//! 30 minutes idle, 12 hours at most, revoked at logout), in their own table and with their own
//! token type, so a citizen's token never opens the officer side and the reverse.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::Expr,
};
use uuid::Uuid;

use super::StaffMember;
use crate::auth::tokens::TokenKind;
use crate::entities::{staff, staff_sessions};
use crate::error::{ApiError, AuthFailure};
use crate::state::AppState;

/// A staff member's authenticated request.
#[derive(Debug, Clone)]
pub struct StaffAuthenticated {
    /// Who.
    pub member: StaffMember,
    /// The session, its idle window already slid.
    pub session: staff_sessions::Model,
}

/// Starts a session; returns it and its token.
pub async fn create(
    db: &impl ConnectionTrait,
    state: &AppState,
    staff_id: Uuid,
) -> Result<(staff_sessions::Model, String), ApiError> {
    let now = state.clock.now();
    let expires_at = now + Duration::hours(i64::from(state.settings.auth.absolute_lifetime_hours));
    let session = staff_sessions::ActiveModel {
        id: Set(Uuid::new_v4()),
        staff_id: Set(staff_id),
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
        .issue_for(TokenKind::Staff, staff_id, session.id, now, expires_at)
        .map_err(ApiError::internal)?;
    Ok((session, token))
}

/// Checks a staff token against its session and account, and slides the idle window.
pub async fn authenticate(state: &AppState, token: &str) -> Result<StaffAuthenticated, ApiError> {
    let now = state.clock.now();
    let claims = state
        .token_keys
        .verify_for(TokenKind::Staff, token, now)
        .map_err(|_| ApiError::Unauthenticated(AuthFailure::InvalidToken))?;
    let revoked = || ApiError::Unauthenticated(AuthFailure::Revoked);
    let session = staff_sessions::Entity::find_by_id(claims.sid)
        .one(&state.db)
        .await
        .map_err(ApiError::internal)?
        .filter(|session| session.staff_id == claims.sub && session.revoked_at.is_none())
        .ok_or_else(revoked)?;
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
        tracing::info!(staff_id = %session.staff_id, reason = failure.code(), "staff session ended");
        return Err(ApiError::Unauthenticated(failure));
    }
    let account = staff::Entity::find_by_id(session.staff_id)
        .one(&state.db)
        .await
        .map_err(ApiError::internal)?
        .filter(|account| account.disabled_at.is_none())
        .ok_or_else(revoked)?;
    let member = super::member(&state.db, account)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(revoked)?;
    // As citizens' sessions: written at most every `session_touch_seconds`.
    let last_seen_at = if crate::auth::sessions::slide_due(state, session.last_seen_at, now) {
        staff_sessions::Entity::update_many()
            .col_expr(staff_sessions::Column::LastSeenAt, Expr::value(now))
            .filter(staff_sessions::Column::Id.eq(session.id))
            .filter(staff_sessions::Column::RevokedAt.is_null())
            .exec(&state.db)
            .await
            .map_err(ApiError::internal)?;
        now
    } else {
        session.last_seen_at
    };
    Ok(StaffAuthenticated {
        member,
        session: staff_sessions::Model {
            last_seen_at,
            ..session
        },
    })
}

/// Ends a session.
pub async fn revoke(
    db: &impl ConnectionTrait,
    session_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    staff_sessions::Entity::update_many()
        .col_expr(staff_sessions::Column::RevokedAt, Expr::value(Some(now)))
        .filter(staff_sessions::Column::Id.eq(session_id))
        .filter(staff_sessions::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map_err(ApiError::internal)?;
    Ok(())
}
