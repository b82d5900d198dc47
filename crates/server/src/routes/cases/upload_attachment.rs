use actix_web::{HttpResponse, post, web};
use api_types::{Problem, UploadedAttachmentResponse};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::{self, drafts, views};
use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;
use crate::storage::{clean_file_name, sniff_content_type};

/// Which field the file answers and its name.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    /// The file field's id.
    pub field: String,
    /// The file's name (only shown; the file is stored under a random id).
    pub name: String,
}

/// Uploads one file for a draft's file field. The body is the file itself (any
/// `Content-Type`): it is streamed, cut off at the field's size limit, and its type is decided
/// by its content, never by its name. Put the returned id in the field's answer.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The draft's id."), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file's bytes."),
    responses(
        (status = 201, description = "Stored; the draft's new `lock_version` is in the body.",
            body = UploadedAttachmentResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft of yours or no such file field \
            (`not_found`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft (`case_not_editable`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 413, description = "Larger than the field allows (`payload_too_large`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Content of a type the field does not accept \
            (`unsupported_file_type`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "The field already has its most files (`too_many_files`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Unexpected failure (`internal_error`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/drafts/{case_id}/attachments")]
pub async fn upload_attachment(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
    query: web::Query<UploadQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let owner = user.auth.user.id;
    let case = cases::load_owned(&state.db, owner, *case_id).await?;
    if domain::CaseStatus::from(case.status) != domain::CaseStatus::Draft {
        // Refused before the upload is read; the domain refuses it again when it is recorded.
        return Err(cases::transition_error(
            domain::TransitionError::IllegalTransition {
                from: case.status.into(),
                command: domain::CaseCommandKind::AddAttachment,
            },
        ));
    }
    let definition =
        eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    let Some((accept, max_size_bytes, max_count)) = drafts::file_rules(&definition, &query.field)
    else {
        return Err(ApiError::NotFound);
    };
    // A bounded number of uploads at once; each streams to a temporary file, never whole in
    // memory.
    let _slot = state
        .upload_slots
        .acquire()
        .await
        .map_err(ApiError::internal)?;
    let upload =
        crate::storage::receive(payload, max_size_bytes, &state.blobs.incoming_dir()).await?;
    let content_type = sniff_content_type(&upload.head)
        .filter(|sniffed| accept.iter().any(|accepted| accepted == sniffed))
        .ok_or(ApiError::UnsupportedFileType)?;
    let file = drafts::NewAttachment {
        id: Uuid::new_v4(),
        field_id: query.field.clone(),
        file_name: clean_file_name(&query.name),
        content_type: content_type.to_owned(),
        size_bytes: i64::try_from(upload.size).map_err(ApiError::internal)?,
        sha256: upload.sha256.clone(),
    };
    let blob_key = file.id.to_string();
    state
        .blobs
        .put_file(&blob_key, &upload)
        .await
        .map_err(ApiError::internal)?;
    let now = state.clock.now();
    let limits = (max_count, state.settings.limits.file_bytes_per_draft);
    match drafts::add_attachment(&state.db, owner, case.id, limits, file, now).await {
        Ok((stored, case)) => Ok(HttpResponse::Created().json(UploadedAttachmentResponse {
            attachment: views::attachment_response(&stored),
            lock_version: case.lock_version,
        })),
        Err(error) => {
            if let Err(cleanup) = state.blobs.delete(&blob_key).await {
                tracing::warn!(error = %cleanup, attachment_id = %blob_key, "could not remove a refused upload");
            }
            Err(error)
        }
    }
}
