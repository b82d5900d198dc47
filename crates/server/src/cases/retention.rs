//! Drafts expire after their e-service's retention (`draft_retention_days`, counted from the
//! last save). Expired drafts and their files are deleted; submitted cases are public records
//! and are never touched here. Files uploaded for a message that was never sent are removed a
//! day later. Safe to run on every node at once: each delete is idempotent.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::entities::cases;
use crate::error::ApiError;
use crate::state::AppState;

/// Deletes every draft whose expiry has passed; returns how many.
pub async fn expire_drafts(state: &AppState) -> Result<u64, ApiError> {
    let now = state.clock.now();
    let expired = cases::Entity::find()
        .filter(cases::Column::Status.eq(cases::Status::Draft))
        .filter(cases::Column::ExpiresAt.lt(now))
        .all(&state.db)
        .await
        .map_err(ApiError::internal)?;
    let mut count = 0;
    for case in expired {
        let txn = state.db.begin().await.map_err(ApiError::internal)?;
        let Some(case) = cases::Entity::find_by_id(case.id)
            .one(&txn)
            .await
            .map_err(ApiError::internal)?
            .filter(|case| case.expires_at.is_some_and(|at| at < now))
        else {
            continue;
        };
        let files = super::drafts::files_of(&txn, case.id).await?;
        // A draft saved since the list was read, or a case no longer a draft, stays.
        match super::record(
            &txn,
            &case,
            <cases::ActiveModel as Default>::default(),
            domain::Actor::System,
            domain::CaseCommand::ExpireDraft,
            now,
        )
        .await
        {
            Ok(_) => {}
            Err(super::CaseError::Refused(_) | super::CaseError::Concurrent) => continue,
            Err(other) => return Err(other.into()),
        }
        txn.commit().await.map_err(ApiError::internal)?;
        for file in files {
            if let Err(error) = state.blobs.delete(&file.id.to_string()).await {
                tracing::warn!(%error, attachment_id = %file.id, "could not remove an expired draft's file");
            }
        }
        tracing::info!(case_id = %case.id, "expired draft deleted");
        count += 1;
    }
    Ok(count)
}

/// How long a file uploaded for a message may wait for its message.
pub const UNSENT_FILE_HOURS: i64 = 24;

/// Deletes files uploaded for a message that was never sent (after [`UNSENT_FILE_HOURS`]),
/// row and content; returns how many. Idempotent, so safe on every node at once.
pub async fn remove_unsent_message_files(state: &AppState) -> Result<u64, ApiError> {
    use crate::entities::message_attachments;
    let cutoff = state.clock.now() - chrono::Duration::hours(UNSENT_FILE_HOURS);
    let unsent = message_attachments::Entity::find()
        .filter(message_attachments::Column::MessageId.is_null())
        .filter(message_attachments::Column::CreatedAt.lt(cutoff))
        .all(&state.db)
        .await
        .map_err(ApiError::internal)?;
    let mut count = 0;
    for file in unsent {
        // Only if it is still unsent: a message may have taken it since the list was read.
        let deleted = message_attachments::Entity::delete_many()
            .filter(message_attachments::Column::Id.eq(file.id))
            .filter(message_attachments::Column::MessageId.is_null())
            .exec(&state.db)
            .await
            .map_err(ApiError::internal)?;
        if deleted.rows_affected == 1 {
            if let Err(error) = state.blobs.delete(&file.id.to_string()).await {
                tracing::warn!(%error, attachment_id = %file.id, "could not remove an unsent message file");
            }
            count += 1;
        }
    }
    Ok(count)
}

