use actix_web::{HttpResponse, post, web};
use api_types::Problem;
use uuid::Uuid;

use crate::cases::messages;
use crate::cases::officer::Reader;
use crate::error::ApiError;
use crate::staff::extractor::Officer;
use crate::state::AppState;

/// Marks the citizen's messages on the case as read (the citizen then sees "Läst" and the
/// time); the queue's unread count goes to zero.
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    responses(
        (status = 204, description = "Marked as read."),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an officer, or no CSRF header.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such case in your groups (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/officer/cases/{case_id}/messages/read")]
pub async fn mark_officer_messages_read(
    state: web::Data<AppState>,
    officer: Officer,
    case_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    messages::mark_read(
        &state.db,
        Reader::Officer(&officer.0.member),
        *case_id,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
