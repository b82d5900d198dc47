use actix_web::{post, web};
use api_types::{AssignCaseRequest, OfficerCaseResponse, Problem};
use uuid::Uuid;

use crate::cases::officer::Step;
use crate::error::ApiError;
use crate::staff::extractor::Officer;
use crate::state::AppState;

/// Assigns the case to yourself or a colleague of its group. Send the case's `version` to be told (`edit_conflict`) when a colleague changed the
/// case since you looked. Recorded in the audit log.
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    request_body = AssignCaseRequest,
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
#[post("/officer/cases/{case_id}/assign")]
pub async fn assign_case(
    state: web::Data<AppState>,
    officer: Officer,
    case_id: web::Path<Uuid>,
    body: web::Json<AssignCaseRequest>,
) -> Result<web::Json<OfficerCaseResponse>, ApiError> {
    let body = body.into_inner();
    let step = Step::Assign(body.officer_id.uuid());
    Ok(web::Json(
        super::handle_and_show(&state, &officer.0.member, *case_id, body.version, step).await?,
    ))
}
