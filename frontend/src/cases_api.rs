//! Calls to the e-service, case, signing and profile parts of the REST API.
//!
//! Like [`crate::api`], every state-changing request carries the CSRF header, and calls that need
//! a logged-in user tell the session about them: a success is activity (the idle expiry moves), a
//! 401 ends the session in the app.

use api_types::{
    AttachmentResponse, CaseResponse, CaseSummary, CollectSigningResponse, CreateDraftRequest,
    EServiceResponse, EServiceSummary, LoginDevice, ProfileResponse, SaveDraftRequest,
    StartSigningRequest, StartSigningResponse, UpdateProfileRequest, ValidateDraftRequest,
    ValidationResponse,
};
use gloo_net::http::Response;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::api::{
    ApiError, CSRF_HEADER, CSRF_VALUE, Method, authenticated_answer, error_from, request,
};
use crate::time;

/// The body of a request.
enum Body<'a, B: Serialize> {
    None,
    Json(&'a B),
    /// A file, sent as it is (the browser streams it).
    File(&'a web_sys::File),
}

/// Sends a request; any status but 401 and errors is the answer. `authenticated` calls report
/// activity and a 401 to the session.
async fn send<B: Serialize>(
    method: Method,
    url: &str,
    body: Body<'_, B>,
    headers: &[(&str, &str)],
    authenticated: bool,
) -> Result<Response, ApiError> {
    let sent_at = time::now_ms();
    let mut request = request(method, url);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let request = match body {
        Body::None => request.build(),
        Body::Json(body) => request.json(body),
        Body::File(file) => request
            .header("Content-Type", "application/octet-stream")
            .body(wasm_bindgen::JsValue::from(file.clone())),
    }
    .map_err(|e| ApiError::Body(e.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if authenticated {
        authenticated_answer(response, sent_at).await
    } else if response.ok() {
        Ok(response)
    } else {
        Err(error_from(response).await)
    }
}

async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response
        .json::<T>()
        .await
        .map_err(|e| ApiError::Body(e.to_string()))
}

async fn get<T: DeserializeOwned>(url: &str, authenticated: bool) -> Result<T, ApiError> {
    let response = send::<()>(Method::Get, url, Body::None, &[], authenticated).await?;
    json(response).await
}

fn encode(part: &str) -> String {
    String::from(js_sys::encode_uri_component(part))
}

/// `GET /api/v1/eservices[?q=]`: the published e-services, optionally searched.
pub async fn list_eservices(query: &str) -> Result<Vec<EServiceSummary>, ApiError> {
    let query = query.trim();
    let url = if query.is_empty() {
        "/api/v1/eservices".to_owned()
    } else {
        format!("/api/v1/eservices?q={}", encode(query))
    };
    get(&url, false).await
}

/// An e-service's definition, loaded and checked with the same code as the server.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedEService {
    /// The definition.
    pub definition: eservice::EServiceDefinition,
}

fn parse_definition(response: EServiceResponse) -> Result<LoadedEService, ApiError> {
    eservice::EServiceDefinition::from_value(response.definition)
        .map(|definition| LoadedEService { definition })
        .map_err(|errors| {
            ApiError::Body(
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })
}

/// `GET /api/v1/eservices/{slug}`: the published version of an e-service.
pub async fn get_eservice(slug: &str) -> Result<LoadedEService, ApiError> {
    let response: EServiceResponse =
        get(&format!("/api/v1/eservices/{}", encode(slug)), false).await?;
    parse_definition(response)
}

/// `GET /api/v1/eservices/{slug}/versions/{version}`: the version a draft was started on.
pub async fn get_eservice_version(slug: &str, version: u32) -> Result<LoadedEService, ApiError> {
    let response: EServiceResponse = get(
        &format!("/api/v1/eservices/{}/versions/{version}", encode(slug)),
        true,
    )
    .await?;
    parse_definition(response)
}

/// `POST /api/v1/drafts`: starts a draft, prefilled from the profile.
pub async fn create_draft(slug: &str) -> Result<CaseResponse, ApiError> {
    let body = CreateDraftRequest {
        eservice: slug.to_owned(),
    };
    let response = send(Method::Post, "/api/v1/drafts", Body::Json(&body), &[], true).await?;
    json(response).await
}

/// `PUT /api/v1/drafts/{id}`: saves the answers.
pub async fn save_draft(
    id: &str,
    answers: Map<String, Value>,
    lock_version: i32,
) -> Result<CaseResponse, ApiError> {
    let body = SaveDraftRequest {
        answers,
        lock_version,
    };
    let url = format!("/api/v1/drafts/{}", encode(id));
    let response = send(Method::Put, &url, Body::Json(&body), &[], true).await?;
    json(response).await
}

/// `PUT /api/v1/drafts/{id}` as the page closes: a `keepalive` fetch, which the browser finishes
/// after the page is gone. Nothing waits for the answer.
pub fn save_draft_on_exit(id: &str, answers: Map<String, Value>, lock_version: i32) {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;

    let Some(window) = web_sys::window() else {
        return;
    };
    let body = SaveDraftRequest {
        answers,
        lock_version,
    };
    let Ok(body) = serde_json::to_string(&body) else {
        return;
    };
    let headers = js_sys::Object::new();
    let _ = Reflect::set(&headers, &"Content-Type".into(), &"application/json".into());
    let _ = Reflect::set(&headers, &CSRF_HEADER.into(), &CSRF_VALUE.into());
    let init = web_sys::RequestInit::new();
    init.set_method("PUT");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&body));
    let _ = Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
    let _ = window.fetch_with_str_and_init(&format!("/api/v1/drafts/{}", encode(id)), &init);
}

