//! Background jobs that exactly one node runs at a time. On PostgreSQL a job's run holds a
//! transaction-scoped advisory lock (`pg_try_advisory_xact_lock`) keyed by the database's name
//! and the job, so installations sharing a PostgreSQL server do not block each other: a node
//! that finds it taken skips this round, and a node that dies mid-run releases it with its
//! connection. SQLite has one node, which always runs them.

use std::future::Future;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait};

/// A job with its lock key (any constant every node agrees on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Draft expiry, its warnings, the sweeper and unsent message files.
    Housekeeping,
}

impl Job {
    const fn lock_key(self) -> i32 {
        match self {
            Self::Housekeeping => 2,
        }
    }
}

/// Runs `work` unless another node is running `job` right now; `Ok(None)` when it was skipped.
///
/// # Errors
///
/// The database's, when the lock cannot be asked for.
pub async fn run_alone<T, F>(db: &DatabaseConnection, job: Job, work: F) -> Result<Option<T>, DbErr>
where
    F: Future<Output = T>,
{
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(Some(work.await));
    }
    let holder = db.begin().await?;
    let row = holder
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_try_advisory_xact_lock(hashtext(current_database()), $1) AS locked",
            [job.lock_key().into()],
        ))
        .await?;
    let locked = row
        .map(|row| row.try_get::<bool>("", "locked"))
        .transpose()?
        .unwrap_or(false);
    if !locked {
        holder.rollback().await?;
        return Ok(None);
    }
    let result = work.await;
    holder.commit().await?;
    Ok(Some(result))
}
