use actix_web::{HttpRequest, HttpResponse, post, web};
use api_types::{LoginDevice, Problem, StartSigningRequest, StartSigningResponse};
use uuid::Uuid;

use crate::auth::client_ip::client_ip;
use crate::auth::extractor::CurrentUser;
use crate::cases::signing as signings;
use crate::error::ApiError;
use crate::state::AppState;

/// Starts a BankID signature of a complete draft. The citizen sees a summary of the case in the
/// BankID app; what is signed also binds the SHA-256 of the canonical answers, so any later
/// change voids the signature. Then poll `/signings/{signing_id}/collect`, and submit.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The draft's id.")),
    request_body = StartSigningRequest,
    responses(
        (status = 201, description = "Signing started.", body = StartSigningResponse),
        (status = 400, description = "Malformed body (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 409, description = "Not a draft (`case_not_editable`), or BankID has an \
            order in progress (`bankid_already_in_progress`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "The answers are not complete and valid \
            (`validation_failed`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 429, description = "Too many BankID orders from this address \
            (`rate_limited`).", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Unexpected failure (`internal_error`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 502, description = "BankID could not be reached (`bankid_unavailable`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/drafts/{case_id}/sign")]
pub async fn start_signing(
    state: web::Data<AppState>,
    user: CurrentUser,
    request: HttpRequest,
    case_id: web::Path<Uuid>,
    body: web::Json<StartSigningRequest>,
) -> Result<HttpResponse, ApiError> {
    let ip = client_ip(&request, &state.settings.server.trusted_proxies)
        .ok_or_else(|| ApiError::Internal("no peer address".into()))?;
    let started = signings::start(&state, &user.auth.user, *case_id, body.device, ip).await?;
    Ok(HttpResponse::Created().json(StartSigningResponse {
        signing_id: started.signing.id.to_string(),
        autostart_url: (body.device == LoginDevice::ThisDevice).then(|| {
            format!(
                "bankid:///?autostarttoken={}&redirect=null",
                started.auto_start_token
            )
        }),
        poll_interval_ms: 2000,
        signed_text: started.signed_text,
    }))
}
