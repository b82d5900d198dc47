//! The delivery worker. Every node may run it: a claim marks due rows `sending` with a lease
//! in one statement (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two nodes never take the same
//! row; SQLite has a single writer), and every later update is fenced on the attempt number, so
//! a worker whose lease ran out cannot overwrite the row another has taken.

use std::sync::Arc;
use std::time::Duration;

use api_types::{NoticeChannel, NoticeLanguage, NoticeStatus};
use chrono::{DateTime, Utc};
use domain::{NoticeKind, QuietHours};
use futures_util::StreamExt;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, Statement,
};

use super::channels::{
    Accepted, DevMailbox, Mailer, Outgoing, SendError, SmsProvider, SmtpMailer, sms_provider,
};
use super::config::NotifySettings;
use super::templates;
use crate::config::Settings;
use crate::entities::notifications;
use crate::state::AppState;

/// The senders and rules a node delivers with.
#[derive(Debug)]
pub struct Notifier {
    /// E-mail (SMTP or the dev mailbox); none when not configured.
    pub mailer: Option<Box<dyn Mailer>>,
    /// SMS (a gateway or the dev mailbox); none when not configured.
    pub sms: Option<Box<dyn SmsProvider>>,
    /// No SMS in these Swedish hours.
    pub quiet_hours: Option<QuietHours>,
    /// The base of every link.
    pub public_url: String,
    /// Signs delivery-report callback URLs.
    pub report_key: Vec<u8>,
    /// The rest of the settings.
    pub settings: NotifySettings,
}

type Senders = (Option<Box<dyn Mailer>>, Option<Box<dyn SmsProvider>>);

impl Notifier {
    /// The senders: the dev mailbox when it is on, else the configured SMTP server and SMS
    /// gateway; links from `APP__SERVER__PUBLIC_URL` (in development this server's address).
    ///
    /// # Errors
    ///
    /// Settings the senders cannot use.
    pub fn from_settings(
        settings: &Settings,
        port: u16,
        db: &DatabaseConnection,
        secret: &[u8],
    ) -> Result<Self, String> {
        let notify = &settings.notify;
        let (mailer, sms): Senders = if settings.mailbox_enabled() {
            (
                Some(Box::new(DevMailbox::new(db.clone(), "email"))),
                Some(Box::new(DevMailbox::new(db.clone(), "sms"))),
            )
        } else {
            let mailer = SmtpMailer::new(&notify.smtp)?;
            if mailer.is_none() {
                tracing::warn!(
                    "no mail server is configured (APP__NOTIFY__SMTP__HOST): e-mail notices will fail"
                );
            }
            (
                mailer.map(|m| Box::new(m) as Box<dyn Mailer>),
                sms_provider(&notify.sms)?,
            )
        };
        let public_url = settings.server.public_url.clone().unwrap_or_else(|| {
            let host = match settings.server.host {
                std::net::IpAddr::V6(ip) => format!("[{ip}]"),
                std::net::IpAddr::V4(ip) => ip.to_string(),
            };
            format!("http://{host}:{port}")
        });
        let quiet_hours = QuietHours::parse(&notify.sms_quiet_hours)
            .map_err(|e| format!("APP__NOTIFY__SMS_QUIET_HOURS: {e}"))?;
        Ok(Self {
            mailer,
            sms,
            quiet_hours,
            public_url,
            report_key: super::reports::derive_key(secret),
            settings: notify.clone(),
        })
    }
}

/// Starts the worker loop (when `APP__NOTIFY__WORKER` is on).
pub fn spawn(state: AppState) {
    if !state.settings.notify.worker {
        return;
    }
    tokio::spawn(async move {
        let idle = Duration::from_millis(state.settings.notify.poll_interval_ms);
        loop {
            match run_once(&state).await {
                Ok(taken) if taken >= state.settings.notify.batch_size as usize => {}
                Ok(_) => tokio::time::sleep(idle).await,
                Err(error) => {
                    tracing::warn!(%error, "the notification worker could not read the outbox");
                    tokio::time::sleep(std::cmp::max(idle, Duration::from_secs(1))).await;
                }
            }
        }
    });
}

