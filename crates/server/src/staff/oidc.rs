//! Staff login with OpenID Connect (the municipality's identity provider: Entra ID, Keycloak,
//! …): authorization code flow with PKCE, `state` and `nonce` checked, the ID token verified by
//! the provider's keys, and the person's groups read from a configured claim. A person in the
//! administrators' group becomes an administrator; anybody else an officer of the groups the
//! claim lists, and nobody without a group gets in.
//!
//! The pending login (state, nonce, PKCE verifier) travels in a signed, HttpOnly, SameSite=Lax
//! cookie for ten minutes, so any node can finish it.

use std::collections::BTreeSet;

use api_types::StaffRole;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::StaffMember;
use crate::auth::tokens::TokenKeys;
use crate::entities::{staff, staff_groups};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// Name of the pending-login cookie.
pub const LOGIN_COOKIE: &str = "__Host-minasidor_oidc";
const LOGIN_TYPE: &str = "oidc_login";
const LOGIN_MINUTES: i64 = 10;

/// What the pending-login cookie holds.
#[derive(Debug, Serialize, Deserialize)]
struct PendingLogin {
    iss: String,
    aud: String,
    sub: Uuid,
    typ: String,
    nbf: i64,
    exp: i64,
    state: String,
    nonce: String,
    verifier: String,
}

/// The transport for the provider's endpoints (discovery, keys, token) on the server's own
/// HTTP client; redirects are never followed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

async fn send(
    client: &reqwest::Client,
    request: openidconnect::HttpRequest,
) -> Result<openidconnect::HttpResponse, HttpError> {
    let request = reqwest::Request::try_from(request).map_err(|e| HttpError(e.to_string()))?;
    let response = client
        .execute(request)
        .await
        .map_err(|e| HttpError(e.to_string()))?;
    let mut builder = openidconnect::http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| HttpError(e.to_string()))?;
    builder
        .body(body.to_vec())
        .map_err(|e| HttpError(e.to_string()))
}

fn http_client() -> Result<reqwest::Client, ApiError> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(ApiError::internal)
}

fn failed(detail: impl std::fmt::Display) -> ApiError {
    tracing::warn!(error = %detail, "OpenID Connect login failed");
    ApiError::Upstream {
        code: ErrorCode::OidcFailed,
        detail: "The login with the identity provider failed. Try again.".into(),
        detail_sv: "Inloggningen via identitetstjänsten misslyckades. Försök igen.".into(),
    }
}

fn redirect_url(state: &AppState) -> Result<String, ApiError> {
    let settings = &state.settings;
    settings
        .oidc
        .redirect_url
        .clone()
        .or_else(|| {
            settings
                .server
                .public_url
                .as_ref()
                .map(|url| format!("{}/api/v1/staff/oidc/callback", url.trim_end_matches('/')))
        })
        .ok_or_else(|| {
            ApiError::Internal(
                "APP__OIDC__REDIRECT_URL or APP__SERVER__PUBLIC_URL must be set for OpenID Connect"
                    .into(),
            )
        })
}

async fn client(
    state: &AppState,
    http: &reqwest::Client,
) -> Result<
    impl Fn(
        &str,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        ApiError,
    >,
    ApiError,
> {
    let settings = &state.settings.oidc;
    let issuer = settings.issuer_url.clone().ok_or(ApiError::NotFound)?;
    let issuer = IssuerUrl::new(issuer).map_err(failed)?;
    let metadata = CoreProviderMetadata::discover_async(issuer, &|request| send(http, request))
        .await
        .map_err(failed)?;
    let client_id = ClientId::new(settings.client_id.clone());
    let secret = settings.client_secret.clone().map(ClientSecret::new);
    Ok(move |redirect: &str| {
        Ok(
            CoreClient::from_provider_metadata(metadata.clone(), client_id.clone(), secret.clone())
                .set_redirect_uri(RedirectUrl::new(redirect.to_owned()).map_err(failed)?),
        )
    })
}

/// Starts a login: the provider's authorization URL and the pending-login cookie's value.
pub async fn start(state: &AppState) -> Result<(String, String), ApiError> {
    let http = http_client()?;
    let make = client(state, &http).await?;
    let client = make(&redirect_url(state)?)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        CsrfToken::new_random,
        Nonce::new_random,
    );
    for scope in state.settings.oidc.scopes.split_whitespace() {
        request = request.add_scope(Scope::new(scope.to_owned()));
    }
    let (url, csrf, nonce) = request.set_pkce_challenge(challenge).url();
    let now = state.clock.now();
    let (iss, aud) = TokenKeys::issuer_and_audience();
    let pending = PendingLogin {
        iss: iss.into(),
        aud: aud.into(),
        sub: Uuid::new_v4(),
        typ: LOGIN_TYPE.into(),
        nbf: now.timestamp(),
        exp: (now + Duration::minutes(LOGIN_MINUTES)).timestamp(),
        state: csrf.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
    };
    let cookie = state
        .token_keys
        .sign(&pending)
        .map_err(ApiError::internal)?;
    Ok((url.to_string(), cookie))
}

fn state_mismatch() -> ApiError {
    ApiError::BadRequest {
        code: ErrorCode::OidcStateMismatch,
        detail: "This login was not started here, or it took too long. Log in again.".into(),
        detail_sv: "Inloggningen startades inte här, eller tog för lång tid. Logga in igen.".into(),
    }
}

