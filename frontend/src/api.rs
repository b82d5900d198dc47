//! Calls to the Mina sidor REST API.

use api_types::SiteInfo;
use gloo_net::http::Request;
use leptos::prelude::*;

/// Why a call to the API failed. Only logged for developers; people see a translated message.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer (network down, server stopped).
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The answer was not the expected JSON.
    Body(String),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Network(e) => write!(f, "network error: {e}"),
            ApiError::Status(status) => write!(f, "HTTP status {status}"),
            ApiError::Body(e) => write!(f, "unexpected response body: {e}"),
        }
    }
}

/// `GET /api/v1/site`: the municipality's name, contacts and the texts of the privacy and
/// accessibility pages.
pub async fn fetch_site() -> Result<SiteInfo, ApiError> {
    let response = Request::get("/api/v1/site")
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(ApiError::Status(response.status()));
    }
    response
        .json::<SiteInfo>()
        .await
        .map_err(|e| ApiError::Body(e.to_string()))
}

/// The site information as it loads, shared through context.
#[derive(Clone, Copy)]
pub struct SiteContext(pub LocalResource<Result<SiteInfo, ApiError>>);

impl std::fmt::Debug for SiteContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteContext").finish_non_exhaustive()
    }
}

/// Starts loading the site information and puts it in context.
pub fn provide_site() -> LocalResource<Result<SiteInfo, ApiError>> {
    let site = LocalResource::new(fetch_site);
    provide_context(SiteContext(site));
    site
}

/// The site information once it has loaded; `None` while loading, after a failure, and outside the
/// app's context.
pub fn use_site() -> Signal<Option<SiteInfo>> {
    let site = use_context::<SiteContext>();
    Signal::derive(move || site.and_then(|SiteContext(site)| site.get()?.ok()))
}
