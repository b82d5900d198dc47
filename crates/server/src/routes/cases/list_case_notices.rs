use actix_web::{get, web};
use api_types::{NoticeLog, Problem};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::error::ApiError;
use crate::notify::service;
use crate::state::AppState;

/// The notices sent about one of your cases, newest first: what they were about, by which
/// channel, when, and whether the gateway reported them delivered. Never their text.
#[utoipa::path(
    tag = "notifications",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    responses(
        (status = 200, description = "The notification log.", body = NoticeLog),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such case of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/cases/{case_id}/notifications")]
pub async fn list_case_notices(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
) -> Result<web::Json<NoticeLog>, ApiError> {
    Ok(web::Json(
        service::case_log(&state.db, user.auth.user.id, *case_id).await?,
    ))
}
