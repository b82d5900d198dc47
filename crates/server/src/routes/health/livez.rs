use actix_web::{get, web};
use api_types::HealthResponse;

/// Liveness: the process answers. Depends on nothing, so a database outage never restarts nodes.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "The process is alive.", body = HealthResponse))
)]
#[get("/livez")]
pub async fn livez() -> web::Json<HealthResponse> {
    web::Json(HealthResponse {
        status: "ok".into(),
    })
}
