//! Drafts and cases: `/api/v1/drafts`, `/api/v1/cases` and attachments.

use api_types::{
    AttachmentResponse, CaseResponse, CaseSummary, CreateDraftRequest, SaveDraftRequest,
    ValidateDraftRequest, ValidationResponse,
};
use serde_json::{Map, Value};

use super::client::{
    ApiError, Body, CSRF_HEADER, CSRF_VALUE, Method, NO_BODY, encode, get, json, send_authenticated,
};
use crate::time;

/// `POST /api/v1/drafts`: starts a draft, prefilled from the profile.
pub async fn create_draft(slug: &str) -> Result<CaseResponse, ApiError> {
    let body = CreateDraftRequest {
        eservice: slug.to_owned(),
    };
    let response =
        send_authenticated(Method::Post, "/api/v1/drafts", Body::Json(&body), &[]).await?;
    json(response.value).await
}

/// `PUT /api/v1/drafts/{id}`: saves the answers.
pub async fn save_draft(
    id: &str,
    answers: Map<String, Value>,
    lock_version: i32,
    step: Option<String>,
) -> Result<CaseResponse, ApiError> {
    let body = SaveDraftRequest {
        answers,
        lock_version,
        step,
    };
    let url = format!("/api/v1/drafts/{}", encode(id));
    let response = send_authenticated(Method::Put, &url, Body::Json(&body), &[]).await?;
    json(response.value).await
}

/// `PUT /api/v1/drafts/{id}` as the page closes: a `keepalive` fetch, which the browser finishes
/// after the page is gone. Nothing waits for the answer.
pub fn save_draft_on_exit(
    id: &str,
    answers: Map<String, Value>,
    lock_version: i32,
    step: Option<String>,
) {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;

    let Some(window) = web_sys::window() else {
        return;
    };
    let body = SaveDraftRequest {
        answers,
        lock_version,
        step,
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
    let response = send_authenticated(Method::Post, &url, Body::Json(&body), &[]).await?;
    json(response.value).await
}

/// `DELETE /api/v1/drafts/{id}`.
pub async fn delete_draft(id: &str) -> Result<(), ApiError> {
    let url = format!("/api/v1/drafts/{}", encode(id));
    send_authenticated(Method::Delete, &url, NO_BODY, &[]).await?;
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
    let response = send_authenticated::<()>(Method::Post, &url, Body::File(file), &[]).await?;
    json(response.value).await
}

/// `DELETE /api/v1/drafts/{id}/attachments/{attachment_id}`.
pub async fn delete_attachment(id: &str, attachment_id: &str) -> Result<(), ApiError> {
    let url = format!(
        "/api/v1/drafts/{}/attachments/{}",
        encode(id),
        encode(attachment_id)
    );
    send_authenticated(Method::Delete, &url, NO_BODY, &[]).await?;
    Ok(())
}

/// Where an uploaded file can be downloaded.
pub fn attachment_url(attachment_id: &str) -> String {
    format!("/api/v1/attachments/{}", encode(attachment_id))
}

/// `POST /api/v1/drafts/{id}/submit` with the attempt's `Idempotency-Key`.
pub async fn submit_draft(id: &str, idempotency_key: &str) -> Result<CaseResponse, ApiError> {
    let url = format!("/api/v1/drafts/{}/submit", encode(id));
    let response = send_authenticated(
        Method::Post,
        &url,
        NO_BODY,
        &[("Idempotency-Key", idempotency_key)],
    )
    .await?;
    json(response.value).await
}

/// A page of one of Mina sidor's lists: `GET /api/v1/cases?group=…` (or the `next` link of the
/// previous page). Returns the cases and the next page's address, if any.
pub async fn list_group_page(
    group: api_types::CaseGroup,
    next: Option<&str>,
) -> Result<(Vec<CaseSummary>, Option<String>), ApiError> {
    let url = next.map_or_else(
        || format!("/api/v1/cases?group={}&limit=20", group.as_str()),
        str::to_owned,
    );
    let response = send_authenticated(Method::Get, &url, NO_BODY, &[]).await?;
    let next = response
        .value
        .headers()
        .get("link")
        .and_then(|link| {
            link.strip_prefix('<')
                .and_then(|rest| rest.split_once('>'))
                .filter(|(_, rel)| rel.contains("rel=\"next\""))
                .map(|(url, _)| url.to_owned())
        })
        .filter(|url| url.starts_with("/api/v1/cases?"));
    Ok((json(response.value).await?, next))
}

/// `GET /api/v1/cases/{id}`.
pub async fn get_case(id: &str) -> Result<CaseResponse, ApiError> {
    get(&format!("/api/v1/cases/{}", encode(id)), true).await
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

/// `GET /api/v1/cases/{id}/messages`: the thread and whether the citizen may write.
pub async fn messages(id: &str) -> Result<api_types::MessageThreadResponse, ApiError> {
    get(&format!("/api/v1/cases/{}/messages", encode(id)), true).await
}

/// `POST /api/v1/cases/{id}/messages`.
pub async fn send_message(
    id: &str,
    body: &api_types::PostMessageRequest,
) -> Result<api_types::MessageResponse, ApiError> {
    let url = format!("/api/v1/cases/{}/messages", encode(id));
    let response = send_authenticated(Method::Post, &url, Body::Json(body), &[]).await?;
    json(response.value).await
}

/// `POST /api/v1/cases/{id}/messages/read`: the officer's messages are read.
pub async fn mark_messages_read(id: &str) -> Result<(), ApiError> {
    let url = format!("/api/v1/cases/{}/messages/read", encode(id));
    send_authenticated(Method::Post, &url, NO_BODY, &[]).await?;
    Ok(())
}

/// `POST /api/v1/cases/{id}/message-attachments?name=…`: a file for the next message.
pub async fn upload_message_file(
    id: &str,
    file: &web_sys::File,
) -> Result<api_types::MessageAttachmentResponse, ApiError> {
    let url = format!(
        "/api/v1/cases/{}/message-attachments?name={}",
        encode(id),
        encode(&file.name())
    );
    let response = send_authenticated(Method::Post, &url, Body::<()>::File(file), &[]).await?;
    json(response.value).await
}

/// Where a message file is downloaded.
pub fn message_file_url(case_id: &str, file_id: &str) -> String {
    format!(
        "/api/v1/cases/{}/message-attachments/{}",
        encode(case_id),
        encode(file_id)
    )
}

/// `GET /api/v1/cases/{id}/notifications`: the notices sent about the case.
pub async fn notices(id: &str) -> Result<api_types::NoticeLog, ApiError> {
    get(&format!("/api/v1/cases/{}/notifications", encode(id)), true).await
}
