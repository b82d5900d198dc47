use std::collections::HashMap;

use actix_web::{get, web};
use api_types::{CaseSummary, Problem};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::auth::extractor::CurrentUser;
use crate::entities::cases;
use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;

/// The logged-in citizen's cases, newest change first: saved drafts, ongoing and closed cases
/// (the `group` of each says which list it belongs to). Only cases started here are shown.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The citizen's cases.", body = Vec<CaseSummary>),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/cases")]
pub async fn list_cases(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<web::Json<Vec<CaseSummary>>, ApiError> {
    // Only the columns of the list line (never the answers), by the owner's index.
    let rows = cases::Entity::find()
        .select_only()
        .columns(crate::cases::views::ListRow::COLUMNS)
        .filter(cases::Column::OwnerId.eq(user.auth.user.id))
        .order_by_desc(cases::Column::UpdatedAt)
        .order_by_desc(cases::Column::Id)
        .into_model::<crate::cases::views::ListRow>()
        .all(&state.db)
        .await
        .map_err(ApiError::internal)?;
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
    Ok(web::Json(list))
}
