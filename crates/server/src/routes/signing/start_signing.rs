use actix_web::{HttpRequest, HttpResponse, post, web};
use api_types::{LoginDevice, Problem, StartSigningRequest, StartSigningResponse};
use bankid::wire::{Requirement, SignRequest};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use uuid::Uuid;

use crate::auth::bankid_login::bankid_error;
use crate::auth::client_ip::client_ip;
use crate::auth::extractor::CurrentUser;
use crate::cases::{self, drafts};
use crate::entities::case_signatures;
use crate::error::ApiError;
use crate::eservices;
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
    let owner = user.auth.user.id;
    let case = cases::load_owned(&state.db, owner, *case_id).await?;
    if domain::CaseStatus::from(case.status) != domain::CaseStatus::Draft {
        return Err(cases::transition_error(
            domain::TransitionError::IllegalTransition {
                from: case.status.into(),
                command: domain::CaseCommandKind::RecordSignature,
            },
        ));
    }
    let definition =
        eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    let now = state.clock.now();
    let files = drafts::check_answers(&state.db, &case, &definition, eservice::Scope::All, now)
        .await?
        .map_err(ApiError::Validation)?;
    let ip = client_ip(&request, &state.settings.server.trusted_proxies)
        .ok_or_else(|| ApiError::Internal("no peer address".into()))?;
    state
        .login_limiter
        .check(ip, now)
        .map_err(|retry_after_seconds| ApiError::TooManyRequests {
            retry_after_seconds,
        })?;
    let answers = drafts::answers_of(&case);
    let text = eservice::summary_text(&definition, &answers, eservice::Lang::Sv);
    let digest = drafts::signed_digest(&definition, &case, &files);
    // Only the logged-in citizen can complete the order, and BankID reports its risk.
    let mut order = SignRequest::new(ip.to_string(), &text).with_non_visible_data(&digest);
    order.requirement = Some(Requirement {
        personal_number: Some(user.auth.user.personnummer.to_digits()),
        ..Requirement::default()
    });
    order.return_risk = Some(true);
    let order = state.bankid.sign(&order).await.map_err(bankid_error)?;
    let signing = case_signatures::ActiveModel {
        id: Set(Uuid::new_v4()),
        case_id: Set(case.id),
        user_id: Set(owner),
        order_ref: Set(order.order_ref),
        qr_start_token: Set(order.qr_start_token),
        qr_start_secret: Set(order.qr_start_secret),
        device: Set(match body.device {
            LoginDevice::ThisDevice => "this_device".into(),
            LoginDevice::OtherDevice => "other_device".into(),
        }),
        answers_digest: Set(hex::encode(digest)),
        lock_version: Set(case.lock_version),
        status: Set("pending".into()),
        signature: Set(None),
        ocsp_response: Set(None),
        started_at: Set(now),
        finished_at: Set(None),
    }
    .insert(&state.db)
    .await
    .map_err(ApiError::internal)?;
    Ok(HttpResponse::Created().json(StartSigningResponse {
        signing_id: signing.id.to_string(),
        autostart_url: (body.device == LoginDevice::ThisDevice).then(|| {
            format!(
                "bankid:///?autostarttoken={}&redirect=null",
                order.auto_start_token
            )
        }),
        poll_interval_ms: 2000,
        signed_text: text,
    }))
}
