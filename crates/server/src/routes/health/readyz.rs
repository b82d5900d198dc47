use actix_web::{get, web};
use api_types::{HealthResponse, Problem};

use crate::db;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// Readiness: the node takes traffic. False while shutting down, when the database does not
/// answer, or when migrations are pending. Never checks BankID, e-mail or SMS.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready for traffic.", body = HealthResponse),
        (status = 503, description = "Not ready: shutting down, database unreachable or \
            migrations pending (`not_ready`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<web::Json<HealthResponse>, ApiError> {
    if !state.is_accepting() {
        return Err(not_ready("The node is shutting down."));
    }
    if let Err(error) = state.db.ping().await {
        tracing::warn!(%error, "readiness: database ping failed");
        return Err(not_ready("The database does not answer."));
    }
    match db::migrations_applied(&state.db).await {
        Ok(true) => Ok(web::Json(HealthResponse {
            status: "ready".into(),
        })),
        Ok(false) => Err(not_ready("Database migrations are pending.")),
        Err(error) => {
            tracing::warn!(%error, "readiness: reading migrations failed");
            Err(not_ready("The database's migration state cannot be read."))
        }
    }
}

fn not_ready(detail: &str) -> ApiError {
    ApiError::Unavailable {
        code: ErrorCode::NotReady,
        detail: detail.into(),
    }
}
