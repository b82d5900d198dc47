use std::collections::HashMap;

use actix_web::{get, web};
use api_types::{AuditEntryResponse, AuditPage, Problem};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::{self, Action};
use crate::entities::{audit_log, cases};
use crate::error::{ApiError, ErrorCode};
use crate::staff::{self, extractor::Admin};
use crate::state::AppState;

/// Which entries.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only entries about this case.
    pub case_id: Option<Uuid>,
    /// Only a case number's entries (`2026-000123`).
    #[param(max_length = 20)]
    pub case_number: Option<String>,
    /// Only this staff member's entries.
    pub staff_id: Option<Uuid>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 100, pattern = r"^[0-9]{1,16}_[0-9a-f]{32}$")]
    pub before: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

fn bad_query(detail: &str, detail_sv: &str) -> ApiError {
    ApiError::BadRequest {
        code: ErrorCode::InvalidQuery,
        detail: detail.into(),
        detail_sv: detail_sv.into(),
    }
}

/// The audit log, newest first: who read, changed or downloaded what, and when, with the
/// request id. Reading it is recorded too.
#[utoipa::path(
    tag = "admin",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "A page of entries.", body = AuditPage),
        (status = 400, description = "A malformed parameter (`invalid_query`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator (`forbidden`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/admin/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    admin: Admin,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<AuditPage>, ApiError> {
    let query = query.into_inner();
    let mut select = audit_log::Entity::find();
    let mut case_filter = query.case_id;
    if let Some(number) = query.case_number.as_deref().map(str::trim) {
        let number = domain::CaseNumber::parse(number).map_err(|_| {
            bad_query(
                "`case_number` is not a case number such as 2026-000123.",
                "`case_number` är inget ärendenummer som 2026-000123.",
            )
        })?;
        let Some(case) = cases::Entity::find()
            .filter(cases::Column::CaseNumber.eq(number.to_string()))
            .one(&state.db)
            .await
            .map_err(ApiError::internal)?
        else {
            return Ok(web::Json(AuditPage {
                entries: Vec::new(),
                next_cursor: None,
            }));
        };
        case_filter = Some(case.id);
    }
    if let Some(case_id) = case_filter {
        select = select.filter(audit_log::Column::CaseId.eq(case_id));
    }
    if let Some(staff_id) = query.staff_id {
        select = select.filter(audit_log::Column::StaffId.eq(staff_id));
    }
    if let Some(cursor) = query.before.as_deref() {
        let (at, id) = crate::paging::parse(cursor, "before")?;
        select = select.filter(
            Condition::any().add(audit_log::Column::At.lt(at)).add(
                Condition::all()
                    .add(audit_log::Column::At.eq(at))
                    .add(audit_log::Column::Id.lt(id)),
            ),
        );
    }
    let limit = query.limit.unwrap_or(50).clamp(1, 200);
    let mut rows = select
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit + 1)
        .all(&state.db)
        .await
        .map_err(ApiError::internal)?;
    let more = u64::try_from(rows.len()).unwrap_or(u64::MAX) > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = more
        .then(|| rows.last())
        .flatten()
        .map(|row| crate::paging::cursor(row.at, row.id));
    let people = staff::accounts_by_id(&state.db, rows.iter().map(|row| row.staff_id))
        .await
        .map_err(ApiError::internal)?;
    let case_ids: Vec<Uuid> = rows.iter().filter_map(|row| row.case_id).collect();
    let numbers: HashMap<Uuid, Option<String>> = if case_ids.is_empty() {
        HashMap::new()
    } else {
        cases::Entity::find()
            .filter(cases::Column::Id.is_in(case_ids))
            .all(&state.db)
            .await
            .map_err(ApiError::internal)?
            .into_iter()
            .map(|case| (case.id, case.case_number))
            .collect()
    };
    audit::record(
        &state.db,
        admin.0.member.id(),
        Action::AuditLogRead,
        case_filter,
        query.staff_id.map(|id| id.to_string()),
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
    Ok(web::Json(AuditPage {
        entries: rows
            .into_iter()
            .map(|row| AuditEntryResponse {
                at: row.at.to_rfc3339(),
                staff: people.get(&row.staff_id).map_or_else(
                    || api_types::ColleagueResponse {
                        id: row.staff_id.into(),
                        display_name: String::new(),
                    },
                    staff::colleague,
                ),
                action: row.action,
                case_id: row.case_id.map(Into::into),
                case_number: row
                    .case_id
                    .and_then(|id| numbers.get(&id).cloned().flatten()),
                subject: row.subject,
                request_id: row.request_id,
            })
            .collect(),
        next_cursor,
    }))
}
