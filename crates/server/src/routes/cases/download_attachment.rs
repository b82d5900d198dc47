use actix_web::{HttpRequest, HttpResponse, get, web};
use api_types::Problem;
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// Downloads a file. Always as an attachment (never shown inline), with the type found from its
/// content.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("attachment_id" = String, Path, description = "The file's id.")),
    responses(
        (status = 200, description = "The file.", content_type = "application/octet-stream",
            body = Vec<u8>),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such file of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/attachments/{attachment_id}")]
pub async fn download_attachment(
    state: web::Data<AppState>,
    request: HttpRequest,
    user: CurrentUser,
    attachment_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let file =
        crate::cases::load_owned_attachment(&state.db, user.auth.user.id, *attachment_id).await?;
    let key = file.id.to_string();
    let download = crate::storage::download::Download {
        key: &key,
        size: u64::try_from(file.size_bytes).unwrap_or_default(),
        sha256: &file.sha256,
        file_name: &file.file_name,
        content_type: &file.content_type,
    };
    crate::storage::download::respond(state.blobs.as_ref(), &request, download).await
}
