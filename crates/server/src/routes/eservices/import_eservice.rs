use actix_web::{HttpResponse, post, web};
use api_types::{ImportEServiceResponse, Problem};

use crate::auth::extractor::CurrentUser;
use crate::error::{ApiError, ErrorCode};
use crate::eservices;
use crate::state::AppState;

/// Imports (publishes or unpublishes) a version of an e-service definition; administrators
/// only. The body is the definition document (see `api-spec/eservice-definition.schema.json`).
/// The same as `mina-sidor eservice import FILE`.
#[utoipa::path(
    tag = "eservices",
    security(("session_cookie" = []), ("bearer" = [])),
    request_body(content = serde_json::Value, description = "The definition document."),
    responses(
        (status = 201, description = "Stored (or already stored with the same content).",
            body = ImportEServiceResponse),
        (status = 400, description = "Not JSON (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator (`forbidden`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 409, description = "That version exists with other content, or a newer \
            one exists (`eservice_version_exists`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "The definition breaks a rule; each error names the path \
            and the rule (`validation_failed`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/admin/eservices")]
pub async fn import_eservice(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    if api_types::UserRole::parse(&user.auth.user.role) != Some(api_types::UserRole::Admin) {
        tracing::info!(user_id = %user.auth.user.id, "e-service import refused: not an administrator");
        return Err(ApiError::Forbidden {
            code: ErrorCode::Forbidden,
        });
    }
    let json = serde_json::to_string(&body.into_inner()).map_err(ApiError::internal)?;
    let imported = eservices::import(&state.db, &json, state.clock.now()).await?;
    Ok(HttpResponse::Created().json(imported))
}
