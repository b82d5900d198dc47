use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use api_types::Problem;

use crate::error::ApiError;
use crate::staff::oidc;
use crate::state::AppState;

/// Starts a staff login with the municipality's identity provider (OpenID Connect,
/// authorization code with PKCE): answers with a redirect to the provider and a short-lived
/// cookie that only this flow's callback reads. `not_found` when OpenID Connect is not
/// configured.
#[utoipa::path(
    tag = "staff",
    responses(
        (status = 303, description = "To the identity provider."),
        (status = 404, description = "OpenID Connect is not configured (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "The identity provider could not be reached \
            (`oidc_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/staff/oidc/login")]
pub async fn start_oidc_login(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let (url, pending) = oidc::start(&state).await?;
    // Lax, not Strict: the provider's redirect back is a cross-site navigation.
    let cookie = Cookie::build(oidc::LOGIN_COOKIE, pending)
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::minutes(10))
        .finish();
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, url))
        .cookie(cookie)
        .finish())
}
