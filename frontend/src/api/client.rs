//! The HTTP client every API call goes through.
//!
//! Every request carries `Accept: application/json`, and every state-changing one the CSRF
//! header. Calls that need a logged-in user go through [`send_authenticated`], which tells the
//! session (see [`crate::session`]) about them: a success counts as activity and moves the idle
//! expiry; a 401 ends the session in the app.

use api_types::Problem;
use gloo_net::http::{Request, RequestBuilder, Response};
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

/// The body of a request.
#[derive(Debug)]
pub(crate) enum Body<'a, B: Serialize> {
    None,
    Json(&'a B),
    /// A file, sent as it is (the browser streams it).
    File(&'a web_sys::File),
}

/// No body (for the type parameter of [`Body`]).
pub(crate) const NO_BODY: Body<'static, ()> = Body::None;

/// A request with the headers every API call carries; [`CSRF_HEADER`] on state-changing ones.
fn request(method: Method, url: &str) -> RequestBuilder {
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

/// Sends a request with these extra headers. Any HTTP status is an `Ok` answer.
pub(crate) async fn send_raw<B: Serialize>(
    method: Method,
    url: &str,
    body: Body<'_, B>,
    headers: &[(&str, &str)],
) -> Result<Response, ApiError> {
    let mut builder = request(method, url);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let request = match body {
        Body::None => builder.build(),
        Body::Json(body) => builder.json(body),
        Body::File(file) => builder
            .header("Content-Type", "application/octet-stream")
            .body(wasm_bindgen::JsValue::from(file.clone())),
    }
    .map_err(|e| ApiError::Body(e.to_string()))?;
    request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// A call that needs nobody logged in: an error status is the error.
pub(crate) async fn send_public<B: Serialize>(
    method: Method,
    url: &str,
    body: Body<'_, B>,
) -> Result<Response, ApiError> {
    let response = send_raw(method, url, body, &[]).await?;
    if response.ok() {
        Ok(response)
    } else {
        Err(error_from(response).await)
    }
}

/// The error for a response with an error status.
pub(crate) async fn error_from(response: Response) -> ApiError {
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

/// The JSON body of a response.
pub(crate) async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response
        .json::<T>()
        .await
        .map_err(|e| ApiError::Body(e.to_string()))
}

/// The JSON body of a successful response, or the error.
pub(crate) async fn json_from<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(error_from(response).await);
    }
    json(response).await
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

/// The server's `Date` header on the browser's scale (milliseconds since the epoch).
pub(crate) fn server_date(response: &Response) -> Option<f64> {
    response
        .headers()
        .get("date")
        .and_then(|date| time::parse_http_date_ms(&date))
}

/// A call that needs a logged-in user. A 401 means the session has ended: the app forgets it and
/// goes to the login page with the reason (see [`session::ended_by_server`]); another error
/// status is the error; a success is activity that moves the idle expiry to
/// `idle_timeout_seconds` after the request was sent.
pub(crate) async fn send_authenticated<B: Serialize>(
    method: Method,
    url: &str,
    body: Body<'_, B>,
    headers: &[(&str, &str)],
) -> Result<Stamped<Response>, ApiError> {
    let sent_at = time::now_ms();
    let response = send_raw(method, url, body, headers).await?;
    if response.status() == 401 {
        let error = error_from(response).await;
        session::ended_by_server(error.problem().map(|p| p.code.as_str()));
        return Err(error);
    }
    if !response.ok() {
        return Err(error_from(response).await);
    }
    session::record_activity(sent_at);
    let server_date = server_date(&response);
    Ok(Stamped {
        value: response,
        sent_at,
        server_date,
    })
}

/// `GET` of a JSON document, with or without a logged-in user.
pub(crate) async fn get<T: DeserializeOwned>(
    url: &str,
    authenticated: bool,
) -> Result<T, ApiError> {
    let response = if authenticated {
        send_authenticated(Method::Get, url, NO_BODY, &[])
            .await?
            .value
    } else {
        send_public(Method::Get, url, NO_BODY).await?
    };
    json(response).await
}

/// A path segment or query value, percent-encoded.
pub(crate) fn encode(part: &str) -> String {
    String::from(js_sys::encode_uri_component(part))
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
