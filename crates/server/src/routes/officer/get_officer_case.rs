use actix_web::{get, web};
use api_types::{OfficerCaseResponse, Problem};
use uuid::Uuid;

use crate::audit::{self, Action};
use crate::cases::officer::{self, Reader};
use crate::cases::views;
use crate::error::ApiError;
use crate::staff::extractor::Officer;
use crate::state::AppState;

/// A case of the officer's groups with its answers and files as filed, the applicant, the
/// history, the messages and the internal notes. The read is recorded in the audit log.
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    responses(
        (status = 200, description = "The case.", body = OfficerCaseResponse),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an officer (`forbidden`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such case in your groups (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/officer/cases/{case_id}")]
pub async fn get_officer_case(
    state: web::Data<AppState>,
    officer: Officer,
    case_id: web::Path<Uuid>,
) -> Result<web::Json<OfficerCaseResponse>, ApiError> {
    let member = &officer.0.member;
    let case = officer::load(&state.db, Reader::Officer(member), *case_id, false).await?;
    audit::record(
        &state.db,
        member.id(),
        Action::CaseViewed,
        Some(case.id),
        None,
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
    let definition =
        crate::eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    Ok(web::Json(
        views::officer_case_response(&state.db, &case, &definition).await?,
    ))
}
