//! The officer side: staff login and session, the queue, a case and its handling, messages and
//! internal notes (`/api/v1/staff/…`, `/api/v1/officer/…`). A 401 on the officer side means the
//! staff session has ended: the app goes to the staff login page.

use api_types::{
    AssignCaseRequest, CaseVersionRequest, CloseCaseRequest, ColleagueResponse, MessageResponse,
    NoteRequest, NoteResponse, OfficerCaseResponse, PostMessageRequest, QueuePage,
    ReopenCaseRequest, StaffLoginRequest, StaffSessionResponse, StatusNoteRequest, TokenDelivery,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::client::{ApiError, Body, Method, NO_BODY, encode, error_from, json_from, send_raw};

/// Where staff log in.
pub const LOGIN_PATH: &str = "/handlaggare/logga-in";

async fn call<T: DeserializeOwned, B: Serialize>(
    method: Method,
    url: &str,
    body: Body<'_, B>,
) -> Result<T, ApiError> {
    let response = send_raw(method, url, body, &[]).await?;
    if response.status() == 401 {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_href(LOGIN_PATH);
        }
        return Err(error_from(response).await);
    }
    json_from(response).await
}

async fn call_empty<B: Serialize>(
    method: Method,
    url: &str,
    body: Body<'_, B>,
) -> Result<(), ApiError> {
    let response = send_raw(method, url, body, &[]).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(error_from(response).await)
    }
}

/// `POST /api/v1/staff/login` (cookie delivery).
pub async fn log_in(username: String, password: String) -> Result<StaffSessionResponse, ApiError> {
    let body = StaffLoginRequest {
        username,
        password,
        token_delivery: TokenDelivery::Cookie,
    };
    let response = send_raw(Method::Post, "/api/v1/staff/login", Body::Json(&body), &[]).await?;
    json_from(response).await
}

/// `GET /api/v1/staff/session`.
pub async fn session() -> Result<StaffSessionResponse, ApiError> {
    call(Method::Get, "/api/v1/staff/session", NO_BODY).await
}

/// `DELETE /api/v1/staff/session`.
pub async fn log_out() -> Result<(), ApiError> {
    call_empty(Method::Delete, "/api/v1/staff/session", NO_BODY).await
}

/// `GET /api/v1/officer/cases?…` with the query already encoded.
pub async fn queue(query: &str) -> Result<QueuePage, ApiError> {
    call(
        Method::Get,
        &format!("/api/v1/officer/cases?{query}"),
        NO_BODY,
    )
    .await
}

/// `GET /api/v1/officer/colleagues`.
pub async fn colleagues() -> Result<Vec<ColleagueResponse>, ApiError> {
    call(Method::Get, "/api/v1/officer/colleagues", NO_BODY).await
}

fn case_url(id: &str, rest: &str) -> String {
    format!("/api/v1/officer/cases/{}{rest}", encode(id))
}

/// `GET /api/v1/officer/cases/{id}`.
pub async fn case(id: &str) -> Result<OfficerCaseResponse, ApiError> {
    call(Method::Get, &case_url(id, ""), NO_BODY).await
}

/// A handling step and its body.
#[derive(Debug, Clone)]
pub enum Step {
    /// Assign to an officer.
    Assign(AssignCaseRequest),
    /// Start handling.
    Start(CaseVersionRequest),
    /// Publish a status note.
    StatusNote(StatusNoteRequest),
    /// Close.
    Close(CloseCaseRequest),
    /// Reopen.
    Reopen(ReopenCaseRequest),
}

/// `POST /api/v1/officer/cases/{id}/<step>`.
pub async fn step(id: &str, step: Step) -> Result<OfficerCaseResponse, ApiError> {
    match &step {
        Step::Assign(body) => call(Method::Post, &case_url(id, "/assign"), Body::Json(body)).await,
        Step::Start(body) => call(Method::Post, &case_url(id, "/start"), Body::Json(body)).await,
        Step::StatusNote(body) => {
            call(
                Method::Post,
                &case_url(id, "/status-notes"),
                Body::Json(body),
            )
            .await
        }
        Step::Close(body) => call(Method::Post, &case_url(id, "/close"), Body::Json(body)).await,
        Step::Reopen(body) => call(Method::Post, &case_url(id, "/reopen"), Body::Json(body)).await,
    }
}

/// `POST /api/v1/officer/cases/{id}/messages`.
pub async fn send_message(
    id: &str,
    body: &PostMessageRequest,
) -> Result<MessageResponse, ApiError> {
    call(Method::Post, &case_url(id, "/messages"), Body::Json(body)).await
}

/// `POST /api/v1/officer/cases/{id}/messages/read`.
pub async fn mark_read(id: &str) -> Result<(), ApiError> {
    call_empty(Method::Post, &case_url(id, "/messages/read"), NO_BODY).await
}

/// `POST /api/v1/officer/cases/{id}/notes`.
pub async fn add_note(id: &str, body: &NoteRequest) -> Result<NoteResponse, ApiError> {
    call(Method::Post, &case_url(id, "/notes"), Body::Json(body)).await
}

/// Where a form file of the case is downloaded.
pub fn attachment_url(case_id: &str, file_id: &str) -> String {
    case_url(case_id, &format!("/attachments/{}", encode(file_id)))
}

/// Where a message file of the case is downloaded.
pub fn message_file_url(case_id: &str, file_id: &str) -> String {
    case_url(
        case_id,
        &format!("/message-attachments/{}", encode(file_id)),
    )
}

/// `GET /api/v1/admin/audit?…` with the query already encoded.
pub async fn audit(query: &str) -> Result<api_types::AuditPage, ApiError> {
    call(
        Method::Get,
        &format!("/api/v1/admin/audit?{query}"),
        NO_BODY,
    )
    .await
}

/// `GET /api/v1/admin/notifications?…` (administrators).
pub async fn outbox(query: &str) -> Result<api_types::OutboxPage, ApiError> {
    call(
        Method::Get,
        &format!("/api/v1/admin/notifications?{query}"),
        NO_BODY,
    )
    .await
}

/// `GET /api/v1/admin/notice-templates` (administrators).
pub async fn notice_templates() -> Result<api_types::NoticeTemplateList, ApiError> {
    call(Method::Get, "/api/v1/admin/notice-templates", NO_BODY).await
}

fn template_url(kind: &str, language: &str) -> String {
    format!(
        "/api/v1/admin/notice-templates/{}/{}",
        encode(kind),
        encode(language)
    )
}

/// `PUT /api/v1/admin/notice-templates/{kind}/{language}`.
pub async fn save_notice_template(
    kind: &str,
    language: &str,
    texts: &api_types::NoticeTemplateTexts,
) -> Result<api_types::NoticeTemplateResponse, ApiError> {
    call(
        Method::Put,
        &template_url(kind, language),
        Body::Json(texts),
    )
    .await
}

/// `DELETE /api/v1/admin/notice-templates/{kind}/{language}`: back to the built-in texts.
pub async fn reset_notice_template(
    kind: &str,
    language: &str,
) -> Result<api_types::NoticeTemplateResponse, ApiError> {
    call(Method::Delete, &template_url(kind, language), NO_BODY).await
}

/// `POST /api/v1/admin/notice-templates/{kind}/{language}/preview`.
pub async fn preview_notice_template(
    kind: &str,
    language: &str,
    texts: &api_types::NoticeTemplateTexts,
) -> Result<api_types::NoticePreview, ApiError> {
    call(
        Method::Post,
        &format!("{}/preview", template_url(kind, language)),
        Body::Json(texts),
    )
    .await
}
