use actix_web::{HttpResponse, post, web};
use api_types::Problem;
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::messages;
use crate::cases::officer::Reader;
use crate::error::ApiError;
use crate::state::AppState;

/// Marks the officer's messages on one of your cases as read (the officer sees "Läst").
#[utoipa::path(
    tag = "messages",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    responses(
        (status = 204, description = "Marked as read."),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/cases/{case_id}/messages/read")]
pub async fn mark_messages_read(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    messages::mark_read(
        &state.db,
        Reader::Owner(user.auth.user.id),
        *case_id,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
