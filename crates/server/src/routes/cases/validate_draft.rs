use actix_web::{post, web};
use api_types::{Problem, ValidateDraftRequest, ValidationResponse};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::{self, drafts};
use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;

/// Which of a draft's saved answers are invalid, for one step or the whole form. The same rules
/// decide at submission.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The draft's id.")),
    request_body = ValidateDraftRequest,
    responses(
        (status = 200, description = "The errors (empty when valid).", body = ValidationResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft of yours, or no such step (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/drafts/{case_id}/validate")]
pub async fn validate_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
    body: web::Json<ValidateDraftRequest>,
) -> Result<web::Json<ValidationResponse>, ApiError> {
    let case = cases::load_owned(&state.db, user.auth.user.id, *case_id).await?;
    let definition =
        eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    let scope = match &body.step {
        Some(step) if definition.step(step).is_none() => return Err(ApiError::NotFound),
        Some(step) => eservice::Scope::Step(step.as_str()),
        None => eservice::Scope::All,
    };
    let errors =
        match drafts::check_answers(&state.db, &case, &definition, scope, state.clock.now()).await?
        {
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        };
    Ok(web::Json(ValidationResponse { errors }))
}
