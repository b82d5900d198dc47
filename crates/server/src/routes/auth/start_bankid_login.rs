use actix_web::{HttpRequest, HttpResponse, post, web};
use api_types::{LoginDevice, Problem, StartLoginRequest, StartLoginResponse, TokenDelivery};
use bankid::wire::AuthRequest;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use uuid::Uuid;

use crate::auth::bankid_login::{bankid_error, binding_cookie, binding_hash, random_token};
use crate::auth::client_ip::client_ip;
use crate::entities::bankid_logins;
use crate::error::ApiError;
use crate::state::AppState;

/// Starts a BankID login. The user never types a personal number: BankID tells us who it was.
/// For `this_device` the response holds the link that opens the BankID app; for `other_device`
/// the client shows the animated QR code from `/auth/bankid/{login_id}/qr.svg`. Then poll
/// `/auth/bankid/{login_id}/collect` every `poll_interval_ms`.
#[utoipa::path(
    tag = "auth",
    request_body = StartLoginRequest,
    responses(
        (status = 201, description = "Login started.", body = StartLoginResponse),
        (status = 400, description = "Malformed body or unknown fields (`invalid_json`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A BankID order is already in progress for this person \
            (`bankid_already_in_progress`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "A bearer login without a well-formed `code_challenge` \
            (`validation_failed`, per-field `code_challenge_required`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 429, description = "Too many logins started from this address \
            (`rate_limited`); see `Retry-After`.", body = Problem,
            content_type = "application/problem+json"),
        (status = 502, description = "BankID could not be reached or answered with an error \
            (`bankid_unavailable`, `bankid_error`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/auth/bankid")]
pub async fn start_bankid_login(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<StartLoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let challenge_ok = body
        .code_challenge
        .as_deref()
        .is_some_and(crate::auth::bankid_login::is_code_challenge);
    if body.token_delivery == TokenDelivery::Bearer && !challenge_ok {
        return Err(ApiError::Validation(vec![api_types::FieldError {
            field: "code_challenge".into(),
            code: "code_challenge_required".into(),
            message: "A bearer login needs code_challenge: BASE64URL(SHA-256(verifier)), 43 \
                      characters, for a random verifier the app keeps."
                .into(),
            message_sv: "En inloggning med bearer-token behöver code_challenge: \
                         BASE64URL(SHA-256(verifier)), 43 tecken, för en slumpad verifier som \
                         appen behåller."
                .into(),
        }]));
    }
    let ip = client_ip(&request, &state.settings.server.trusted_proxies)
        .ok_or_else(|| ApiError::Internal("no peer address".into()))?;

    let login_id = Uuid::new_v4();
    let mut order = AuthRequest::new(ip.to_string());
    order.return_risk = Some(true);
    if body.device == LoginDevice::ThisDevice {
        order.return_url = Some(format!(
            // No nonce: the binding cookie (or the bearer login's verifier) already ties the
            // login to the client that started it; a value in a URL would add nothing.
            "{}/logga-in?login={login_id}",
            state.public_url()
        ));
    }
    let started = state.bankid.auth(&order).await.map_err(bankid_error)?;

    let binding = (body.token_delivery == TokenDelivery::Cookie).then(random_token);
    // A bearer login is bound to the app that started it by its code challenge.
    let stored_binding = match (
        &binding,
        body.token_delivery,
        body.code_challenge.as_deref(),
    ) {
        (Some(cookie), _, _) => Some(binding_hash(cookie)),
        (None, TokenDelivery::Bearer, Some(challenge)) => Some(binding_hash(challenge)),
        (None, _, _) => None,
    };
    bankid_logins::ActiveModel {
        id: Set(login_id),
        order_ref: Set(started.order_ref),
        qr_start_token: Set(started.qr_start_token),
        qr_start_secret: Set(started.qr_start_secret),
        browser_binding: Set(stored_binding),
        return_nonce: Set(String::new()),
        device: Set(match body.device {
            LoginDevice::ThisDevice => "this_device".into(),
            LoginDevice::OtherDevice => "other_device".into(),
        }),
        token_delivery: Set(match body.token_delivery {
            TokenDelivery::Cookie => "cookie".into(),
            TokenDelivery::Bearer => "bearer".into(),
        }),
        status: Set("pending".into()),
        started_at: Set(now),
        finished_at: Set(None),
    }
    .insert(&state.db)
    .await
    .map_err(ApiError::internal)?;

    let mut response = HttpResponse::Created();
    if let Some(binding) = binding {
        response.cookie(binding_cookie(binding));
    }
    Ok(response.json(StartLoginResponse {
        login_id: login_id.to_string(),
        autostart_url: (body.device == LoginDevice::ThisDevice).then(|| {
            format!(
                "bankid:///?autostarttoken={}&redirect=null",
                started.auto_start_token
            )
        }),
        poll_interval_ms: 2000,
    }))
}
