use actix_web::{HttpResponse, post, web};
use api_types::{Problem, StaffLoginRequest, StaffSessionResponse, TokenDelivery};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, TransactionTrait};

use crate::error::{ApiError, AuthFailure, ErrorCode};
use crate::routes::validation::validated;
use crate::staff::{self, passwords, sessions};
use crate::state::AppState;

/// Logs a staff member in with a local account (user name and password). Attempts are limited
/// per client IP; a wrong user name and a wrong password get the same answer, as slowly.
/// With `token_delivery: cookie` the `__Host-minasidor_staff` cookie is set (HttpOnly);
/// with `bearer` the token is in the body.
#[utoipa::path(
    tag = "staff",
    request_body = StaffLoginRequest,
    responses(
        (status = 200, description = "Logged in.", body = StaffSessionResponse),
        (status = 400, description = "Malformed JSON (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Wrong user name or password, or the account is disabled \
            (`invalid_credentials`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long fields (`validation_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this address (`rate_limited`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/login")]
pub async fn staff_login(
    state: web::Data<AppState>,
    body: web::Json<StaffLoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = validated(body.into_inner())?;
    let now = state.clock.now();
    let account = staff::find_by_username(&state.db, &body.username)
        .await
        .map_err(ApiError::internal)?;
    let password = body.password.clone();
    let account = tokio::task::spawn_blocking(move || match account {
        Some(account) => {
            let ok = account
                .password_hash
                .as_deref()
                .is_some_and(|hash| passwords::verify(&password, hash));
            (ok && account.disabled_at.is_none()).then_some(account)
        }
        None => {
            passwords::verify_nothing(&password);
            None
        }
    })
    .await
    .map_err(ApiError::internal)?;
    let Some(account) = account else {
        tracing::info!("staff login refused");
        return Err(ApiError::Unauthenticated(AuthFailure::InvalidCredentials));
    };
    let txn = state.db.begin().await.map_err(ApiError::internal)?;
    let member = staff::member(&txn, account.clone())
        .await
        .map_err(ApiError::internal)?
        .ok_or(ApiError::Forbidden {
            code: ErrorCode::Forbidden,
        })?;
    let mut seen: crate::entities::staff::ActiveModel = account.into();
    seen.last_login_at = Set(Some(now));
    seen.update(&txn).await.map_err(ApiError::internal)?;
    let (session, token) = sessions::create(&txn, &state, member.id()).await?;
    txn.commit().await.map_err(ApiError::internal)?;
    tracing::info!(staff_id = %member.id(), session_id = %session.id, "staff login");
    let auth = sessions::StaffAuthenticated { member, session };
    let mut response = HttpResponse::Ok();
    let bearer = body.token_delivery == TokenDelivery::Bearer;
    if !bearer {
        response.cookie(super::staff_cookie(token.clone()));
    }
    Ok(response.json(super::session_response(
        &state,
        &auth,
        bearer.then_some(token),
    )))
}
