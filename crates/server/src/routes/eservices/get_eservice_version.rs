use actix_web::{get, web};
use api_types::{EServiceResponse, Problem};

use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;

/// A specific version of a definition (the one a draft or case was started on), published or
/// not. Public: definitions hold no personal data.
#[utoipa::path(
    tag = "eservices",
    params(
        ("slug" = String, Path, description = "The e-service."),
        ("version" = i32, Path, description = "The version, from the case."),
    ),
    responses(
        (status = 200, description = "The definition.", body = EServiceResponse),
        (status = 404, description = "No such e-service version (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/eservices/{slug}/versions/{version}")]
pub async fn get_eservice_version(
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
) -> Result<web::Json<EServiceResponse>, ApiError> {
    let (slug, version) = path.into_inner();
    let definition = eservices::version(&state.db, &slug, version).await?;
    Ok(web::Json(EServiceResponse {
        slug: definition.slug().to_owned(),
        version: definition.version().into(),
        definition: serde_json::to_value(&definition).map_err(ApiError::internal)?,
    }))
}
