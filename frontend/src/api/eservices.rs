//! The published e-services: `/api/v1/eservices`.

use api_types::{EServiceResponse, EServiceSummary};

use super::client::{ApiError, encode, get};

/// `GET /api/v1/eservices[?q=]`: the published e-services, optionally searched.
pub async fn list_eservices(query: &str) -> Result<Vec<EServiceSummary>, ApiError> {
    let query = query.trim();
    let url = if query.is_empty() {
        "/api/v1/eservices".to_owned()
    } else {
        format!("/api/v1/eservices?q={}", encode(query))
    };
    get(&url, false).await
}

/// An e-service's definition, loaded and checked with the same code as the server.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedEService {
    /// The definition.
    pub definition: eservice::EServiceDefinition,
}

fn parse_definition(response: EServiceResponse) -> Result<LoadedEService, ApiError> {
    eservice::EServiceDefinition::from_value(response.definition)
        .map(|definition| LoadedEService { definition })
        .map_err(|errors| {
            ApiError::Body(
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })
}

/// `GET /api/v1/eservices/{slug}`: the published version of an e-service.
pub async fn get_eservice(slug: &str) -> Result<LoadedEService, ApiError> {
    let response: EServiceResponse =
        get(&format!("/api/v1/eservices/{}", encode(slug)), false).await?;
    parse_definition(response)
}

/// `GET /api/v1/eservices/{slug}/versions/{version}`: the version a draft was started on.
pub async fn get_eservice_version(
    slug: &str,
    version: api_types::EServiceVersion,
) -> Result<LoadedEService, ApiError> {
    version_as(slug, version, true).await
}

/// The version a case was filed on, for the officer side (without a citizen's session).
pub async fn get_filed_version(
    slug: &str,
    version: api_types::EServiceVersion,
) -> Result<LoadedEService, ApiError> {
    version_as(slug, version, false).await
}

async fn version_as(
    slug: &str,
    version: api_types::EServiceVersion,
    authenticated: bool,
) -> Result<LoadedEService, ApiError> {
    let response: EServiceResponse = get(
        &format!("/api/v1/eservices/{}/versions/{version}", encode(slug)),
        authenticated,
    )
    .await?;
    parse_definition(response)
}
