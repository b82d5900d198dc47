use actix_web::{put, web};
use api_types::{Problem, ProfileResponse, UpdateProfileRequest};

use crate::auth::extractor::CurrentUser;
use crate::error::ApiError;
use crate::profiles;
use crate::state::AppState;

/// Saves the logged-in citizen's details. Everything is checked before anything is saved; on
/// 422 nothing changes and every invalid field is listed.
#[utoipa::path(
    tag = "profile",
    security(("session_cookie" = []), ("bearer" = [])),
    request_body = UpdateProfileRequest,
    responses(
        (status = 200, description = "Saved.", body = ProfileResponse),
        (status = 400, description = "Malformed body or unknown fields (`invalid_json`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Cookie authentication without the CSRF header.",
            body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid values (`validation_failed`, per-field codes \
            `invalid_email`, `invalid_phone`, `invalid_postal_code`, `required`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/profile")]
pub async fn update_profile(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<UpdateProfileRequest>,
) -> Result<web::Json<ProfileResponse>, ApiError> {
    let details =
        profiles::ContactDetails::parse(body.into_inner()).map_err(ApiError::Validation)?;
    let saved = profiles::save(&state.db, user.auth.user.id, details, state.clock.now()).await?;
    tracing::info!(user_id = %user.auth.user.id, "profile updated");
    Ok(web::Json(super::profile_response(
        &user.auth.user,
        Some(&saved),
    )))
}
