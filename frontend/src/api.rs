//! Calls to the Mina sidor REST API.
//!
//! Every request goes through [`send`], which adds the CSRF header to every state-changing
//! method. Calls that need a logged-in user go through [`send_authenticated`], which tells the
//! session (see [`crate::session`]) about them: a success counts as activity and moves the idle
//! expiry; a 401 ends the session in the app.

use api_types::{
    CollectLoginResponse, LoginDevice, Problem, SessionResponse, SiteInfo, StartLoginRequest,
    StartLoginResponse, TokenDelivery,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::session;
use crate::time;

/// The header every state-changing request carries. The server refuses cookie-authenticated
/// POST, PUT, PATCH and DELETE requests without it (`403 csrf_check_failed`); a cross-site form
/// cannot set it.
pub const CSRF_HEADER: &str = "X-Requested-With";
/// The value of [`CSRF_HEADER`].
pub const CSRF_VALUE: &str = "mina-sidor";

/// Why a call to the API failed. Logged for developers; people see a translated message.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer (network down, server stopped).
    Network(String),
    /// The server answered with an error status and no problem document.
    Status(u16),
    /// The server answered with an `application/problem+json` error.
    Problem(Box<Problem>),
    /// Too many requests (429); `Retry-After` in seconds when the server sent it.
    RateLimited(Option<u32>),
    /// The answer was not the expected JSON.
    Body(String),
}

impl ApiError {
    /// The problem document, when the server sent one.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Problem(problem) => Some(problem),
            _ => None,
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status(status) => Some(*status),
            ApiError::Problem(problem) => Some(problem.status),
            ApiError::RateLimited(_) => Some(429),
            ApiError::Network(_) | ApiError::Body(_) => None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Network(e) => write!(f, "network error: {e}"),
            ApiError::Status(status) => write!(f, "HTTP status {status}"),
            ApiError::Problem(problem) => write!(
                f,
                "HTTP status {} {} (request id {})",
                problem.status, problem.code, problem.request_id
            ),
            ApiError::RateLimited(Some(seconds)) => {
                write!(f, "rate limited, retry after {seconds} s")
            }
            ApiError::RateLimited(None) => write!(f, "rate limited"),
            ApiError::Body(e) => write!(f, "unexpected response body: {e}"),
        }
    }
}

/// An HTTP method the app uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    /// Whether the request may change something on the server, and so needs the CSRF header.
    fn changes_state(self) -> bool {
        !matches!(self, Method::Get)
    }
}

/// A request with the headers every API call carries; [`CSRF_HEADER`] on state-changing ones.
pub(crate) fn request(method: Method, url: &str) -> RequestBuilder {
    let builder = match method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
        Method::Delete => Request::delete(url),
    }
    .header("Accept", "application/json");
    if method.changes_state() {
        builder.header(CSRF_HEADER, CSRF_VALUE)
    } else {
        builder
    }
}

/// Sends a request, with a JSON body when given. Any HTTP status is an `Ok` answer.
async fn send<B: Serialize>(
    method: Method,
    url: &str,
    body: Option<&B>,
) -> Result<Response, ApiError> {
    let builder = request(method, url);
    let request = match body {
        Some(body) => builder.json(body),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Body(e.to_string()))?;
    request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// The error for a response with an error status.
pub async fn error_from(response: Response) -> ApiError {
    let status = response.status();
    if status == 429 {
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.trim().parse().ok());
        return ApiError::RateLimited(retry_after);
    }
    match response.json::<Problem>().await {
        Ok(problem) => ApiError::Problem(Box::new(problem)),
        Err(_) => ApiError::Status(status),
    }
}

/// The JSON body of a successful response, or the error.
async fn json_from<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(error_from(response).await);
    }
    response
        .json::<T>()
        .await
        .map_err(|e| ApiError::Body(e.to_string()))
}

/// An answer together with when it was asked for (the browser's clock) and the server's `Date`,
/// so that times in it can be moved onto the browser's clock whatever the two clocks say.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamped<T> {
    /// The answer.
    pub value: T,
    /// When the request was sent, on the browser's clock.
    pub sent_at: f64,
    /// The server's clock when it answered (the `Date` header), when it sent one.
    pub server_date: Option<f64>,
}

fn server_date(response: &Response) -> Option<f64> {
    response
        .headers()
        .get("date")
        .and_then(|date| time::parse_http_date_ms(&date))
}

/// A call that needs a logged-in user. A success is activity: the session's idle expiry moves to
/// `idle_timeout_seconds` after the request was sent. A 401 means the session has ended: the app
/// forgets it and goes to the login page with the reason (see [`session::ended_by_server`]).
async fn send_authenticated<B: Serialize>(
    method: Method,
    url: &str,
    body: Option<&B>,
) -> Result<Stamped<Response>, ApiError> {
    let sent_at = time::now_ms();
    let response = send(method, url, body).await?;
    let response = authenticated_answer(response, sent_at).await?;
    let server_date = server_date(&response);
    Ok(Stamped {
        value: response,
        sent_at,
        server_date,
    })
}