/// `POST /api/v1/drafts/{id}/validate`: which answers the server finds invalid.
pub async fn validate_draft(id: &str, step: Option<&str>) -> Result<ValidationResponse, ApiError> {
    let body = ValidateDraftRequest {
        step: step.map(str::to_owned),
    };
    let url = format!("/api/v1/drafts/{}/validate", encode(id));
    let response = send(Method::Post, &url, Body::Json(&body), &[], true).await?;
    json(response).await
}

/// `DELETE /api/v1/drafts/{id}`.
pub async fn delete_draft(id: &str) -> Result<(), ApiError> {
    let url = format!("/api/v1/drafts/{}", encode(id));
    send::<()>(Method::Delete, &url, Body::None, &[], true).await?;
    Ok(())
}

/// `POST /api/v1/drafts/{id}/attachments?field=…&name=…` with the file as the body.
pub async fn upload_attachment(
    id: &str,
    field: &str,
    file: &web_sys::File,
) -> Result<AttachmentResponse, ApiError> {
    let url = format!(
        "/api/v1/drafts/{}/attachments?field={}&name={}",
        encode(id),
        encode(field),
        encode(&file.name())
    );
    let response = send::<()>(Method::Post, &url, Body::File(file), &[], true).await?;
    json(response).await
}

/// `DELETE /api/v1/drafts/{id}/attachments/{attachment_id}`.
pub async fn delete_attachment(id: &str, attachment_id: &str) -> Result<(), ApiError> {
    let url = format!(
        "/api/v1/drafts/{}/attachments/{}",
        encode(id),
        encode(attachment_id)
    );
    send::<()>(Method::Delete, &url, Body::None, &[], true).await?;
    Ok(())
}

/// Where an uploaded file can be downloaded.
pub fn attachment_url(attachment_id: &str) -> String {
    format!("/api/v1/attachments/{}", encode(attachment_id))
}

/// `POST /api/v1/drafts/{id}/submit` with the attempt's `Idempotency-Key`.
pub async fn submit_draft(id: &str, idempotency_key: &str) -> Result<CaseResponse, ApiError> {
    let url = format!("/api/v1/drafts/{}/submit", encode(id));
    let response = send::<()>(
        Method::Post,
        &url,
        Body::None,
        &[("Idempotency-Key", idempotency_key)],
        true,
    )
    .await?;
    json(response).await
}

/// `POST /api/v1/drafts/{id}/sign`: starts a BankID signature.
pub async fn start_signing(
    id: &str,
    device: LoginDevice,
) -> Result<StartSigningResponse, ApiError> {
    let body = StartSigningRequest { device };
    let url = format!("/api/v1/drafts/{}/sign", encode(id));
    let response = send(Method::Post, &url, Body::Json(&body), &[], true).await?;
    json(response).await
}

/// `POST /api/v1/signings/{id}/collect`.
pub async fn collect_signing(signing_id: &str) -> Result<CollectSigningResponse, ApiError> {
    let url = format!("/api/v1/signings/{}/collect", encode(signing_id));
    let response = send::<()>(Method::Post, &url, Body::None, &[], true).await?;
    json(response).await
}

/// `POST /api/v1/signings/{id}/cancel`.
pub async fn cancel_signing(signing_id: &str) -> Result<(), ApiError> {
    let url = format!("/api/v1/signings/{}/cancel", encode(signing_id));
    send::<()>(Method::Post, &url, Body::None, &[], true).await?;
    Ok(())
}

/// One frame of a signing's animated QR code; `frame` makes each address new.
pub fn signing_qr_url(signing_id: &str, frame: u32) -> String {
    format!(
        "/api/v1/signings/{}/qr.svg?frame={frame}",
        encode(signing_id)
    )
}

/// `GET /api/v1/cases`: the citizen's drafts and cases.
pub async fn list_cases() -> Result<Vec<CaseSummary>, ApiError> {
    get("/api/v1/cases", true).await
}

/// `GET /api/v1/cases/{id}`.
pub async fn get_case(id: &str) -> Result<CaseResponse, ApiError> {
    get(&format!("/api/v1/cases/{}", encode(id)), true).await
}

/// `GET /api/v1/profile`.
pub async fn get_profile() -> Result<ProfileResponse, ApiError> {
    get("/api/v1/profile", true).await
}

/// `PUT /api/v1/profile`.
pub async fn update_profile(profile: &UpdateProfileRequest) -> Result<ProfileResponse, ApiError> {
    let response = send(
        Method::Put,
        "/api/v1/profile",
        Body::Json(profile),
        &[],
        true,
    )
    .await?;
    json(response).await
}

/// A new random id for an `Idempotency-Key` (the browser's `crypto.randomUUID()`), or a
/// time-based fallback where that is missing.
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| {
            format!(
                "k-{}-{}",
                time::now_ms(),
                (js_sys::Math::random() * 1e16) as u64
            )
        })
}
