//! Nothing kept longer than needed: ended sessions, finished BankID logins (with their QR
//! secrets), idempotency keys and signings that never completed are deleted after the periods
//! below. Every delete is a plain conditional `DELETE`, so it is safe on every node at once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::auth::bankid_orders::OrderStatus;
use crate::entities::{bankid_logins, case_signatures, idempotency_keys, sessions, staff_sessions};

/// How long an ended session (logged out, timed out, past its lifetime) is kept, for the
/// "you were logged out" answers and investigations: one day.
pub const ENDED_SESSION_DAYS: i64 = 1;
/// How long a BankID login is kept after it finished or was started: one hour. BankID orders
/// live for minutes.
pub const BANKID_LOGIN_HOURS: i64 = 1;
/// How long a signing that did not complete is kept: one hour. Completed signings are the
/// evidence of what was signed and stay with the case.
pub const UNFINISHED_SIGNING_HOURS: i64 = 1;
/// How long an answered `Idempotency-Key` is replayed: one day.
pub const IDEMPOTENCY_KEY_HOURS: i64 = 24;

/// How many rows one sweep removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Citizens' and staff sessions.
    pub sessions: u64,
    /// BankID logins.
    pub bankid_logins: u64,
    /// Signings that never completed.
    pub signings: u64,
    /// Idempotency keys.
    pub idempotency_keys: u64,
}

/// Deletes what is past its period at `now`; `idle_minutes` is the session idle timeout.
///
/// # Errors
///
/// The database's.
pub async fn sweep(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    idle_minutes: u32,
) -> Result<Swept, DbErr> {
    let ended_before = now - Duration::days(ENDED_SESSION_DAYS);
    let idle = Duration::minutes(i64::from(idle_minutes));
    let citizen_sessions = sessions::Entity::delete_many()
        .filter(
            Condition::any()
                .add(sessions::Column::ExpiresAt.lt(ended_before))
                .add(sessions::Column::RevokedAt.lt(ended_before))
                .add(sessions::Column::LastSeenAt.lt(ended_before - idle)),
        )
        .exec(db)
        .await?
        .rows_affected;
    let staff = staff_sessions::Entity::delete_many()
        .filter(
            Condition::any()
                .add(staff_sessions::Column::ExpiresAt.lt(ended_before))
                .add(staff_sessions::Column::RevokedAt.lt(ended_before))
                .add(staff_sessions::Column::LastSeenAt.lt(ended_before - idle)),
        )
        .exec(db)
        .await?
        .rows_affected;
    let login_cutoff = now - Duration::hours(BANKID_LOGIN_HOURS);
    let bankid_logins = bankid_logins::Entity::delete_many()
        .filter(
            Condition::any()
                .add(bankid_logins::Column::FinishedAt.lt(login_cutoff))
                .add(bankid_logins::Column::StartedAt.lt(login_cutoff)),
        )
        .exec(db)
        .await?
        .rows_affected;
    let signing_cutoff = now - Duration::hours(UNFINISHED_SIGNING_HOURS);
    let signings = case_signatures::Entity::delete_many()
        .filter(case_signatures::Column::Status.ne(OrderStatus::Complete.as_str()))
        .filter(case_signatures::Column::StartedAt.lt(signing_cutoff))
        .exec(db)
        .await?
        .rows_affected;
    let idempotency_keys = idempotency_keys::Entity::delete_many()
        .filter(
            idempotency_keys::Column::CreatedAt.lt(now - Duration::hours(IDEMPOTENCY_KEY_HOURS)),
        )
        .exec(db)
        .await?
        .rows_affected;
    let swept = Swept {
        sessions: citizen_sessions + staff,
        bankid_logins,
        signings,
        idempotency_keys,
    };
    if swept != Swept::default() {
        tracing::info!(
            sessions = swept.sessions,
            bankid_logins = swept.bankid_logins,
            signings = swept.signings,
            idempotency_keys = swept.idempotency_keys,
            "swept"
        );
    }
    Ok(swept)
}
