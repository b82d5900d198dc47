use actix_web::{put, web};
use api_types::{CaseResponse, Problem, SaveDraftRequest};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::{self, drafts, views};
use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;

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
    let owner = user.auth.user.id;
    let case = cases::load_owned(&state.db, owner, *case_id).await?;
    let definition =
        eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    let request = body.into_inner();
    // A revision the server never gave out cannot be the current one.
    let expected_revision =
        u32::try_from(request.lock_version).map_err(|_| cases::edit_conflict())?;
    let saved = drafts::save_answers(
        &state.db,
        owner,
        case.id,
        &definition,
        expected_revision,
        request.answers,
        request.step,
        state.clock.now(),
    )
    .await?;
    Ok(web::Json(
        views::case_response(&state.db, &saved, &definition).await?,
    ))
}
