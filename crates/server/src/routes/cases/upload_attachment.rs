use actix_web::{HttpResponse, post, web};
use api_types::{AttachmentResponse, Problem};
use eservice::FieldKind;
use futures_util::StreamExt;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::entities::attachments;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::{clean_file_name, sniff_content_type};
use crate::{cases, eservices};

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
        (status = 201, description = "Stored.", body = AttachmentResponse),
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
    )
)]
#[post("/drafts/{case_id}/attachments")]
pub async fn upload_attachment(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
    query: web::Query<UploadQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let owner = user.auth.user.id;
    let case = cases::load_owned(&state.db, owner, *case_id).await?;
    super::ensure_draft(&case)?;
    let definition =
        eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    let Some(FieldKind::FileUpload {
        accept,
        max_size_bytes,
        max_count,
    }) = definition.field(&query.field).map(|field| &field.kind)
    else {
        return Err(ApiError::NotFound);
    };
    let existing = attachments::Entity::find()
        .filter(attachments::Column::CaseId.eq(case.id))
        .filter(attachments::Column::FieldId.eq(query.field.as_str()))
        .count(&state.db)
        .await
        .map_err(ApiError::internal)?;
    if existing >= u64::from(*max_count) {
        return Err(ApiError::Validation(vec![api_types::FieldError {
            field: query.field.clone(),
            code: "too_many_files".into(),
            message: format!("You can attach at most {max_count} files here."),
            message_sv: format!("Du kan bifoga högst {max_count} filer här."),
        }]));
    }
    // Stream, and stop reading as soon as the limit is passed.
    let limit = usize::try_from(*max_size_bytes).unwrap_or(usize::MAX);
    let mut data = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|error| ApiError::BadRequest {
            code: "upload_interrupted",
            detail: format!("The upload could not be read: {error}"),
            detail_sv: "Filen kunde inte tas emot. Försök igen.".into(),
        })?;
        if data.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge {
                limit_bytes: *max_size_bytes,
            });
        }
        data.extend_from_slice(&chunk);
    }
    let content_type = sniff_content_type(&data)
        .filter(|sniffed| accept.iter().any(|accepted| accepted == sniffed))
        .ok_or(ApiError::UnsupportedFileType)?;
    let id = Uuid::new_v4();
    let size = i64::try_from(data.len()).map_err(ApiError::internal)?;
    let digest = hex::encode(Sha256::digest(&data));
    state
        .blobs
        .put(&id.to_string(), data)
        .await
        .map_err(ApiError::internal)?;
    let stored = attachments::ActiveModel {
        id: Set(id),
        owner_id: Set(owner),
        case_id: Set(case.id),
        field_id: Set(query.field.clone()),
        file_name: Set(clean_file_name(&query.name)),
        content_type: Set(content_type.to_owned()),
        size_bytes: Set(size),
        sha256: Set(digest),
        created_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await
    .map_err(ApiError::internal)?;
    Ok(HttpResponse::Created().json(super::attachment_response(&stored)))
}
