use actix_web::{HttpResponse, post, web};
use api_types::{MessageResponse, PostMessageRequest, Problem};
use uuid::Uuid;

use crate::cases::messages::{self, NewMessage};
use crate::cases::officer::Reader;
use crate::error::ApiError;
use crate::routes::validation::validated;
use crate::staff::extractor::Officer;
use crate::state::AppState;

/// Writes to the citizen in the case's thread (with files uploaded for it first). The citizen
/// is notified; the notice never contains the text.
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    request_body = PostMessageRequest,
    responses(
        (status = 201, description = "Sent.", body = MessageResponse),
        (status = 400, description = "Malformed JSON (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an officer, or no CSRF header.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such case in your groups (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in the case's status (`illegal_transition`) \
            or a concurrent change (`edit_conflict`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long, or an unknown file \
            (`validation_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/officer/cases/{case_id}/messages")]
pub async fn post_officer_message(
    state: web::Data<AppState>,
    officer: Officer,
    case_id: web::Path<Uuid>,
    body: web::Json<PostMessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = validated(body.into_inner())?;
    let ids: Vec<Uuid> = body.attachment_ids.iter().map(|id| id.uuid()).collect();
    let message = messages::post(
        &state.db,
        Reader::Officer(&officer.0.member),
        *case_id,
        NewMessage {
            body: body.body.trim(),
            attachment_ids: &ids,
        },
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(message))
}