/// Claims one batch of due rows and delivers them; returns how many were taken.
///
/// # Errors
///
/// The database's, when the claim fails.
pub async fn run_once(state: &AppState) -> Result<usize, DbErr> {
    let notifier = Arc::clone(&state.notifier);
    let now = state.clock.now();
    let lease = chrono::Duration::seconds(
        i64::try_from(notifier.settings.lease_seconds).unwrap_or(i64::MAX / 2),
    );
    let rows = claim(&state.db, now, now + lease, notifier.settings.batch_size).await?;
    let taken = rows.len();
    futures_util::stream::iter(rows)
        .for_each_concurrent(4, |row| {
            let notifier = Arc::clone(&notifier);
            async move {
                let id = row.id;
                if let Err(error) = deliver(state, &notifier, row).await {
                    tracing::warn!(%error, notification_id = %id, "could not record a delivery");
                }
            }
        })
        .await;
    Ok(taken)
}

/// Marks up to `limit` due rows `sending` until `lease_until` and returns them.
async fn claim(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<notifications::Model>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE notifications SET status = 'sending', lease_until = $1, \
             attempts = attempts + 1 WHERE id IN (SELECT id FROM notifications \
             WHERE (status = 'pending' AND next_attempt_at <= $2) \
             OR (status = 'sending' AND lease_until < $3) \
             ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING *"
        }
        _ => {
            "UPDATE notifications SET status = 'sending', lease_until = ?, \
             attempts = attempts + 1 WHERE id IN (SELECT id FROM notifications \
             WHERE (status = 'pending' AND next_attempt_at <= ?) \
             OR (status = 'sending' AND lease_until < ?) \
             ORDER BY next_attempt_at LIMIT ?) RETURNING *"
        }
    };
    let statement = Statement::from_sql_and_values(
        backend,
        sql,
        [
            lease_until.into(),
            now.into(),
            now.into(),
            i64::from(limit).into(),
        ],
    );
    notifications::Entity::find()
        .from_raw_sql(statement)
        .all(db)
        .await
}

/// What became of one attempt.
enum Outcome {
    Accepted(Accepted),
    Failed(SendError),
    /// SMS in quiet hours: back to pending until then, the attempt not counted.
    Wait(DateTime<Utc>),
}

