use actix_web::{get, web};
use api_types::{ColleagueResponse, Problem};

use crate::error::ApiError;
use crate::staff::{self, extractor::Officer};
use crate::state::AppState;

/// The officers of the caller's groups (the caller included), to assign cases to.
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Colleagues by name.", body = Vec<ColleagueResponse>),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an officer (`forbidden`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/officer/colleagues")]
pub async fn list_colleagues(
    state: web::Data<AppState>,
    officer: Officer,
) -> Result<web::Json<Vec<ColleagueResponse>>, ApiError> {
    let colleagues = staff::officers_of(&state.db, &officer.0.member.groups)
        .await
        .map_err(ApiError::internal)?;
    Ok(web::Json(colleagues.iter().map(staff::colleague).collect()))
}
