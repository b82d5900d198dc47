//! The citizen's contact details: `/api/v1/profile`.

use api_types::{ProfileResponse, UpdateProfileRequest};

use super::client::{ApiError, Body, Method, NO_BODY, get, json, send_authenticated};

/// `GET /api/v1/profile`.
pub async fn get_profile() -> Result<ProfileResponse, ApiError> {
    get("/api/v1/profile", true).await
}

/// `PUT /api/v1/profile`.
pub async fn update_profile(profile: &UpdateProfileRequest) -> Result<ProfileResponse, ApiError> {
    let response =
        send_authenticated(Method::Put, "/api/v1/profile", Body::Json(profile), &[]).await?;
    json(response.value).await
}

/// `POST /api/v1/profile/test-notice`: a test notice to each chosen channel.
pub async fn send_test_notice() -> Result<api_types::TestNoticeResponse, ApiError> {
    let response =
        send_authenticated(Method::Post, "/api/v1/profile/test-notice", NO_BODY, &[]).await?;
    json(response.value).await
}
