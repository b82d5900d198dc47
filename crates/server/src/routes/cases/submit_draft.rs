use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use api_types::{CaseResponse, Problem};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::{drafts, idempotency};
use crate::error::ApiError;
use crate::state::AppState;

/// Submits a complete draft: the answers are validated against the e-service's definition, the
/// case gets a case number and the submission time is recorded before the answer is sent. Send
/// an `Idempotency-Key` header: a retry with the same key gets the same answer and never makes a
/// second case.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(
        ("case_id" = String, Path, description = "The draft's id."),
        ("Idempotency-Key" = Option<String>, Header, description = "Any unique string (e.g. a \
            UUID) per submission attempt; retries reuse it."),
    ),
    responses(
        (status = 201, description = "Submitted; the case number is in the body.",
            body = CaseResponse),
        (status = 400, description = "Bad Idempotency-Key (`invalid_idempotency_key`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 409, description = "Already submitted (`illegal_transition`), changed during \
            submission (`edit_conflict`), or the e-service needs a BankID signature first \
            (`signature_required`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Answers are missing or invalid, listed per field \
            (`validation_failed`); or the Idempotency-Key was used for another request \
            (`idempotency_key_reused`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/drafts/{case_id}/submit")]
pub async fn submit_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    request: HttpRequest,
    case_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency::key_from(&request)?;
    let submission = drafts::submit(
        &state.db,
        user.auth.user.id,
        *case_id,
        key.as_deref(),
        state.clock.now(),
    )
    .await?;
    let mut response =
        HttpResponse::build(StatusCode::from_u16(submission.status).map_err(ApiError::internal)?);
    response.content_type("application/json");
    if submission.replayed {
        response.insert_header(("Idempotency-Replayed", "true"));
    }
    Ok(response.body(submission.body))
}
