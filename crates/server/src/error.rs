//! The API's error type and its one mapping to HTTP: `application/problem+json` with a stable
//! snake_case `code` that the SPA translates, a Swedish and an English text, and the request id.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use api_types::{FieldError, Problem};

use crate::request_id;

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// The stable codes of the problems a handler names itself (the SPA translates them);
        /// the other codes come with their [`ApiError`] variant.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            /// The snake_case code in the problem body.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }
        }
    };
}

error_codes! {
    /// `bankid_already_in_progress`
    BankidAlreadyInProgress => "bankid_already_in_progress",
    /// `bankid_error`
    BankidError => "bankid_error",
    /// `bankid_order_not_found`
    BankidOrderNotFound => "bankid_order_not_found",
    /// `bankid_unavailable`
    BankidUnavailable => "bankid_unavailable",
    /// `case_not_editable`
    CaseNotEditable => "case_not_editable",
    /// `cosigners_required`
    CosignersRequired => "cosigners_required",
    /// `cosigning_not_available`
    CosigningNotAvailable => "cosigning_not_available",
    /// `csrf_check_failed`
    CsrfCheckFailed => "csrf_check_failed",
    /// `draft_changed`
    DraftChanged => "draft_changed",
    /// `draft_files_too_large`
    DraftFilesTooLarge => "draft_files_too_large",
    /// `edit_conflict`
    EditConflict => "edit_conflict",
    /// `eservice_version_exists`
    EserviceVersionExists => "eservice_version_exists",
    /// `forbidden`
    Forbidden => "forbidden",
    /// `illegal_transition`
    IllegalTransition => "illegal_transition",
    /// `invalid_idempotency_key`
    InvalidIdempotencyKey => "invalid_idempotency_key",
    /// `invalid_json`
    InvalidJson => "invalid_json",
    /// `invalid_query`
    InvalidQuery => "invalid_query",
    /// `login_finished`
    LoginFinished => "login_finished",
    /// `messaging_closed`
    MessagingClosed => "messaging_closed",
    /// `too_many_drafts`
    TooManyDrafts => "too_many_drafts",
    /// `no_notice_channel`
    NoNoticeChannel => "no_notice_channel",
    /// `not_ready`
    NotReady => "not_ready",
    /// `oidc_failed`
    OidcFailed => "oidc_failed",
    /// `oidc_no_group`
    OidcNoGroup => "oidc_no_group",
    /// `oidc_state_mismatch`
    OidcStateMismatch => "oidc_state_mismatch",
    /// `owner_listed_as_cosigner`
    OwnerListedAsCosigner => "owner_listed_as_cosigner",
    /// `rate_limit_unavailable`
    RateLimitUnavailable => "rate_limit_unavailable",
    /// `signature_required`
    SignatureRequired => "signature_required",
    /// `signing_finished`
    SigningFinished => "signing_finished",
    /// `upload_interrupted`
    UploadInterrupted => "upload_interrupted",
}

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The resource does not exist, or is not the caller's (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// The request body or parameters could not be parsed.
    #[error("bad request: {}", code.as_str())]
    BadRequest {
        /// Stable code, e.g. `invalid_json`.
        code: ErrorCode,
        /// English explanation.
        detail: String,
        /// Swedish explanation.
        detail_sv: String,
    },
    /// Parsed, but some fields are invalid.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// No valid session: missing, tampered, timed out or logged out.
    #[error("unauthenticated: {}", .0.code())]
    Unauthenticated(AuthFailure),
    /// Authenticated, but not allowed (wrong role, failed CSRF check).
    #[error("forbidden: {}", code.as_str())]
    Forbidden {
        /// Stable code, e.g. `forbidden`, `csrf_check_failed`.
        code: ErrorCode,
    },
    /// The request conflicts with the current state (e.g. an illegal case transition).
    #[error("conflict: {}", code.as_str())]
    Conflict {
        /// Stable code.
        code: ErrorCode,
        /// English explanation.
        detail: String,
        /// Swedish explanation.
        detail_sv: String,
    },
    /// The upload is larger than the field allows.
    #[error("payload too large")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit_bytes: u64,
    },
    /// The upload's content is not a type the field accepts.
    #[error("unsupported file type")]
    UnsupportedFileType,
    /// The path exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed {
        /// The methods the path answers, for the `Allow` header.
        allow: String,
    },
    /// A request body larger than the route accepts.
    #[error("body too large")]
    BodyTooLarge,
    /// A `Range` that starts past the end of the file.
    #[error("range not satisfiable")]
    RangeNotSatisfiable {
        /// The file's size, for `Content-Range: bytes */size`.
        size: u64,
    },
    /// Too many requests from this client; try again after `retry_after_seconds`.
    #[error("rate limited")]
    TooManyRequests {
        /// Seconds until a new attempt is allowed.
        retry_after_seconds: u64,
    },
    /// A service we depend on for this answer (BankID) failed.
    #[error("upstream failure: {}", code.as_str())]
    Upstream {
        /// Stable code, e.g. `bankid_unavailable`.
        code: ErrorCode,
        /// English explanation.
        detail: String,
        /// Swedish explanation.
        detail_sv: String,
    },
    /// The database (or another dependency the answer needs) cannot be reached.
    #[error("service unavailable: {}", code.as_str())]
    Unavailable {
        /// Stable code, e.g. `not_ready`.
        code: ErrorCode,
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
            Self::BadRequest { code, .. }
            | Self::Unavailable { code, .. }
            | Self::Forbidden { code }
            | Self::Conflict { code, .. }
            | Self::Upstream { code, .. } => code.as_str(),
            Self::Unauthenticated(failure) => failure.code(),
            Self::TooManyRequests { .. } => "rate_limited",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::RangeNotSatisfiable { .. } => "range_not_satisfiable",
            Self::UnsupportedFileType => "unsupported_file_type",
            Self::MethodNotAllowed { .. } => "method_not_allowed",
            Self::BodyTooLarge => "payload_too_large",
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
            Self::Unauthenticated(failure) => {
                let (en, sv) = failure.texts();
                ("Unauthorized", en.into(), sv.into())
            }
            Self::Forbidden { code } => match *code {
                ErrorCode::CsrfCheckFailed => (
                    "Forbidden",
                    "The request did not come from this site's own pages.".into(),
                    "Förfrågan kom inte från webbplatsens egna sidor.".into(),
                ),
                _ => (
                    "Forbidden",
                    "You are not allowed to do this.".into(),
                    "Du har inte behörighet att göra detta.".into(),
                ),
            },
            Self::Conflict {
                detail, detail_sv, ..
            }
            | Self::Upstream {
                detail, detail_sv, ..
            } => (
                if matches!(self, Self::Conflict { .. }) {
                    "Conflict"
                } else {
                    "Bad Gateway"
                },
                detail.clone(),
                detail_sv.clone(),
            ),
            Self::TooManyRequests {
                retry_after_seconds,
            } => (
                "Too Many Requests",
                format!("Too many attempts. Try again in {retry_after_seconds} seconds."),
                format!("För många försök. Försök igen om {retry_after_seconds} sekunder."),
            ),
            Self::RangeNotSatisfiable { size } => (
                "Range Not Satisfiable",
                format!("The requested range starts past the end of the file ({size} bytes)."),
                format!("Den begärda delen börjar efter filens slut ({size} byte)."),
            ),
            Self::PayloadTooLarge { limit_bytes } => {
                let megabytes = (*limit_bytes as f64) / (1024.0 * 1024.0);
                (
                    "Content Too Large",
                    format!("The file is too large. The limit is {megabytes:.1} MB."),
                    format!("Filen är för stor. Största tillåtna storlek är {megabytes:.1} MB."),
                )
            }
            Self::UnsupportedFileType => (
                "Unsupported Media Type",
                "This type of file cannot be attached here. Check which file types are accepted."
                    .into(),
                "Den här typen av fil kan inte bifogas här. Kontrollera vilka filtyper som går att \
                 bifoga."
                    .into(),
            ),
            Self::MethodNotAllowed { allow } => (
                "Method Not Allowed",
                format!("This address does not answer that method; it answers {allow}."),
                format!("Den här adressen svarar inte på den metoden, bara på {allow}."),
            ),
            Self::BodyTooLarge => (
                "Content Too Large",
                "The request body is too large.".into(),
                "Innehållet i förfrågan är för stort.".into(),
            ),
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

/// Why a request is not authenticated. The codes let the SPA tell "you were logged out after
/// 30 minutes" from "please log in".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFailure {
    /// No cookie or bearer token.
    Missing,
    /// Tampered, foreign, wrong algorithm/audience/issuer/type, or expired token.
    InvalidToken,
    /// 30 minutes (configurable) without a request.
    IdleTimeout,
    /// The absolute session lifetime has passed.
    LifetimeExceeded,
    /// Logged out, or the session no longer exists.
    Revoked,
    /// A staff login with a wrong user name or password, or a disabled account.
    InvalidCredentials,
}

