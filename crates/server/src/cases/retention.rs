//! Drafts expire after their e-service's retention (`draft_retention_days`, counted from the
//! last save). Expired drafts and their files are deleted; submitted cases are public records
//! and are never touched here. Safe to run on every node at once: each delete is idempotent.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::entities::{attachments, cases};
use crate::error::ApiError;
use crate::state::AppState;

/// Deletes every draft whose expiry has passed; returns how many.
pub async fn expire_drafts(state: &AppState) -> Result<u64, ApiError> {
    let now = state.clock.now();
    let expired = cases::Entity::find()
        .filter(cases::Column::Status.eq("draft"))
        .filter(cases::Column::ExpiresAt.lt(now))
        .all(&state.db)
        .await
        .map_err(ApiError::internal)?;
    let mut count = 0;
    for case in expired {
        domain::decide(
            &super::domain_state(&case)?,
            domain::CaseCommand::ExpireDraft,
            now,
            domain::Actor::System,
        )
        .map_err(super::transition_error)?;
        let files = attachments::Entity::find()
            .filter(attachments::Column::CaseId.eq(case.id))
            .all(&state.db)
            .await
            .map_err(ApiError::internal)?;
        let deleted = cases::Entity::delete_many()
            .filter(cases::Column::Id.eq(case.id))
            .filter(cases::Column::Status.eq("draft"))
            .filter(cases::Column::ExpiresAt.lt(now))
            .exec(&state.db)
            .await
            .map_err(ApiError::internal)?;
        if deleted.rows_affected == 1 {
            for file in files {
                if let Err(error) = state.blobs.delete(&file.id.to_string()).await {
                    tracing::warn!(%error, attachment_id = %file.id, "could not remove an expired draft's file");
                }
            }
            tracing::info!(case_id = %case.id, "expired draft deleted");
            count += 1;
        }
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
