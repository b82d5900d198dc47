//! BankID signatures of a draft: `/api/v1/drafts/{id}/sign` and `/api/v1/signings`.

use api_types::{CollectSigningResponse, LoginDevice, StartSigningRequest, StartSigningResponse};

use super::client::{ApiError, Body, Method, NO_BODY, encode, json, send_authenticated};

/// `POST /api/v1/drafts/{id}/sign`: starts a BankID signature.
pub async fn start_signing(
    id: &str,
    device: LoginDevice,
) -> Result<StartSigningResponse, ApiError> {
    let body = StartSigningRequest { device };
    let url = format!("/api/v1/drafts/{}/sign", encode(id));
    let response = send_authenticated(Method::Post, &url, Body::Json(&body), &[]).await?;
    json(response.value).await
}

/// `POST /api/v1/signings/{id}/collect`.
pub async fn collect_signing(signing_id: &str) -> Result<CollectSigningResponse, ApiError> {
    let url = format!("/api/v1/signings/{}/collect", encode(signing_id));
    let response = send_authenticated(Method::Post, &url, NO_BODY, &[]).await?;
    json(response.value).await
}

/// `POST /api/v1/signings/{id}/cancel`.
pub async fn cancel_signing(signing_id: &str) -> Result<(), ApiError> {
    let url = format!("/api/v1/signings/{}/cancel", encode(signing_id));
    send_authenticated(Method::Post, &url, NO_BODY, &[]).await?;
    Ok(())
}

/// One frame of a signing's animated QR code; `frame` makes each address new.
pub fn signing_qr_url(signing_id: &str, frame: u32) -> String {
    format!(
        "/api/v1/signings/{}/qr.svg?frame={frame}",
        encode(signing_id)
    )
}
