use actix_web::{get, web};
use api_types::{Problem, QueueAssignee, QueuePage, QueueSort};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use crate::cases::queue::{self, Filter};
use crate::error::ApiError;
use crate::staff::extractor::Officer;
use crate::state::AppState;

/// Filters, search, order and paging of the queue.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Only this e-service (slug).
    pub eservice: Option<String>,
    /// Only this status (`submitted`, `in_progress`, `closed`).
    pub status: Option<domain::CaseStatus>,
    /// `anyone` (default), `me` or `unassigned`.
    #[param(inline)]
    pub assignee: Option<QueueAssignee>,
    /// Only the cases assigned to this colleague.
    pub assigned_to: Option<Uuid>,
    /// Received on or after this date (`YYYY-MM-DD`, Swedish time).
    pub received_from: Option<NaiveDate>,
    /// Received on or before this date (`YYYY-MM-DD`, Swedish time).
    pub received_to: Option<NaiveDate>,
    /// A case number (`2026-000123`) or the start of the applicant's name.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// `received_asc` (default, oldest first) or `received_desc`.
    #[param(inline)]
    pub sort: Option<QueueSort>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 100, pattern = r"^[0-9]{1,16}_[0-9a-f]{32}$")]
    pub after: Option<String>,
    /// Page size, 1–100 (default 25).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

/// The received cases of the officer's groups: filtered, searched, ordered by when they were
/// received, and paged by key (`next_cursor`).
#[utoipa::path(
    tag = "officer",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(QueueQuery),
    responses(
        (status = 200, description = "A page of the queue.", body = QueuePage),
        (status = 400, description = "A malformed parameter or cursor (`invalid_query`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an officer (`forbidden`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/officer/cases")]
pub async fn list_queue(
    state: web::Data<AppState>,
    officer: Officer,
    query: web::Query<QueueQuery>,
) -> Result<web::Json<QueuePage>, ApiError> {
    let query = query.into_inner();
    let too_long = |text: &Option<String>| text.as_ref().is_some_and(|t| t.chars().count() > 100);
    if too_long(&query.q) || too_long(&query.after) || too_long(&query.eservice) {
        return Err(ApiError::BadRequest {
            code: crate::error::ErrorCode::InvalidQuery,
            detail: "A search, cursor or e-service is at most 100 characters.".into(),
            detail_sv: "Sökning, sidmarkör och e-tjänst får vara högst 100 tecken.".into(),
        });
    }
    if query.limit.is_some_and(|limit| !(1..=100).contains(&limit)) {
        return Err(ApiError::BadRequest {
            code: crate::error::ErrorCode::InvalidQuery,
            detail: "`limit` is 1-100.".into(),
            detail_sv: "`limit` ska vara 1–100.".into(),
        });
    }
    let filter = Filter {
        eservice: query.eservice,
        status: query.status,
        assignee: query.assignee.unwrap_or_default(),
        assigned_to: query.assigned_to,
        received_from: query.received_from,
        received_to: query.received_to,
        search: query.q,
        sort: query.sort.unwrap_or_default(),
        after: query.after,
        limit: query.limit.unwrap_or(25),
    };
    Ok(web::Json(
        queue::page(&state.db, &officer.0.member, &filter).await?,
    ))
}
