//! Extractors for the officer side. A handler that takes [`Officer`] only runs for a logged-in
//! officer, one that takes [`Admin`] only for an administrator, and [`Staff`] for either. The
//! token comes from `Authorization: Bearer` or the staff cookie; with the cookie, state-changing
//! methods need the CSRF header, as for citizens.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use api_types::StaffRole;

use super::sessions::{self, StaffAuthenticated};
use crate::auth::extractor::{check_csrf, is_safe};
use crate::error::{ApiError, AuthFailure, ErrorCode};
use crate::state::AppState;

/// Name of the staff session cookie (`__Host-`: Secure, Path=/, no Domain).
pub const STAFF_COOKIE: &str = "__Host-minasidor_staff";

/// Any logged-in staff member.
#[derive(Debug, Clone)]
pub struct Staff(pub StaffAuthenticated);

/// A logged-in officer.
#[derive(Debug, Clone)]
pub struct Officer(pub StaffAuthenticated);

/// A logged-in administrator.
#[derive(Debug, Clone)]
pub struct Admin(pub StaffAuthenticated);

async fn authenticate(request: HttpRequest) -> Result<StaffAuthenticated, ApiError> {
    let Some(state) = request.app_data::<web::Data<AppState>>().cloned() else {
        return Err(ApiError::Internal("AppState missing".into()));
    };
    let token = if let Some(header) = request
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
    {
        header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .filter(|token| !token.is_empty())
            .ok_or(ApiError::Unauthenticated(AuthFailure::InvalidToken))?
            .to_owned()
    } else {
        let token = request
            .cookie(STAFF_COOKIE)
            .map(|cookie| cookie.value().to_owned())
            .filter(|token| !token.is_empty())
            .ok_or(ApiError::Unauthenticated(AuthFailure::Missing))?;
        if !is_safe(request.method()) {
            check_csrf(&request)?;
        }
        token
    };
    sessions::authenticate(&state, &token).await
}

fn with_role(
    request: &HttpRequest,
    role: Option<StaffRole>,
) -> Pin<Box<dyn Future<Output = Result<StaffAuthenticated, ApiError>>>> {
    let request = request.clone();
    Box::pin(async move {
        let auth = authenticate(request).await?;
        match role {
            Some(role) if auth.member.role != role => {
                tracing::info!(staff_id = %auth.member.id(), "staff role refused");
                Err(ApiError::Forbidden {
                    code: ErrorCode::Forbidden,
                })
            }
            _ => Ok(auth),
        }
    })
}

macro_rules! staff_extractor {
    ($name:ident, $role:expr) => {
        impl FromRequest for $name {
            type Error = ApiError;
            type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

            fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
                let auth = with_role(request, $role);
                Box::pin(async move { auth.await.map(Self) })
            }
        }
    };
}

staff_extractor!(Staff, None);
staff_extractor!(Officer, Some(StaffRole::Officer));
staff_extractor!(Admin, Some(StaffRole::Admin));
