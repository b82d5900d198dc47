use actix_web::{delete, web};
use api_types::{DraftRevisionResponse, Problem};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::drafts;
use crate::error::ApiError;
use crate::state::AppState;

/// Removes a file from a draft.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(
        ("case_id" = String, Path, description = "The draft's id."),
        ("attachment_id" = String, Path, description = "The file's id."),
    ),
    responses(
        (status = 200, description = "Removed; the draft's new `lock_version`.",
            body = DraftRevisionResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft or file of yours (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft (`case_not_editable`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[delete("/drafts/{case_id}/attachments/{attachment_id}")]
pub async fn delete_attachment(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<DraftRevisionResponse>, ApiError> {
    let (case_id, attachment_id) = path.into_inner();
    let (file, case) = drafts::remove_attachment(
        &state.db,
        user.auth.user.id,
        case_id,
        attachment_id,
        state.clock.now(),
    )
    .await?;
    if let Err(error) = state.blobs.delete(&file.id.to_string()).await {
        tracing::warn!(%error, attachment_id = %file.id, "could not remove a file's content");
    }
    Ok(web::Json(DraftRevisionResponse {
        lock_version: case.lock_version,
    }))
}
