use actix_web::{HttpRequest, HttpResponse, get, web};
use api_types::Problem;
use uuid::Uuid;

use crate::audit::{self, Action};
use crate::cases::messages;
use crate::cases::officer::Reader;
use crate::error::ApiError;
use crate::staff::extractor::Officer;
use crate::state::AppState;

/// Downloads a file sent in the case's thread (recorded in the audit log).
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(
        ("case_id" = String, Path, description = "The case id."),
        ("attachment_id" = String, Path, description = "The file's id."),
    ),
    responses(
        (status = 200, description = "The file.", content_type = "application/octet-stream",
            body = Vec<u8>),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an officer (`forbidden`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such file on a case of your groups (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/officer/cases/{case_id}/message-attachments/{attachment_id}")]
pub async fn download_officer_message_attachment(
    state: web::Data<AppState>,
    request: HttpRequest,
    officer: Officer,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (case_id, file_id) = path.into_inner();
    let member = &officer.0.member;
    let file = messages::load_file(&state.db, Reader::Officer(member), case_id, file_id).await?;
    audit::record(
        &state.db,
        member.id(),
        Action::AttachmentDownloaded,
        Some(case_id),
        Some(file.id.to_string()),
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
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
