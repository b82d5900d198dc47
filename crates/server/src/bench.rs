//! `mina-sidor bench-seed`: the data set `just bench` measures against (citizens, their cases
//! over the demo e-services in every state, and sessions whose bearer tokens it writes to a
//! file for the load generator). It is a development tool: a production installation refuses
//! it, so no one can mint sessions there.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, TransactionTrait};
use uuid::Uuid;

use crate::auth::tokens::TokenKeys;
use crate::config::{Environment, Settings};
use crate::entities::{cases, sessions, users};

/// Rows per INSERT.
const BATCH: usize = 500;

/// What to seed.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Citizens.
    pub citizens: usize,
    /// Cases per citizen.
    pub cases_per_citizen: usize,
    /// Citizens (the first ones) who get a session and a token.
    pub sessions: usize,
}

/// Why seeding refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// Only in development.
    #[error("bench-seed mints sessions and is refused in production (set APP_ENV=development)")]
    Production,
    /// The database's.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// A made personnummer did not parse (a bug in the seeder).
    #[error("made an invalid personnummer {0}")]
    Personnummer(String),
    /// A token could not be signed.
    #[error("token: {0}")]
    Token(String),
}

/// A valid, unique personnummer for citizen `n`: birth dates from 1950 on, 900 a day.
fn personnummer(n: usize) -> String {
    let day = i64::try_from(n / 900).unwrap_or(0);
    let serial = 100 + n % 900;
    let date = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default() + Duration::days(day);
    let body = format!("{}{serial:03}", date.format("%y%m%d"));
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let digit = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            digit / 10 + digit % 10
        })
        .sum();
    format!("{}{body}{}", date.format("%C"), (10 - sum % 10) % 10)
}

const ESERVICES: [&str; 3] = ["felanmalan-gata-park", "parkeringstillstand", "skolbyte"];

fn case(owner: Uuid, n: usize, now: DateTime<Utc>) -> cases::ActiveModel {
    let (status, outcome) = match n % 5 {
        0 => (cases::Status::Draft, None),
        1 | 2 => (cases::Status::Submitted, None),
        3 => (cases::Status::InProgress, None),
        _ => (cases::Status::Closed, Some(cases::Outcome::Decided)),
    };
    let draft = status == cases::Status::Draft;
    let at = now - Duration::minutes(i64::try_from(n % 100_000).unwrap_or(0));
    cases::ActiveModel {
        id: Set(Uuid::new_v4()),
        owner_id: Set(owner),
        e_service_slug: Set(ESERVICES[n % 3].to_owned()),
        e_service_version: Set(1),
        status: Set(status),
        answers: Set("{}".to_owned()),
        // Year 2025, so the submissions measured (numbered from 2026's counter) never collide.
        case_number: Set((!draft).then(|| format!("2025-{:07}", n + 1))),
        lock_version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
        submitted_at: Set((!draft).then_some(at)),
        expires_at: Set(draft.then(|| now + Duration::days(30))),
        applicant_signed: Set(false),
        assigned_officer_id: Set(None),
        outcome: Set(outcome),
        pending_cosigners: Set(None),
        last_event_seq: Set(1),
        answers_revision: Set(1),
        officer_group: Set((!draft).then(|| "gata-park".to_owned())),
        closed_at: Set((outcome.is_some()).then_some(at)),
        unread_by_citizen: Set(0),
        unread_by_officer: Set(0),
        last_message_at: Set(None),
        expiry_warned_for: Set(None),
        draft_label: Set(None),
        draft_step: Set(None),
    }
}

/// Seeds `plan` and returns the bearer tokens of the sessions.
///
/// # Errors
///
/// [`SeedError::Production`] outside development; the database's.
pub async fn seed(
    db: &DatabaseConnection,
    settings: &Settings,
    keys: &TokenKeys,
    plan: Plan,
    now: DateTime<Utc>,
) -> Result<Vec<String>, SeedError> {
    if settings.environment != Environment::Development {
        return Err(SeedError::Production);
    }
    let mut tokens = Vec::with_capacity(plan.sessions);
    let mut case_n = 0;
    let ids: Vec<Uuid> = (0..plan.citizens).map(|_| Uuid::new_v4()).collect();
    for (chunk_n, chunk) in ids.chunks(BATCH).enumerate() {
        let transaction = db.begin().await?;
        let mut people = Vec::with_capacity(chunk.len());
        for (i, id) in chunk.iter().enumerate() {
            let digits = personnummer(chunk_n * BATCH + i);
            let personnummer = users::StoredPersonnummer::from_digits(&digits)
                .map_err(|_| SeedError::Personnummer(digits))?;
            people.push(users::ActiveModel {
                id: Set(*id),
                personnummer: Set(personnummer),
                given_name: Set("Test".into()),
                surname: Set("Person".into()),
                role: Set("citizen".into()),
                created_at: Set(now),
                last_login_at: Set(Some(now)),
            });
        }
        users::Entity::insert_many(people)
            .exec(&transaction)
            .await?;
        let mut rows = Vec::with_capacity(BATCH);
        for id in chunk {
            for _ in 0..plan.cases_per_citizen {
                rows.push(case(*id, case_n, now));
                case_n += 1;
                if rows.len() == BATCH {
                    cases::Entity::insert_many(std::mem::take(&mut rows))
                        .exec(&transaction)
                        .await?;
                }
            }
        }
        if !rows.is_empty() {
            cases::Entity::insert_many(rows).exec(&transaction).await?;
        }
        transaction.commit().await?;
    }
    let expires_at = now + Duration::hours(i64::from(settings.auth.absolute_lifetime_hours));
    for chunk in ids[..plan.sessions.min(ids.len())].chunks(BATCH) {
        let mut rows = Vec::with_capacity(chunk.len());
        for user in chunk {
            let id = Uuid::new_v4();
            rows.push(sessions::ActiveModel {
                id: Set(id),
                user_id: Set(*user),
                created_at: Set(now),
                last_seen_at: Set(now),
                expires_at: Set(expires_at),
                revoked_at: Set(None),
            });
            tokens.push(
                keys.issue(*user, id, now, expires_at)
                    .map_err(|error| SeedError::Token(error.to_string()))?,
            );
        }
        sessions::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeded_personnummer_are_valid_and_unique() {
        let numbers: std::collections::HashSet<String> = (0..5000).map(personnummer).collect();
        assert_eq!(numbers.len(), 5000);
        for number in &numbers {
            assert!(
                users::StoredPersonnummer::from_digits(number).is_ok(),
                "{number}"
            );
        }
    }
}
