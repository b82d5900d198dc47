use actix_web::{get, web};
use api_types::{NoticeStatus, OutboxPage, Problem};
use serde::Deserialize;

use crate::error::ApiError;
use crate::notify::service;
use crate::staff::extractor::Admin;
use crate::state::AppState;

/// Which entries.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only entries in this state, e.g. `failed`.
    pub status: Option<NoticeStatus>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 100, pattern = r"^[0-9]{1,16}_[0-9a-f]{32}$")]
    pub before: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

/// The notification outbox, newest first: what was sent, what waits for a retry and what
/// failed, with the reason. Addresses are masked.
#[utoipa::path(
    tag = "admin",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(OutboxQuery),
    responses(
        (status = 200, description = "A page of entries.", body = OutboxPage),
        (status = 400, description = "A malformed parameter (`invalid_query`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator (`forbidden`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/admin/notifications")]
pub async fn list_outbox(
    state: web::Data<AppState>,
    _admin: Admin,
    query: web::Query<OutboxQuery>,
) -> Result<web::Json<OutboxPage>, ApiError> {
    let limit = match query.limit {
        None => 50,
        Some(limit @ 1..=200) => limit,
        Some(_) => {
            return Err(ApiError::BadRequest {
                code: crate::error::ErrorCode::InvalidQuery,
                detail: "`limit` must be between 1 and 200.".into(),
                detail_sv: "`limit` måste vara mellan 1 och 200.".into(),
            });
        }
    };
    Ok(web::Json(
        service::outbox_page(&state.db, query.status, query.before.as_deref(), limit).await?,
    ))
}
