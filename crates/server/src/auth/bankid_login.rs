//! What the BankID login handlers share: loading a pending login with its ownership check,
//! mapping BankID errors and messages, the browser-binding cookie.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use api_types::UserMessage;
use bankid::wire::ErrorCode;
use bankid::{BankIdError, Flow, Lang, Rfa};
use sea_orm::EntityTrait;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entities::bankid_logins;
use crate::error::{ApiError, ErrorCode as Code};
use crate::state::AppState;

/// Cookie that binds a pending login to the browser that started it, so a login started
/// elsewhere (an attacker's QR code) cannot hand its session to this browser or the reverse.
pub const LOGIN_BINDING_COOKIE: &str = "__Host-minasidor_login";

/// The header a bearer login's client sends its PKCE-style verifier in.
pub const CODE_VERIFIER_HEADER: &str = "x-code-verifier";

/// Loads a login the caller may use: it exists and, for cookie delivery, this browser holds
/// the binding cookie; for bearer delivery, the request carries the verifier of the login's
/// code challenge. Anything else is `not_found`, so ids cannot be probed.
pub async fn load_owned_login(
    state: &AppState,
    request: &HttpRequest,
    login_id: Uuid,
) -> Result<bankid_logins::Model, ApiError> {
    let login = bankid_logins::Entity::find_by_id(login_id)
        .one(&state.db)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ApiError::NotFound)?;
    if let Some(expected) = &login.browser_binding {
        let presented = if login.token_delivery == "bearer" {
            request
                .headers()
                .get(CODE_VERIFIER_HEADER)
                .and_then(|value| value.to_str().ok())
                .map(|verifier| binding_hash(&code_challenge(verifier)))
        } else {
            request
                .cookie(LOGIN_BINDING_COOKIE)
                .map(|cookie| binding_hash(cookie.value()))
        };
        if presented.as_deref() != Some(expected.as_str()) {
            return Err(ApiError::NotFound);
        }
    }
    Ok(login)
}

/// `BASE64URL(SHA-256(verifier))`, without padding (PKCE's S256).
pub fn code_challenge(verifier: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Whether `challenge` has the shape of an S256 code challenge (43 base64url characters).
pub fn is_code_challenge(challenge: &str) -> bool {
    challenge.len() == 43
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// SHA-256 (hex) of a binding value; only the hash is stored.
pub fn binding_hash(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// A fresh random value (256 bits) as hex.
pub fn random_token() -> String {
    let mut bytes = Uuid::new_v4().as_bytes().to_vec();
    bytes.extend_from_slice(Uuid::new_v4().as_bytes());
    hex::encode(bytes)
}

/// The binding cookie, valid for the few minutes a BankID order lives.
pub fn binding_cookie(value: String) -> Cookie<'static> {
    Cookie::build(LOGIN_BINDING_COOKIE, value)
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::minutes(10))
        .finish()
}

/// Removes the binding cookie.
pub fn clear_binding_cookie() -> Cookie<'static> {
    Cookie::build(LOGIN_BINDING_COOKIE, "")
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::ZERO)
        .finish()
}

/// The message pair for an RFA code.
pub fn user_message(rfa: Rfa) -> UserMessage {
    UserMessage {
        code: rfa.code().into(),
        sv: rfa.text(Lang::Sv).into(),
        en: rfa.text(Lang::En).into(),
    }
}

/// The RFA flow for a stored device choice (`this_device` or `other_device`).
pub fn flow_for(device: &str) -> Flow {
    let autostart = device == "this_device";
    Flow {
        autostart,
        qr: !autostart,
        mobile: false,
    }
}

/// Maps a BankID failure to the API error the client sees; the details go to the log only.
pub fn bankid_error(error: BankIdError) -> ApiError {
    let rfa = error.rfa();
    let message = user_message(rfa);
    match error.error_code() {
        Some(ErrorCode::AlreadyInProgress) => ApiError::Conflict {
            code: Code::BankidAlreadyInProgress,
            detail: message.en,
            detail_sv: message.sv,
        },
        // BankID forgets an order some time after it ended: nothing to collect, start again.
        Some(ErrorCode::NotFound) => ApiError::Conflict {
            code: Code::BankidOrderNotFound,
            detail: "BankID no longer knows this order. Start again.".into(),
            detail_sv: "BankID känner inte längre till ordern. Börja om.".into(),
        },
        _ => {
            tracing::warn!(error = %crate::error::cause_chain(&error), "BankID call failed");
            ApiError::Upstream {
                code: if rfa == Rfa::Rfa5 {
                    Code::BankidUnavailable
                } else {
                    Code::BankidError
                },
                detail: message.en,
                detail_sv: message.sv,
            }
        }
    }
}

/// The animated QR code's content for the current second of an order started at `started_at`.
pub fn qr_content_now(
    token: &str,
    secret: &str,
    started_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let seconds = (now - started_at).num_seconds().max(0);
    bankid::qr::qr_content(token, secret, u64::try_from(seconds).unwrap_or(0))
}

/// The QR content as an SVG image response.
pub fn qr_svg_response(content: &str) -> Result<actix_web::HttpResponse, ApiError> {
    let code = qrcode::QrCode::new(content.as_bytes()).map_err(ApiError::internal)?;
    let image = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    Ok(actix_web::HttpResponse::Ok()
        .content_type("image/svg+xml")
        .body(image))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn already_in_progress_at_bankid_is_a_conflict_with_rfa4_texts() {
        let error = bankid_error(BankIdError::Api {
            status: 400,
            code: ErrorCode::AlreadyInProgress,
            details: "Order already in progress for pno".into(),
        });
        let ApiError::Conflict {
            code, detail_sv, ..
        } = &error
        else {
            panic!("expected a conflict, got {error:?}");
        };
        assert_eq!(code.as_str(), "bankid_already_in_progress");
        assert_eq!(detail_sv, Rfa::Rfa4.text(Lang::Sv));
    }

    #[test]
    fn an_order_bankid_no_longer_knows_is_a_conflict_the_client_can_act_on() {
        let error = bankid_error(BankIdError::Api {
            status: 400,
            code: ErrorCode::NotFound,
            details: "No such order".into(),
        });
        assert_eq!(error.code(), "bankid_order_not_found");
        assert_eq!(
            actix_web::ResponseError::status_code(&error),
            actix_web::http::StatusCode::CONFLICT
        );
    }

    #[test]
    fn bankid_maintenance_is_a_bad_gateway_with_rfa5_texts() {
        let error = bankid_error(BankIdError::Api {
            status: 503,
            code: ErrorCode::Maintenance,
            details: String::new(),
        });
        assert_eq!(error.code(), "bankid_unavailable");
        assert_eq!(
            actix_web::ResponseError::status_code(&error),
            actix_web::http::StatusCode::BAD_GATEWAY
        );
    }
}
