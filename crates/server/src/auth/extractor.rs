//! `CurrentUser`: a handler that takes it only runs for an authenticated request. The token comes
//! from `Authorization: Bearer` (mobile apps, integrators) or the session cookie (the SPA); with
//! the cookie, state-changing methods must carry the CSRF header.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::Method;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use super::sessions::{self, Authenticated};
use super::{CSRF_HEADER, CSRF_HEADER_VALUE, SESSION_COOKIE};
use crate::error::{ApiError, AuthFailure};
use crate::state::AppState;

/// How the token arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// `Authorization: Bearer …`.
    Bearer,
    /// The `__Host-` session cookie.
    Cookie,
}

/// The authenticated user of this request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// User and session.
    pub auth: Authenticated,
    /// Where the token came from.
    pub source: TokenSource,
}

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let Some(state) = request.app_data::<web::Data<AppState>>().cloned() else {
                return Err(ApiError::Internal("AppState missing".into()));
            };
            let (token, source) = token_from(&request)?;
            if source == TokenSource::Cookie && !is_safe(request.method()) {
                check_csrf(&request)?;
            }
            match sessions::authenticate(&state, &token).await {
                Ok(auth) => Ok(Self { auth, source }),
                Err(error) => {
                    if let ApiError::Unauthenticated(failure) = &error {
                        tracing::info!(reason = failure.code(), "authentication refused");
                    }
                    Err(error)
                }
            }
        })
    }
}

pub(crate) fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn token_from(request: &HttpRequest) -> Result<(String, TokenSource), ApiError> {
    if let Some(header) = request
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
    {
        let value = header
            .to_str()
            .map_err(|_| ApiError::Unauthenticated(AuthFailure::InvalidToken))?;
        let token = value
            .strip_prefix("Bearer ")
            .filter(|token| !token.is_empty())
            .ok_or(ApiError::Unauthenticated(AuthFailure::InvalidToken))?;
        return Ok((token.to_owned(), TokenSource::Bearer));
    }
    match request.cookie(SESSION_COOKIE) {
        Some(cookie) if !cookie.value().is_empty() => {
            Ok((cookie.value().to_owned(), TokenSource::Cookie))
        }
        _ => Err(ApiError::Unauthenticated(AuthFailure::Missing)),
    }
}

/// The custom header proves the request came from our own script (a form cannot set it, and a
/// foreign script would need a CORS preflight we never grant); `Sec-Fetch-Site`, when the
/// browser sends it, must say same-origin.
pub(crate) fn check_csrf(request: &HttpRequest) -> Result<(), ApiError> {
    let has_header = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value == CSRF_HEADER_VALUE);
    let fetch_site_ok = request
        .headers()
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok())
        .is_none_or(|site| site == "same-origin" || site == "none");
    if has_header && fetch_site_ok {
        Ok(())
    } else {
        tracing::info!("CSRF check failed");
        Err(ApiError::Forbidden {
            code: crate::error::ErrorCode::CsrfCheckFailed,
        })
    }
}