/// Warns the owners of drafts that expire within `APP__NOTIFY__DRAFT_EXPIRY_WARNING_DAYS`, once
/// per expiry date (a save moves the date, and the warning is due again). Each warning is one
/// conditional update and its notice in one transaction, so two nodes never warn twice.
pub async fn warn_expiring_drafts(state: &AppState) -> Result<u64, ApiError> {
    use sea_orm::sea_query::Expr;
    let days = state.settings.notify.draft_expiry_warning_days;
    if days == 0 {
        return Ok(0);
    }
    let now = state.clock.now();
    let horizon = now + chrono::Duration::days(i64::from(days));
    let due = cases::Entity::find()
        .filter(cases::Column::Status.eq(cases::Status::Draft))
        .filter(cases::Column::ExpiresAt.lte(horizon))
        .filter(cases::Column::ExpiresAt.gt(now))
        .all(&state.db)
        .await
        .map_err(ApiError::internal)?;
    let mut count = 0;
    for case in due {
        let Some(expires_at) = case.expires_at else {
            continue;
        };
        if case.expiry_warned_for == Some(expires_at) {
            continue;
        }
        let txn = state.db.begin().await.map_err(ApiError::internal)?;
        let marked = cases::Entity::update_many()
            .col_expr(cases::Column::ExpiryWarnedFor, Expr::value(expires_at))
            .filter(cases::Column::Id.eq(case.id))
            .filter(cases::Column::ExpiresAt.eq(expires_at))
            .filter(
                sea_orm::Condition::any()
                    .add(cases::Column::ExpiryWarnedFor.is_null())
                    .add(cases::Column::ExpiryWarnedFor.ne(expires_at)),
            )
            .exec(&txn)
            .await
            .map_err(ApiError::internal)?;
        if marked.rows_affected != 1 {
            continue;
        }
        crate::notify::to_owner(&txn, &case, domain::NoticeKind::DraftExpiring, now)
            .await
            .map_err(ApiError::internal)?;
        txn.commit().await.map_err(ApiError::internal)?;
        count += 1;
    }
    Ok(count)
}

/// Every `interval` until the process ends: [`housekeeping`] on one node at a time, and the
/// rate limits' own sweep on every node (their in-memory counters are per node).
pub fn spawn_expiry_task(state: AppState, interval: std::time::Duration) {
    let node = state.clone();
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        loop {
            ticker.tick().await;
            match crate::jobs::run_alone(
                &state.db,
                crate::jobs::Job::Housekeeping,
                housekeeping(&state),
            )
            .await
            {
                Ok(Some(())) => {}
                Ok(None) => tracing::debug!("housekeeping runs on another node"),
                Err(error) => {
                    tracing::warn!(error = %error, "housekeeping lock failed; will retry")
                }
            }
        }
    });
    tokio::spawn(async move {
        // This node's own: its rate-limit counters (every minute, so the shared table holds
        // about two minutes of keys) and uploads left in its `incoming/` by a crash.
        let mut ticker = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            ticker.tick().await;
            node.rate_limits.sweep(&node.db, node.clock.now()).await;
            remove_stale_uploads(
                &node.blobs.incoming_dir(),
                std::time::Duration::from_secs(86_400),
            )
            .await;
        }
    });
}

/// Deletes files in `dir` older than `age`: uploads a crashed process left half received (an
/// upload in progress takes minutes).
pub async fn remove_stale_uploads(dir: &std::path::Path, age: std::time::Duration) -> usize {
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else {
        return 0;
    };
    let mut removed = 0;
    while let Ok(Some(entry)) = entries.next_entry().await {
        let old = entry
            .metadata()
            .await
            .ok()
            .and_then(|meta| meta.modified().ok())
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|elapsed| elapsed > age);
        if old && tokio::fs::remove_file(entry.path()).await.is_ok() {
            removed += 1;
        }
    }
    removed
}

/// [`expire_drafts`], [`warn_expiring_drafts`], [`crate::sweeper::sweep`] and
/// [`remove_unsent_message_files`], each logged and retried next round when it fails.
pub async fn housekeeping(state: &AppState) {
    if let Err(error) = expire_drafts(state).await {
        tracing::warn!(error = %error, "draft expiry failed; will retry");
    }
    if let Err(error) = warn_expiring_drafts(state).await {
        tracing::warn!(error = %error, "draft expiry warnings failed; will retry");
    }
    if let Err(error) = crate::sweeper::sweep(
        &state.db,
        state.clock.now(),
        state.settings.auth.idle_timeout_minutes,
    )
    .await
    {
        tracing::warn!(error = %error, "sweeping ended sessions and logins failed; will retry");
    }
    if let Err(error) = remove_unsent_message_files(state).await {
        tracing::warn!(error = %error, "removing unsent message files failed; will retry");
    }
}
