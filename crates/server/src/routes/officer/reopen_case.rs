use actix_web::{post, web};
use api_types::{OfficerCaseResponse, Problem, ReopenCaseRequest};
use uuid::Uuid;

use crate::cases::officer::Step;
use crate::error::ApiError;
use crate::staff::extractor::Officer;
use crate::state::AppState;

/// Reopens a closed case (e.g. after an appeal) with a reason shown in the history; you become its handling officer. Send the case's `version` to be told (`edit_conflict`) when a colleague changed the
/// case since you looked. Recorded in the audit log.
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    request_body = ReopenCaseRequest,
    responses(
        (status = 200, description = "Done; the case as it is now.", body = OfficerCaseResponse),
        (status = 400, description = "Malformed JSON (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an officer, or no CSRF header (`forbidden`, \
            `csrf_check_failed`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case in your groups (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in the case's status (`illegal_transition`), \
            or changed by a colleague since `version` (`edit_conflict`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (`validation_failed`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/officer/cases/{case_id}/reopen")]
pub async fn reopen_case(
    state: web::Data<AppState>,
    officer: Officer,
    case_id: web::Path<Uuid>,
    body: web::Json<ReopenCaseRequest>,
) -> Result<web::Json<OfficerCaseResponse>, ApiError> {
    let body = crate::routes::validation::validated(body.into_inner())?;
    let step = Step::Reopen(body.reason);
    Ok(web::Json(
        super::handle_and_show(&state, &officer.0.member, *case_id, body.version, step).await?,
    ))
}
