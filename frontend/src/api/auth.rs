//! The session and BankID login: `/api/v1/session` and `/api/v1/auth/bankid`.
//!
//! The session token comes as an HttpOnly cookie, never to this code.

use api_types::{
    CollectLoginResponse, LoginDevice, SessionResponse, StartLoginRequest, StartLoginResponse,
    TokenDelivery,
};

use super::client::{
    ApiError, Body, Method, NO_BODY, Stamped, encode, error_from, json, json_from,
    send_authenticated, send_public, send_raw, server_date,
};
use crate::time;

/// `GET /api/v1/session` when the app starts: the session, or `None` when nobody is logged in
/// (401, which is normal and not an error here).
pub async fn fetch_session() -> Result<Option<Stamped<SessionResponse>>, ApiError> {
    let sent_at = time::now_ms();
    let response = send_raw(Method::Get, "/api/v1/session", NO_BODY, &[]).await?;
    if response.status() == 401 {
        return Ok(None);
    }
    let server_date = server_date(&response);
    let value = json_from::<SessionResponse>(response).await?;
    Ok(Some(Stamped {
        value,
        sent_at,
        server_date,
    }))
}

/// `POST /api/v1/session/refresh`: "stay logged in"; the idle expiry starts over.
pub async fn refresh_session() -> Result<Stamped<SessionResponse>, ApiError> {
    let Stamped {
        value: response,
        sent_at,
        server_date,
    } = send_authenticated(Method::Post, "/api/v1/session/refresh", NO_BODY, &[]).await?;
    let value = json::<SessionResponse>(response).await?;
    Ok(Stamped {
        value,
        sent_at,
        server_date,
    })
}

/// `DELETE /api/v1/session`: logs out; the server revokes the session and clears the cookie.
/// A 401 (the session had already ended) counts as done.
pub async fn delete_session() -> Result<(), ApiError> {
    let response = send_raw(Method::Delete, "/api/v1/session", NO_BODY, &[]).await?;
    if response.ok() || response.status() == 401 {
        Ok(())
    } else {
        Err(error_from(response).await)
    }
}

/// The path of a BankID login's sub-resource.
fn login_path(login_id: &str, tail: &str) -> String {
    format!("/api/v1/auth/bankid/{}/{tail}", encode(login_id))
}

/// `POST /api/v1/auth/bankid`: starts a BankID login. The session token will come as an
/// HttpOnly cookie, never to this code.
pub async fn start_login(device: LoginDevice) -> Result<StartLoginResponse, ApiError> {
    let body = StartLoginRequest {
        device,
        token_delivery: TokenDelivery::Cookie,
        code_challenge: None,
    };
    let response = send_public(Method::Post, "/api/v1/auth/bankid", Body::Json(&body)).await?;
    json(response).await
}

/// `POST /api/v1/auth/bankid/{login_id}/collect`: the state of a login.
pub async fn collect_login(login_id: &str) -> Result<Stamped<CollectLoginResponse>, ApiError> {
    let sent_at = time::now_ms();
    let response = send_raw(Method::Post, &login_path(login_id, "collect"), NO_BODY, &[]).await?;
    let server_date = server_date(&response);
    let value = json_from::<CollectLoginResponse>(response).await?;
    Ok(Stamped {
        value,
        sent_at,
        server_date,
    })
}

/// `POST /api/v1/auth/bankid/{login_id}/cancel`: stops a login that is still waiting.
pub async fn cancel_login(login_id: &str) -> Result<(), ApiError> {
    send_public(Method::Post, &login_path(login_id, "cancel"), NO_BODY).await?;
    Ok(())
}

/// The address of one frame of a login's animated QR code (an SVG image). `frame` only makes
/// each address new, so the browser fetches the current code instead of reusing the last one.
pub fn qr_image_url(login_id: &str, frame: u32) -> String {
    format!("{}?frame={frame}", login_path(login_id, "qr.svg"))
}
