use actix_web::{get, web};
use api_types::{CaseResponse, Problem};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::{cases, eservices};

/// One of the citizen's cases with its answers, files and dated history.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    responses(
        (status = 200, description = "The case.", body = CaseResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such case of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/cases/{case_id}")]
pub async fn get_case(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
) -> Result<web::Json<CaseResponse>, ApiError> {
    let case = cases::load_owned(&state.db, user.auth.user.id, *case_id).await?;
    let definition =
        eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    Ok(web::Json(
        cases::views::case_response(&state.db, &case, &definition).await?,
    ))
}
