use actix_web::{HttpResponse, post, web};
use api_types::{MessageAttachmentResponse, Problem};
use uuid::Uuid;

use crate::cases::messages;
use crate::cases::officer::Reader;
use crate::error::ApiError;
use crate::routes::cases::upload_message_attachment::{UploadNameQuery, store_message_file};
use crate::staff::extractor::Officer;
use crate::state::AppState;

/// Uploads a file (PDF, JPEG or PNG, at most 10 MB) for a message to the citizen; put its id in
/// the message's `attachment_ids`.
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id."), UploadNameQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file's bytes."),
    responses(
        (status = 201, description = "Stored.", body = MessageAttachmentResponse),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an officer, or no CSRF header.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such case in your groups (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MB (`payload_too_large`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF, JPEG or PNG (`unsupported_file_type`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/officer/cases/{case_id}/message-attachments")]
pub async fn upload_officer_message_attachment(
    state: web::Data<AppState>,
    officer: Officer,
    case_id: web::Path<Uuid>,
    query: web::Query<UploadNameQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::Officer(&officer.0.member);
    // Refuse before reading the body when the case is not the officer's.
    crate::cases::officer::load(&state.db, reader, *case_id, false).await?;
    let file = store_message_file(&state, reader, *case_id, &query.name, payload).await?;
    Ok(HttpResponse::Created().json(messages::attachment_response(&file)))
}
