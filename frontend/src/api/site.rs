//! The site information: the municipality's name, contacts and the texts of the privacy and
//! accessibility pages.

use api_types::SiteInfo;

use super::client::{ApiError, Method, NO_BODY, json, send_public};

/// `GET /api/v1/site`.
pub async fn fetch_site() -> Result<SiteInfo, ApiError> {
    let response = send_public(Method::Get, "/api/v1/site", NO_BODY).await?;
    json(response).await
}
