//! Drafts expire after their e-service's retention (`draft_retention_days`, counted from the
//! last save). Expired drafts and their files are deleted; submitted cases are public records
//! and are never touched here. Safe to run on every node at once: each delete is idempotent.

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

/// Runs [`expire_drafts`] every `interval` until the process ends.
pub fn spawn_expiry_task(state: AppState, interval: std::time::Duration) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        loop {
            ticker.tick().await;
            if let Err(error) = expire_drafts(&state).await {
                tracing::warn!(error = %error, "draft expiry failed; will retry");
            }
        }
    });
}
