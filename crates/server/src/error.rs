//! The API's error type and its one mapping to HTTP: `application/problem+json` with a stable
//! snake_case `code` that the SPA translates, a Swedish and an English text, and the request id.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use api_types::{FieldError, Problem};

use crate::request_id;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The resource does not exist, or is not the caller's (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// The request body or parameters could not be parsed.
    #[error("bad request: {code}")]
    BadRequest {
        /// Stable code, e.g. `invalid_json`.
        code: &'static str,
        /// English explanation.
        detail: String,
        /// Swedish explanation.
        detail_sv: String,
    },
    /// Parsed, but some fields are invalid.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// The database (or another dependency the answer needs) cannot be reached.
    #[error("service unavailable: {code}")]
    Unavailable {
        /// Stable code, e.g. `not_ready`.
        code: &'static str,
        /// English explanation.
        detail: String,
    },
    /// Anything unexpected. The cause goes to the log, never to the client.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    /// Wraps an unexpected error.
    pub fn internal(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(error))
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::BadRequest { code, .. } | Self::Unavailable { code, .. } => code,
            Self::Validation(_) => "validation_failed",
            Self::Internal(_) => "internal_error",
        }
    }

    fn texts(&self) -> (&'static str, String, String) {
        match self {
            Self::NotFound => (
                "Not Found",
                "The resource does not exist or you do not have access to it.".into(),
                "Det du söker finns inte eller så har du inte behörighet till det.".into(),
            ),
            Self::BadRequest {
                detail, detail_sv, ..
            } => ("Bad Request", detail.clone(), detail_sv.clone()),
            Self::Validation(_) => (
                "Unprocessable Content",
                "Some fields are invalid; see `errors`.".into(),
                "Några uppgifter är felaktiga; se `errors`.".into(),
            ),
            Self::Unavailable { detail, .. } => (
                "Service Unavailable",
                detail.clone(),
                "Tjänsten är inte tillgänglig just nu. Försök igen om en stund.".into(),
            ),
            Self::Internal(_) => (
                "Internal Server Error",
                "Something went wrong on our side. Quote the request id if you contact support."
                    .into(),
                "Något gick fel hos oss. Ange förfrågans id om du kontaktar supporten.".into(),
            ),
        }
    }

    /// The response body.
    pub fn problem(&self) -> Problem {
        let (title, detail, detail_sv) = self.texts();
        Problem {
            problem_type: "about:blank".into(),
            title: title.into(),
            status: self.status_code().as_u16(),
            code: self.code().into(),
            detail,
            detail_sv,
            request_id: request_id::current().unwrap_or_default(),
            errors: match self {
                Self::Validation(errors) => errors.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// The printable cause chain of an error, for the log.
pub fn cause_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(cause) = self {
            tracing::error!(error = %cause_chain(cause.as_ref()), "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ));
        if let Self::Unavailable { .. } = self {
            response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("5")));
        }
        response.json(self.problem())
    }
}

/// Turns actix's JSON extractor errors into `invalid_json` problems, so that a client never sees
/// a plain-text error.
pub fn json_error_handler(
    error: actix_web::error::JsonPayloadError,
    _request: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::JsonPayloadError;
    let (detail, detail_sv) = match &error {
        JsonPayloadError::ContentType => (
            "Send the body as application/json.".to_owned(),
            "Skicka innehållet som application/json.".to_owned(),
        ),
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => (
            "The body is too large.".to_owned(),
            "Innehållet är för stort.".to_owned(),
        ),
        other => (
            format!("The body is not valid JSON for this request: {other}"),
            "Innehållet är inte giltig JSON för den här förfrågan.".to_owned(),
        ),
    };
    ApiError::BadRequest {
        code: "invalid_json",
        detail,
        detail_sv,
    }
    .into()
}

/// Answers unknown API paths with a `not_found` problem instead of the SPA.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound
}

impl actix_web::Responder for ApiError {
    type Body = actix_web::body::BoxBody;

    fn respond_to(self, _request: &actix_web::HttpRequest) -> HttpResponse {
        self.error_response()
    }
}
