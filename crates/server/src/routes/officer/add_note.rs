use actix_web::{HttpResponse, post, web};
use api_types::{NoteRequest, NoteResponse, Problem};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, TransactionTrait};
use uuid::Uuid;

use crate::audit::{self, Action};
use crate::cases::officer::{self, Reader};
use crate::entities::case_notes;
use crate::error::ApiError;
use crate::routes::validation::validated;
use crate::staff::extractor::Officer;
use crate::state::AppState;

/// Adds an internal note to the case: for officers only, never shown to the citizen.
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    request_body = NoteRequest,
    responses(
        (status = 201, description = "Added.", body = NoteResponse),
        (status = 400, description = "Malformed JSON (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an officer, or no CSRF header.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such case in your groups (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long (`validation_failed`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/officer/cases/{case_id}/notes")]
pub async fn add_note(
    state: web::Data<AppState>,
    officer: Officer,
    case_id: web::Path<Uuid>,
    body: web::Json<NoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = validated(body.into_inner())?;
    let member = &officer.0.member;
    let now = state.clock.now();
    let txn = state.db.begin().await.map_err(ApiError::internal)?;
    let case = officer::load(&txn, Reader::Officer(member), *case_id, false).await?;
    let note = case_notes::ActiveModel {
        id: Set(Uuid::new_v4()),
        case_id: Set(case.id),
        staff_id: Set(member.id()),
        author_name: Set(member.account.display_name.clone()),
        body: Set(body.body.trim().to_owned()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(ApiError::internal)?;
    audit::record(
        &txn,
        member.id(),
        Action::NoteAdded,
        Some(case.id),
        None,
        now,
    )
    .await
    .map_err(ApiError::internal)?;
    txn.commit().await.map_err(ApiError::internal)?;
    Ok(HttpResponse::Created().json(NoteResponse {
        author_name: note.author_name,
        body: note.body,
        created_at: note.created_at.to_rfc3339(),
    }))
}
