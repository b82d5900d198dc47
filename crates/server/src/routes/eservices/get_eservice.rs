use actix_web::{get, web};
use api_types::{EServiceResponse, Problem};

use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;

/// The newest published definition of an e-service. Public.
#[utoipa::path(
    tag = "eservices",
    params(("slug" = String, Path, description = "The e-service, e.g. `felanmalan-gata-park`.")),
    responses(
        (status = 200, description = "The definition.", body = EServiceResponse),
        (status = 404, description = "No such published e-service (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/eservices/{slug}")]
pub async fn get_eservice(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<web::Json<EServiceResponse>, ApiError> {
    let definition = eservices::published_one(&state.db, &slug).await?;
    Ok(web::Json(EServiceResponse {
        slug: definition.slug().to_owned(),
        version: definition.version().into(),
        definition: serde_json::to_value(&definition).map_err(ApiError::internal)?,
    }))
}
