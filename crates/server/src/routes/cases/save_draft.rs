use actix_web::{put, web};
use api_types::{CaseResponse, Problem, SaveDraftRequest};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::entities::cases as case_rows;
use crate::error::ApiError;
use crate::state::AppState;
use crate::{cases, eservices};

/// Saves a draft's answers (autosave and "Spara och fortsätt senare"). Everything typed is kept,
/// valid or not; validation is a separate question. Saving extends the draft's expiry.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The draft's id.")),
    request_body = SaveDraftRequest,
    responses(
        (status = 200, description = "Saved; note the new `lock_version`.", body = CaseResponse),
        (status = 400, description = "Malformed body (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 409, description = "Changed elsewhere since `lock_version` (`edit_conflict`), \
            or no longer a draft (`case_not_editable`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[put("/drafts/{case_id}")]
pub async fn save_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
    body: web::Json<SaveDraftRequest>,
) -> Result<web::Json<CaseResponse>, ApiError> {
    let case = cases::load_owned(&state.db, user.auth.user.id, *case_id).await?;
    super::ensure_draft(&case)?;
    let definition =
        eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    let request = body.into_inner();
    let now = state.clock.now();
    let expires_at = now + Duration::days(i64::from(definition.settings().draft_retention_days));
    let answers = serde_json::Value::Object(request.answers).to_string();
    let updated = case_rows::Entity::update_many()
        .col_expr(case_rows::Column::Answers, Expr::value(answers))
        .col_expr(case_rows::Column::UpdatedAt, Expr::value(now))
        .col_expr(case_rows::Column::ExpiresAt, Expr::value(Some(expires_at)))
        .col_expr(
            case_rows::Column::LockVersion,
            Expr::value(request.lock_version + 1),
        )
        .filter(case_rows::Column::Id.eq(case.id))
        .filter(case_rows::Column::Status.eq("draft"))
        .filter(case_rows::Column::LockVersion.eq(request.lock_version))
        .exec(&state.db)
        .await
        .map_err(ApiError::internal)?;
    if updated.rows_affected != 1 {
        return Err(ApiError::Conflict {
            code: "edit_conflict",
            detail: "The draft was changed elsewhere (another tab or device). Reload it to \
                     continue."
                .into(),
            detail_sv: "Utkastet har ändrats någon annanstans (en annan flik eller enhet). \
                        Ladda om det för att fortsätta."
                .into(),
        });
    }
    let saved = cases::load_owned(&state.db, user.auth.user.id, case.id).await?;
    Ok(web::Json(
        super::case_response(&state.db, &saved, &definition).await?,
    ))
}