impl AuthFailure {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Missing => "unauthenticated",
            Self::InvalidToken => "invalid_token",
            Self::IdleTimeout => "session_idle_timeout",
            Self::LifetimeExceeded => "session_expired",
            Self::Revoked => "session_revoked",
            Self::InvalidCredentials => "invalid_credentials",
        }
    }

    fn texts(self) -> (&'static str, &'static str) {
        match self {
            Self::Missing => ("Log in to continue.", "Logga in för att fortsätta."),
            Self::InvalidToken => (
                "Your login is not valid. Log in again.",
                "Din inloggning är inte giltig. Logga in igen.",
            ),
            Self::IdleTimeout => (
                "You were logged out after a period of inactivity. Log in again.",
                "Du har loggats ut eftersom du varit inaktiv. Logga in igen.",
            ),
            Self::LifetimeExceeded => (
                "Your session has reached its maximum length. Log in again.",
                "Din inloggning har nått sin längsta tillåtna tid. Logga in igen.",
            ),
            Self::Revoked => (
                "You have been logged out. Log in again.",
                "Du har loggats ut. Logga in igen.",
            ),
            Self::InvalidCredentials => (
                "Wrong user name or password.",
                "Fel användarnamn eller lösenord.",
            ),
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
            Self::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RangeNotSatisfiable { .. } => StatusCode::RANGE_NOT_SATISFIABLE,
            Self::UnsupportedFileType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Upstream { .. } => StatusCode::BAD_GATEWAY,
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
        match self {
            Self::Unavailable { .. } => {
                response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("5")));
            }
            Self::TooManyRequests {
                retry_after_seconds,
            } => {
                response.insert_header((header::RETRY_AFTER, retry_after_seconds.to_string()));
            }
            Self::RangeNotSatisfiable { size } => {
                response.insert_header((header::CONTENT_RANGE, format!("bytes */{size}")));
            }
            Self::MethodNotAllowed { allow } => {
                response.insert_header((header::ALLOW, allow.clone()));
            }
            Self::Unauthenticated(_) => {
                response.insert_header((
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"mina-sidor\""),
                ));
            }
            _ => {}
        }
        response.json(self.problem())
    }
}

