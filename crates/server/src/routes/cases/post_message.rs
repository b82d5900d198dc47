use actix_web::{HttpResponse, post, web};
use api_types::{MessageResponse, PostMessageRequest, Problem};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::messages::{self, NewMessage};
use crate::cases::officer::Reader;
use crate::error::ApiError;
use crate::routes::validation::validated;
use crate::state::AppState;

/// Writes to the case officer in the thread of one of your submitted cases (with files
/// uploaded for it first). On a closed case only within the e-service's reply window.
#[utoipa::path(
    tag = "messages",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    request_body = PostMessageRequest,
    responses(
        (status = 201, description = "Sent.", body = MessageResponse),
        (status = 400, description = "Malformed JSON (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 409, description = "Not submitted yet (`illegal_transition`), closed longer \
            ago than the reply window (`messaging_closed`), or a concurrent change \
            (`edit_conflict`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long, or an unknown file \
            (`validation_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{case_id}/messages")]
pub async fn post_message(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
    body: web::Json<PostMessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = validated(body.into_inner())?;
    let ids: Vec<Uuid> = body.attachment_ids.iter().map(|id| id.uuid()).collect();
    let message = messages::post(
        &state.db,
        Reader::Owner(user.auth.user.id),
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
