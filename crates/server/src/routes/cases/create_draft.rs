use actix_web::{HttpResponse, post, web};
use api_types::{CaseResponse, CreateDraftRequest, Problem};

use crate::auth::extractor::CurrentUser;
use crate::cases::{drafts, views};
use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;

/// Starts a draft of a published e-service, prefilled from the citizen's profile. The draft
/// stays on this version of the definition.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    request_body = CreateDraftRequest,
    responses(
        (status = 201, description = "The new draft.", body = CaseResponse),
        (status = 400, description = "Malformed body (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published e-service (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/drafts")]
pub async fn create_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateDraftRequest>,
) -> Result<HttpResponse, ApiError> {
    let definition = eservices::published_one(&state.db, &body.eservice).await?;
    let owner = &user.auth.user;
    let values = crate::profiles::prefill_values(&state.db, owner).await?;
    let answers = eservice::prefill(&definition, &values);
    let case = drafts::create(
        &state.db,
        owner.id,
        &definition,
        answers,
        state.settings.limits.open_drafts_per_citizen,
        state.clock.now(),
    )
    .await?;
    let response = views::case_response(&state.db, &case, &definition).await?;
    Ok(HttpResponse::Created().json(response))
}