async fn deliver(
    state: &AppState,
    notifier: &Notifier,
    row: notifications::Model,
) -> Result<(), DbErr> {
    let now = state.clock.now();
    let outcome = attempt(state, notifier, &row, now).await;
    let fence = notifications::Entity::update_many()
        .filter(notifications::Column::Id.eq(row.id))
        .filter(notifications::Column::Status.eq(NoticeStatus::Sending.as_str()))
        .filter(notifications::Column::Attempts.eq(row.attempts));
    let done_at = state.clock.now();
    let update = match outcome {
        Outcome::Wait(until) => fence
            .col_expr(
                notifications::Column::Status,
                Expr::value(NoticeStatus::Pending.as_str()),
            )
            .col_expr(
                notifications::Column::Attempts,
                Expr::col(notifications::Column::Attempts).sub(1),
            )
            .col_expr(notifications::Column::NextAttemptAt, Expr::value(until))
            .col_expr(
                notifications::Column::LeaseUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            ),
        Outcome::Accepted(accepted) => {
            let status = if accepted.delivered {
                NoticeStatus::Delivered
            } else {
                NoticeStatus::Sent
            };
            tracing::info!(notification_id = %row.id, channel = %row.channel, kind = %row.kind, status = status.as_str(), "notice handed over");
            fence
                .col_expr(notifications::Column::Status, Expr::value(status.as_str()))
                .col_expr(notifications::Column::SentAt, Expr::value(done_at))
                .col_expr(
                    notifications::Column::DeliveredAt,
                    Expr::value(accepted.delivered.then_some(done_at)),
                )
                .col_expr(
                    notifications::Column::ProviderRef,
                    Expr::value(accepted.provider_ref),
                )
                .col_expr(
                    notifications::Column::Recipient,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    notifications::Column::LeaseUntil,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .col_expr(
                    notifications::Column::LastError,
                    Expr::value(Option::<String>::None),
                )
        }
        Outcome::Failed(error) => {
            let retry_until = row.created_at
                + chrono::Duration::hours(
                    i64::try_from(notifier.settings.retry_hours).unwrap_or(i64::MAX / 4_000_000),
                );
            let attempts = u32::try_from(row.attempts).unwrap_or(u32::MAX);
            let jitter = f64::from(uuid::Uuid::new_v4().as_bytes()[0]) / 255.0;
            let next = done_at + domain::retry_delay(attempts, jitter);
            match error {
                SendError::Temporary(reason) if next <= retry_until => {
                    tracing::warn!(notification_id = %row.id, channel = %row.channel, attempts, %reason, "notice not delivered; will try again");
                    fence
                        .col_expr(
                            notifications::Column::Status,
                            Expr::value(NoticeStatus::Pending.as_str()),
                        )
                        .col_expr(notifications::Column::NextAttemptAt, Expr::value(next))
                        .col_expr(
                            notifications::Column::LeaseUntil,
                            Expr::value(Option::<DateTime<Utc>>::None),
                        )
                        .col_expr(notifications::Column::LastError, Expr::value(reason))
                }
                SendError::Temporary(reason) | SendError::Permanent(reason) => {
                    tracing::warn!(notification_id = %row.id, channel = %row.channel, attempts, %reason, "notice failed; no more attempts");
                    fence
                        .col_expr(
                            notifications::Column::Status,
                            Expr::value(NoticeStatus::Failed.as_str()),
                        )
                        .col_expr(notifications::Column::FailedAt, Expr::value(done_at))
                        .col_expr(notifications::Column::LastError, Expr::value(reason))
                        .col_expr(
                            notifications::Column::Recipient,
                            Expr::value(Option::<String>::None),
                        )
                        .col_expr(
                            notifications::Column::LeaseUntil,
                            Expr::value(Option::<DateTime<Utc>>::None),
                        )
                }
            }
        }
    };
    let result = update.exec(&state.db).await?;
    if result.rows_affected != 1 {
        tracing::warn!(notification_id = %row.id, "another worker took the notice over after its lease ran out");
    }
    Ok(())
}

async fn attempt(
    state: &AppState,
    notifier: &Notifier,
    row: &notifications::Model,
    now: DateTime<Utc>,
) -> Outcome {
    let Some(kind) = NoticeKind::parse(&row.kind) else {
        return Outcome::Failed(SendError::Permanent(format!("unknown kind {}", row.kind)));
    };
    let Some(channel) = NoticeChannel::parse(&row.channel) else {
        return Outcome::Failed(SendError::Permanent(format!(
            "unknown channel {}",
            row.channel
        )));
    };
    let Some(to) = row.recipient.as_deref() else {
        return Outcome::Failed(SendError::Permanent("no recipient".into()));
    };
    if channel == NoticeChannel::Sms
        && let Some(until) = notifier.quiet_hours.and_then(|quiet| quiet.wait_until(now))
    {
        return Outcome::Wait(until);
    }
    let language = NoticeLanguage::from_code(&row.language);
    let texts = match templates::effective(&state.db, kind, language).await {
        Ok((texts, _)) => texts,
        Err(error) => return Outcome::Failed(SendError::Temporary(error.to_string())),
    };
    let link = super::link(&notifier.public_url, kind, row.case_id);
    let rendered = templates::render(&texts, language, &link, &state.settings.municipality.name);
    let callback = super::reports::callback_url(notifier, row.id);
    let outgoing = Outgoing {
        id: row.id,
        to,
        rendered: &rendered,
        callback: Some(&callback),
        now,
    };
    let send = match channel {
        NoticeChannel::Email => match &notifier.mailer {
            Some(mailer) => mailer.send(outgoing),
            None => {
                return Outcome::Failed(SendError::Permanent(
                    "no mail server is configured (APP__NOTIFY__SMTP__HOST)".into(),
                ));
            }
        },
        NoticeChannel::Sms => match &notifier.sms {
            Some(sms) => sms.send(outgoing),
            None => {
                return Outcome::Failed(SendError::Permanent(
                    "no SMS gateway is configured (APP__NOTIFY__SMS__PROVIDER)".into(),
                ));
            }
        },
    };
    // Well inside the lease, so that no other worker retries a send still in flight.
    let limit = Duration::from_secs(std::cmp::max(notifier.settings.lease_seconds / 2, 1));
    match tokio::time::timeout(limit, send).await {
        Ok(Ok(accepted)) => Outcome::Accepted(accepted),
        Ok(Err(error)) => Outcome::Failed(error),
        Err(_) => Outcome::Failed(SendError::Temporary("the send timed out".into())),
    }
}
