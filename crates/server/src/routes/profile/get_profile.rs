use actix_web::{get, web};
use api_types::{Problem, ProfileResponse};

use crate::auth::extractor::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The logged-in citizen's saved details.
#[utoipa::path(
    tag = "profile",
    security(("session_cookie" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The profile (empty values when nothing is saved).",
            body = ProfileResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/profile")]
pub async fn get_profile(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<web::Json<ProfileResponse>, ApiError> {
    let profile = crate::profiles::load(&state.db, user.auth.user.id).await?;
    Ok(web::Json(super::profile_response(
        &user.auth.user,
        profile.as_ref(),
    )))
}
