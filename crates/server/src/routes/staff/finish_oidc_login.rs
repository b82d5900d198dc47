use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use api_types::{Problem, StaffRole};
use serde::Deserialize;

use crate::error::ApiError;
use crate::staff::{oidc, sessions};
use crate::state::AppState;

/// What the identity provider sends back.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    /// The authorization code.
    #[param(max_length = 2000)]
    pub code: String,
    /// The `state` this server sent.
    #[param(max_length = 200)]
    pub state: String,
}

/// Where the identity provider sends the browser back: the state is checked against the
/// cookie, the code exchanged (with the PKCE verifier), the ID token verified (with the nonce),
/// and the person's groups mapped; then a staff session starts (the `__Host-minasidor_staff`
/// cookie) and the browser goes to the officer pages (administrators to the audit log).
#[utoipa::path(
    tag = "staff",
    params(CallbackQuery),
    responses(
        (status = 303, description = "Logged in; to the officer pages."),
        (status = 400, description = "Missing parameters (`invalid_query`), or a state this \
            browser did not start (`oidc_state_mismatch`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "The person is in no officer group (`oidc_no_group`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "OpenID Connect is not configured (`not_found`): the \
            route does not exist then.",
            body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "The code exchange or the ID token failed \
            (`oidc_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/staff/oidc/callback")]
pub async fn finish_oidc_login(
    state: web::Data<AppState>,
    request: HttpRequest,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, ApiError> {
    let cookie = request.cookie(oidc::LOGIN_COOKIE);
    let member = oidc::finish(
        &state,
        cookie.as_ref().map(Cookie::value),
        &query.code,
        &query.state,
    )
    .await?;
    let (session, token) = sessions::create(&state.db, &state, member.id()).await?;
    tracing::info!(staff_id = %member.id(), session_id = %session.id, "staff login with OpenID Connect");
    let mut cleared = Cookie::build(oidc::LOGIN_COOKIE, "")
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .finish();
    cleared.set_max_age(CookieDuration::ZERO);
    let target = if member.role == StaffRole::Admin {
        "/handlaggare/logg"
    } else {
        "/handlaggare"
    };
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .cookie(super::staff_cookie(token))
        .cookie(cleared)
        .finish())
}
