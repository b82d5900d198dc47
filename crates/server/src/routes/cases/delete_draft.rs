use actix_web::{HttpResponse, delete, web};
use api_types::Problem;
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::drafts;
use crate::error::ApiError;
use crate::state::AppState;

/// Deletes a draft and its files. Submitted cases are public records and cannot be deleted.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The draft's id.")),
    responses(
        (status = 204, description = "Deleted."),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 409, description = "Not a draft (`illegal_transition`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[delete("/drafts/{case_id}")]
pub async fn delete_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let owner = user.auth.user.id;
    let files = drafts::delete(&state.db, owner, *case_id, state.clock.now()).await?;
    for file in files {
        if let Err(error) = state.blobs.delete(&file.id.to_string()).await {
            tracing::warn!(%error, attachment_id = %file.id, "could not remove a deleted draft's file");
        }
    }
    tracing::info!(user_id = %owner, case_id = %case_id, "draft deleted");
    Ok(HttpResponse::NoContent().finish())
}