/// What every authenticated call does with its answer: a 401 ends the session in the app (with
/// the server's reason), another error status is the error, and a success is activity that moves
/// the idle expiry to `idle_timeout_seconds` after `sent_at`.
pub(crate) async fn authenticated_answer(
    response: Response,
    sent_at: f64,
) -> Result<Response, ApiError> {
    if response.status() == 401 {
        let error = error_from(response).await;
        session::ended_by_server(error.problem().map(|p| p.code.as_str()));
        return Err(error);
    }
    if !response.ok() {
        return Err(error_from(response).await);
    }
    session::record_activity(sent_at);
    Ok(response)
}

/// `GET /api/v1/site`: the municipality's name, contacts and the texts of the privacy and
/// accessibility pages.
pub async fn fetch_site() -> Result<SiteInfo, ApiError> {
    let response = send::<()>(Method::Get, "/api/v1/site", None).await?;
    json_from(response).await
}

/// `GET /api/v1/session` when the app starts: the session, or `None` when nobody is logged in
/// (401, which is normal and not an error here).
pub async fn fetch_session() -> Result<Option<Stamped<SessionResponse>>, ApiError> {
    let sent_at = time::now_ms();
    let response = send::<()>(Method::Get, "/api/v1/session", None).await?;
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
    } = send_authenticated::<()>(Method::Post, "/api/v1/session/refresh", None).await?;
    let value = json_from::<SessionResponse>(response).await?;
    Ok(Stamped {
        value,
        sent_at,
        server_date,
    })
}

/// `DELETE /api/v1/session`: logs out; the server revokes the session and clears the cookie.
/// A 401 (the session had already ended) counts as done.
pub async fn delete_session() -> Result<(), ApiError> {
    let response = send::<()>(Method::Delete, "/api/v1/session", None).await?;
    if response.ok() || response.status() == 401 {
        Ok(())
    } else {
        Err(error_from(response).await)
    }
}

/// The path of a BankID login's sub-resource.
fn login_path(login_id: &str, tail: &str) -> String {
    let id = String::from(js_sys::encode_uri_component(login_id));
    format!("/api/v1/auth/bankid/{id}/{tail}")
}

/// `POST /api/v1/auth/bankid`: starts a BankID login. The session token will come as an
/// HttpOnly cookie, never to this code.
pub async fn start_login(device: LoginDevice) -> Result<StartLoginResponse, ApiError> {
    let body = StartLoginRequest {
        device,
        token_delivery: TokenDelivery::Cookie,
    };
    let response = send(Method::Post, "/api/v1/auth/bankid", Some(&body)).await?;
    json_from(response).await
}

/// `POST /api/v1/auth/bankid/{login_id}/collect`: the state of a login.
pub async fn collect_login(login_id: &str) -> Result<Stamped<CollectLoginResponse>, ApiError> {
    let sent_at = time::now_ms();
    let response = send::<()>(Method::Post, &login_path(login_id, "collect"), None).await?;
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
    let response = send::<()>(Method::Post, &login_path(login_id, "cancel"), None).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(error_from(response).await)
    }
}

/// The address of one frame of a login's animated QR code (an SVG image). `frame` only makes
/// each address new, so the browser fetches the current code instead of reusing the last one.
pub fn qr_image_url(login_id: &str, frame: u32) -> String {
    format!("{}?frame={frame}", login_path(login_id, "qr.svg"))
}

/// The site information as it loads, shared through context.
#[derive(Clone, Copy)]
pub struct SiteContext(pub LocalResource<Result<SiteInfo, ApiError>>);

impl std::fmt::Debug for SiteContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteContext").finish_non_exhaustive()
    }
}

/// Starts loading the site information and puts it in context.
pub fn provide_site() -> LocalResource<Result<SiteInfo, ApiError>> {
    let site = LocalResource::new(fetch_site);
    provide_context(SiteContext(site));
    site
}

/// The site information once it has loaded; `None` while loading, after a failure, and outside the
/// app's context.
pub fn use_site() -> Signal<Option<SiteInfo>> {
    let site = use_context::<SiteContext>();
    Signal::derive(move || site.and_then(|SiteContext(site)| site.get()?.ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reading_requests_go_without_the_csrf_header() {
        assert!(!Method::Get.changes_state());
        assert!(Method::Post.changes_state());
        assert!(Method::Delete.changes_state());
        assert_eq!(
            (CSRF_HEADER, CSRF_VALUE),
            ("X-Requested-With", "mina-sidor")
        );
    }
}
