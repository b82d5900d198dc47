use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use api_types::{CaseGroup, CaseSummary, Problem};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;

use crate::auth::extractor::CurrentUser;
use crate::cases::views::ListRow;
use crate::entities::cases;
use crate::error::{ApiError, ErrorCode};
use crate::eservices;
use crate::state::AppState;

/// Which list, and which page of it.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only this list: `saved`, `ongoing` or `closed`; all three when left out.
    #[param(inline)]
    pub group: Option<CaseGroup>,
    /// The cursor from the previous page's `Link: <…>; rel="next"`.
    #[param(max_length = 100, pattern = r"^[0-9]{1,16}_[0-9a-f]{32}$")]
    pub after: Option<String>,
    /// Page size, 1–100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

fn statuses(group: CaseGroup) -> Vec<cases::Status> {
    domain::CaseStatus::ALL
        .into_iter()
        .filter(|status| status.group() == group)
        .map(cases::Status::from)
        .collect()
}

/// The logged-in citizen's cases, newest change first: saved drafts, ongoing and closed cases
/// (the `group` of each says which list it belongs to), a page at a time. When there are more,
/// the `Link` header names the next page (`rel="next"`). Only cases started here are shown.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "A page of the citizen's cases; `Link: <…>; rel=\"next\"` \
            when there are more.", body = Vec<CaseSummary>),
        (status = 400, description = "A malformed parameter or cursor (`invalid_query`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/cases")]
pub async fn list_cases(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = query.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::BadRequest {
            code: ErrorCode::InvalidQuery,
            detail: "`limit` is 1-100.".into(),
            detail_sv: "`limit` ska vara 1–100.".into(),
        });
    }
    // Only the columns of the list line (never the answers), by the owner's index.
    let mut select = cases::Entity::find()
        .select_only()
        .columns(ListRow::COLUMNS)
        .filter(cases::Column::OwnerId.eq(user.auth.user.id));
    if let Some(group) = query.group {
        select = select.filter(cases::Column::Status.is_in(statuses(group)));
    }
    if let Some(cursor) = query.after.as_deref() {
        let (at, id) = crate::paging::parse(cursor, "after")?;
        select = select.filter(
            Condition::any().add(cases::Column::UpdatedAt.lt(at)).add(
                Condition::all()
                    .add(cases::Column::UpdatedAt.eq(at))
                    .add(cases::Column::Id.lt(id)),
            ),
        );
    }
    let mut rows = select
        .order_by_desc(cases::Column::UpdatedAt)
        .order_by_desc(cases::Column::Id)
        .limit(limit + 1)
        .into_model::<ListRow>()
        .all(&state.db)
        .await
        .map_err(ApiError::internal)?;
    let more = u64::try_from(rows.len()).unwrap_or(u64::MAX) > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    // One definition load per e-service version, not per case.
    let mut titles = HashMap::new();
    let mut list = Vec::with_capacity(rows.len());
    for case in &rows {
        let key = (case.e_service_slug.clone(), case.e_service_version);
        if !titles.contains_key(&key) {
            let definition =
                eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
            titles.insert(
                key.clone(),
                crate::routes::eservices::localized(definition.title()),
            );
        }
        if let Some(title) = titles.get(&key) {
            list.push(crate::cases::views::case_summary(case, title.clone()));
        }
    }
    let mut response = HttpResponse::Ok();
    if let (true, Some(last)) = (more, rows.last()) {
        let mut next = format!(
            "/api/v1/cases?after={}_{}&limit={limit}",
            last.updated_at.timestamp_micros(),
            last.id.simple()
        );
        if let Some(group) = query.group {
            next.push_str(&format!("&group={}", group.as_str()));
        }
        response.insert_header(("Link", format!("<{next}>; rel=\"next\"")));
    }
    Ok(response.json(list))
}
