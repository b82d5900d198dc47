use actix_web::{HttpResponse, post, web};
use api_types::{MessageAttachmentResponse, Problem};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::messages::{self, ACCEPTED_TYPES, MAX_FILE_BYTES, NewFile};
use crate::cases::officer::Reader;
use crate::entities::message_attachments;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::{clean_file_name, sniff_content_type};

/// The file's name.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadNameQuery {
    /// The file's name (only shown; the file is stored under a random id).
    #[param(max_length = 255)]
    pub name: String,
}

/// Streams a message file into the blob store and records it (not yet sent), removing the
/// content again if the row cannot be written.
pub async fn store_message_file(
    state: &AppState,
    reader: Reader<'_>,
    case_id: Uuid,
    name: &str,
    payload: web::Payload,
) -> Result<message_attachments::Model, ApiError> {
    let _slot = state
        .upload_slots
        .acquire()
        .await
        .map_err(ApiError::internal)?;
    let upload =
        crate::storage::receive(payload, MAX_FILE_BYTES, &state.blobs.incoming_dir()).await?;
    let content_type = sniff_content_type(&upload.head)
        .filter(|sniffed| ACCEPTED_TYPES.contains(sniffed))
        .ok_or(ApiError::UnsupportedFileType)?;
    let id = Uuid::new_v4();
    let file = NewFile {
        file_name: clean_file_name(name),
        content_type: content_type.to_owned(),
        size_bytes: i64::try_from(upload.size).map_err(ApiError::internal)?,
        sha256: upload.sha256.clone(),
    };
    let key = id.to_string();
    state
        .blobs
        .put_file(&key, &upload)
        .await
        .map_err(ApiError::internal)?;
    match messages::add_file(&state.db, reader, case_id, id, file, state.clock.now()).await {
        Ok(stored) => Ok(stored),
        Err(error) => {
            if let Err(cleanup) = state.blobs.delete(&key).await {
                tracing::warn!(error = %cleanup, attachment_id = %key, "could not remove a refused upload");
            }
            Err(error)
        }
    }
}

/// Uploads a file (PDF, JPEG or PNG, at most 10 MB) for a message to the case officer; put its
/// id in the message's `attachment_ids`.
#[utoipa::path(
    tag = "messages",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id."), UploadNameQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file's bytes."),
    responses(
        (status = 201, description = "Stored.", body = MessageAttachmentResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MB (`payload_too_large`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF, JPEG or PNG (`unsupported_file_type`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{case_id}/message-attachments")]
pub async fn upload_message_attachment(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
    query: web::Query<UploadNameQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::Owner(user.auth.user.id);
    crate::cases::officer::load(&state.db, reader, *case_id, false).await?;
    let file = store_message_file(&state, reader, *case_id, &query.name, payload).await?;
    Ok(HttpResponse::Created().json(messages::attachment_response(&file)))
}
