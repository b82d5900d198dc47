//! The counters in the database, shared by every node: a fixed one-minute window per bucket,
//! counted with one upsert for all the request's keys.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, Value};

use super::{Budget, Key, Limits, RateLimitSettings, Refusal};

const WINDOW_SECONDS: i64 = 60;

/// Every budget's limits; the counts are in `rate_limit_hits`.
#[derive(Debug)]
pub struct SharedLimits {
    limits: Vec<(Budget, Limits)>,
}

impl SharedLimits {
    /// The settings' limits.
    pub fn new(settings: &RateLimitSettings) -> Self {
        Self {
            limits: Budget::ALL
                .iter()
                .map(|budget| (*budget, settings.limits(*budget)))
                .collect(),
        }
    }

    /// Counts one request against every key in one statement.
    pub async fn check(
        &self,
        db: &DatabaseConnection,
        budget: Budget,
        keys: &[Key],
        now: DateTime<Utc>,
    ) -> Result<(), Refusal> {
        let Some((_, limits)) = self.limits.iter().find(|(b, _)| *b == budget) else {
            return Err(Refusal::Unavailable);
        };
        let window = now.timestamp().div_euclid(WINDOW_SECONDS) * WINDOW_SECONDS;
        let counts = count(db, budget, keys, window).await.map_err(|error| {
            tracing::warn!(%error, "rate limit counters could not be written");
            Refusal::Unavailable
        })?;
        let over = keys.iter().zip(&counts).any(|(key, hits)| {
            let limit = match key {
                Key::Ip(_) => limits.per_ip,
                Key::User(_) => limits.per_user,
            };
            *hits > i64::from(limit)
        });
        if over {
            let left = window + WINDOW_SECONDS - now.timestamp();
            return Err(Refusal::Limited(u64::try_from(left).unwrap_or(1).max(1)));
        }
        Ok(())
    }
}

/// Adds one hit to each key's bucket in `window`; the counts after, in the keys' order.
async fn count(
    db: &DatabaseConnection,
    budget: Budget,
    keys: &[Key],
    window: i64,
) -> Result<Vec<i64>, DbErr> {
    let backend = db.get_database_backend();
    let buckets: Vec<String> = keys.iter().map(|key| key.bucket(budget)).collect();
    let mut values: Vec<Value> = Vec::with_capacity(buckets.len() * 2);
    let mut rows = Vec::with_capacity(buckets.len());
    for bucket in &buckets {
        let first = values.len() + 1;
        rows.push(match backend {
            DbBackend::Postgres => format!("(${first}, ${}, 1)", first + 1),
            _ => "(?, ?, 1)".to_owned(),
        });
        values.push(bucket.clone().into());
        values.push(window.into());
    }
    let sql = format!(
        "INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES {} \
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1 \
         RETURNING bucket, hits",
        rows.join(", ")
    );
    let result = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut counts = vec![0i64; buckets.len()];
    for row in result {
        let bucket: String = row.try_get("", "bucket")?;
        let hits: i32 = row.try_get("", "hits")?;
        if let Some(index) = buckets.iter().position(|b| *b == bucket) {
            counts[index] = i64::from(hits);
        }
    }
    Ok(counts)
}

/// Deletes the minutes before the current one; the number of rows deleted.
pub async fn sweep(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    let current = now.timestamp().div_euclid(WINDOW_SECONDS) * WINDOW_SECONDS;
    let sql = match backend {
        DbBackend::Postgres => "DELETE FROM rate_limit_hits WHERE window_start < $1",
        _ => "DELETE FROM rate_limit_hits WHERE window_start < ?",
    };
    let result = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [current.into()],
        ))
        .await?;
    Ok(result.rows_affected())
}