/// Turns actix's form extractor errors into `invalid_json` problems (the body could not be read).
pub fn form_error_handler(
    error: actix_web::error::UrlencodedError,
    _request: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::UrlencodedError;
    if matches!(
        error,
        UrlencodedError::Overflow { .. } | UrlencodedError::UnknownLength
    ) {
        return ApiError::BodyTooLarge.into();
    }
    ApiError::BadRequest {
        code: crate::error::ErrorCode::InvalidJson,
        detail: format!("The form body is not valid for this request: {error}"),
        detail_sv: "Formulärdata är inte giltiga för den här förfrågan.".to_owned(),
    }
    .into()
}

/// Turns actix's JSON extractor errors into `invalid_json` problems, so that a client never sees
/// a plain-text error.
pub fn json_error_handler(
    error: actix_web::error::JsonPayloadError,
    _request: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::JsonPayloadError;
    if matches!(
        error,
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. }
    ) {
        return ApiError::BodyTooLarge.into();
    }
    let (detail, detail_sv) = match &error {
        JsonPayloadError::ContentType => (
            "Send the body as application/json.".to_owned(),
            "Skicka innehållet som application/json.".to_owned(),
        ),
        other => (
            format!("The body is not valid JSON for this request: {other}"),
            "Innehållet är inte giltig JSON för den här förfrågan.".to_owned(),
        ),
    };
    ApiError::BadRequest {
        code: crate::error::ErrorCode::InvalidJson,
        detail,
        detail_sv,
    }
    .into()
}

/// Answers unknown API paths with a `not_found` problem instead of the SPA.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound
}

/// A path parameter that does not parse (e.g. an id that is not a UUID) names nothing that
/// exists: `not_found`, as problem+json.
pub fn path_error_handler(
    _error: actix_web::error::PathError,
    _request: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::NotFound.into()
}

/// A missing or malformed query parameter: `invalid_query`, as problem+json.
pub fn query_error_handler(
    error: actix_web::error::QueryPayloadError,
    _request: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::BadRequest {
        code: crate::error::ErrorCode::InvalidQuery,
        detail: format!("The query parameters are missing or invalid: {error}"),
        detail_sv: "Adressens parametrar saknas eller är felaktiga.".into(),
    }
    .into()
}

impl actix_web::Responder for ApiError {
    type Body = actix_web::body::BoxBody;

    fn respond_to(self, _request: &actix_web::HttpRequest) -> HttpResponse {
        self.error_response()
    }
}