/// Finishes a login that came back with `code` and `returned_state`: checks the state against
/// the cookie, exchanges the code with the PKCE verifier, verifies the ID token (signature,
/// issuer, audience, expiry, nonce) and maps the person to a staff member.
pub async fn finish(
    state: &AppState,
    cookie: Option<&str>,
    code: &str,
    returned_state: &str,
) -> Result<StaffMember, ApiError> {
    if state.settings.oidc.issuer_url.is_none() {
        return Err(ApiError::NotFound);
    }
    let now = state.clock.now();
    let pending: PendingLogin = cookie
        .and_then(|cookie| state.token_keys.open(cookie).ok())
        .filter(|p: &PendingLogin| {
            p.typ == LOGIN_TYPE && now.timestamp() < p.exp && now.timestamp() >= p.nbf
        })
        .ok_or_else(state_mismatch)?;
    if !constant_time_eq(pending.state.as_bytes(), returned_state.as_bytes()) {
        return Err(state_mismatch());
    }
    let http = http_client()?;
    let make = client(state, &http).await?;
    let client = make(&redirect_url(state)?)?;
    let token = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(failed)?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier))
        .request_async(&|request| send(&http, request))
        .await
        .map_err(failed)?;
    let id_token = token.id_token().ok_or_else(|| failed("no ID token"))?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(pending.nonce))
        .map_err(failed)?;
    let issuer = claims.issuer().as_str().to_owned();
    let subject = claims.subject().as_str().to_owned();
    let name = claims
        .name()
        .and_then(|name| name.get(None))
        .map(|name| name.as_str().to_owned())
        .or_else(|| claims.preferred_username().map(|u| u.as_str().to_owned()))
        .unwrap_or_else(|| subject.clone());
    // The signature is verified: the groups claim is read from the same token's payload.
    let groups = groups_in(&id_token.to_string(), &state.settings.oidc.groups_claim);
    let role = if groups.contains(&state.settings.oidc.admin_group) {
        StaffRole::Admin
    } else {
        StaffRole::Officer
    };
    let officer_groups: BTreeSet<String> = groups
        .into_iter()
        .filter(|group| super::valid_group(group))
        .collect();
    if role == StaffRole::Officer && officer_groups.is_empty() {
        tracing::info!("OpenID Connect login without a group refused");
        return Err(ApiError::Forbidden {
            code: ErrorCode::OidcNoGroup,
        });
    }
    upsert(
        state,
        &format!("{issuer}|{subject}"),
        &subject,
        &name,
        role,
        &officer_groups,
        now,
    )
    .await
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The string values of `claim` in a JWT's payload (a list or a single string).
fn groups_in(jwt: &str, claim: &str) -> Vec<String> {
    let payload = jwt
        .split('.')
        .nth(1)
        .and_then(|part| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(part)
                .ok()
        })
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    match payload.as_ref().and_then(|p| p.get(claim)) {
        Some(serde_json::Value::Array(values)) => values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(serde_json::Value::String(value)) => vec![value.clone()],
        _ => Vec::new(),
    }
}

/// Finds the account linked to the provider's person, or makes one; its role, name and groups
/// follow the provider at every login.
async fn upsert(
    state: &AppState,
    linked: &str,
    subject: &str,
    name: &str,
    role: StaffRole,
    groups: &BTreeSet<String>,
    now: DateTime<Utc>,
) -> Result<StaffMember, ApiError> {
    let txn = state.db.begin().await.map_err(ApiError::internal)?;
    let existing = staff::Entity::find()
        .filter(staff::Column::OidcSubject.eq(linked))
        .one(&txn)
        .await
        .map_err(ApiError::internal)?;
    let account = match existing {
        Some(account) if account.disabled_at.is_some() => {
            return Err(ApiError::Forbidden {
                code: ErrorCode::Forbidden,
            });
        }
        Some(account) => {
            let mut changed: staff::ActiveModel = account.into();
            changed.display_name = Set(name.chars().take(200).collect());
            changed.role = Set(role.as_str().to_owned());
            changed.last_login_at = Set(Some(now));
            changed.update(&txn).await.map_err(ApiError::internal)?
        }
        None => staff::ActiveModel {
            id: Set(Uuid::new_v4()),
            username: Set(format!(
                "oidc:{}",
                subject.chars().take(90).collect::<String>()
            )),
            display_name: Set(name.chars().take(200).collect()),
            email: Set(None),
            role: Set(role.as_str().to_owned()),
            password_hash: Set(None),
            oidc_subject: Set(Some(linked.to_owned())),
            created_at: Set(now),
            last_login_at: Set(Some(now)),
            disabled_at: Set(None),
        }
        .insert(&txn)
        .await
        .map_err(ApiError::internal)?,
    };
    staff_groups::Entity::delete_many()
        .filter(staff_groups::Column::StaffId.eq(account.id))
        .exec(&txn)
        .await
        .map_err(ApiError::internal)?;
    for group in groups {
        staff_groups::ActiveModel {
            staff_id: Set(account.id),
            group_name: Set(group.clone()),
        }
        .insert(&txn)
        .await
        .map_err(ApiError::internal)?;
    }
    txn.commit().await.map_err(ApiError::internal)?;
    Ok(StaffMember {
        account,
        role,
        groups: groups.clone(),
    })
}
