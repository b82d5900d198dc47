use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse, post, web};
use api_types::{CollectLoginResponse, LoginStatus, Problem};
use bankid::Rfa;
use bankid::wire::{CollectStatus, CompletionData, Risk};
use domain::Personnummer;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use crate::auth::SESSION_COOKIE;
use crate::auth::bankid_login::{
    bankid_error, clear_binding_cookie, flow, load_owned_login, user_message,
};
use crate::auth::sessions;
use crate::entities::{bankid_logins, users};
use crate::error::ApiError;
use crate::routes::session::session_response;
use crate::state::AppState;

/// Polls a BankID login (every 2 s while pending). Only BankID's answer to this server counts: a
/// return to `returnUrl` proves nothing. On completion a new session is created: for cookie
/// delivery the `__Host-minasidor_session` cookie is set (HttpOnly, not readable by scripts);
/// for bearer delivery the token is in the body.
#[utoipa::path(
    tag = "auth",
    params(("login_id" = String, Path, description = "From the start response.")),
    responses(
        (status = 200, description = "Pending, failed (with the message to show) or complete.",
            body = CollectLoginResponse),
        (status = 404, description = "No such login for this client (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The login has already completed or ended \
            (`login_finished`).", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "BankID could not be reached (`bankid_unavailable`, \
            `bankid_error`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/bankid/{login_id}/collect")]
pub async fn collect_bankid_login(
    state: web::Data<AppState>,
    request: HttpRequest,
    login_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let login = load_owned_login(&state, &request, *login_id).await?;
    if login.status != "pending" {
        return Err(finished());
    }
    let collected = state
        .bankid
        .collect(&login.order_ref)
        .await
        .map_err(bankid_error)?;
    let hint_code = collected
        .hint_code
        .as_ref()
        .map(|hint| hint.as_str().to_owned());
    match (&collected.status, collected.completion_data) {
        (CollectStatus::Complete, Some(completion)) => {
            complete(&state, login, completion, hint_code).await
        }
        (CollectStatus::Pending, _) => {
            let rfa = Rfa::for_collect(
                &CollectStatus::Pending,
                collected.hint_code.as_ref(),
                flow(&login),
            )
            .unwrap_or(Rfa::Rfa21);
            Ok(HttpResponse::Ok().json(CollectLoginResponse {
                status: LoginStatus::Pending,
                hint_code,
                message: user_message(rfa),
                session: None,
                token: None,
            }))
        }
        (status, _) => {
            let rfa = Rfa::for_collect(status, collected.hint_code.as_ref(), flow(&login))
                .unwrap_or(Rfa::Rfa22);
            fail(&state, &login, hint_code, rfa).await
        }
    }
}

fn finished() -> ApiError {
    ApiError::Conflict {
        code: "login_finished",
        detail: "This login has already completed or ended. Start a new one.".into(),
        detail_sv: "Den här inloggningen är redan avslutad. Börja om.".into(),
    }
}

async fn fail(
    state: &AppState,
    login: &bankid_logins::Model,
    hint_code: Option<String>,
    rfa: Rfa,
) -> Result<HttpResponse, ApiError> {
    finish(&state.db, state, login.id, "failed").await?;
    tracing::info!(login_id = %login.id, hint = hint_code.as_deref().unwrap_or("-"), "BankID login failed");
    // The binding cookie is not cleared on failure, for the same reason as in cancel: a retry
    // may already have replaced it.
    Ok(HttpResponse::Ok().json(CollectLoginResponse {
        status: LoginStatus::Failed,
        hint_code,
        message: user_message(rfa),
        session: None,
        token: None,
    }))
}

/// Moves a pending login to `status` exactly once; false if another request got there first.
async fn finish(
    db: &impl ConnectionTrait,
    state: &AppState,
    login_id: Uuid,
    status: &str,
) -> Result<bool, ApiError> {
    let result = bankid_logins::Entity::update_many()
        .col_expr(bankid_logins::Column::Status, Expr::value(status))
        .col_expr(
            bankid_logins::Column::FinishedAt,
            Expr::value(Some(state.clock.now())),
        )
        .filter(bankid_logins::Column::Id.eq(login_id))
        .filter(bankid_logins::Column::Status.eq("pending"))
        .exec(db)
        .await
        .map_err(ApiError::internal)?;
    Ok(result.rows_affected == 1)
}

async fn complete(
    state: &AppState,
    login: bankid_logins::Model,
    completion: CompletionData,
    hint_code: Option<String>,
) -> Result<HttpResponse, ApiError> {
    if completion.risk == Some(Risk::High) {
        tracing::warn!(login_id = %login.id, "BankID order refused: risk high");
        return fail(state, &login, hint_code, Rfa::Rfa22).await;
    }
    let Ok(personnummer) = Personnummer::parse(&completion.user.personal_number) else {
        tracing::warn!(login_id = %login.id, "BankID returned an unusable personal number");
        return fail(state, &login, hint_code, Rfa::Rfa22).await;
    };
    // The order, the account and the session change together or not at all.
    let txn = state.db.begin().await.map_err(ApiError::internal)?;
    if !finish(&txn, state, login.id, "complete").await? {
        return Err(finished());
    }
    let user = upsert_user(&txn, state, &personnummer, &completion).await?;
    let new_session = sessions::create_in(&txn, state, user.id).await?;
    txn.commit().await.map_err(ApiError::internal)?;
    tracing::info!(user_id = %user.id, session_id = %new_session.session.id, "login completed");
    let auth = sessions::Authenticated {
        user,
        session: new_session.session,
    };
    let mut response = HttpResponse::Ok();
    let bearer = login.token_delivery == "bearer";
    if !bearer {
        response.cookie(
            Cookie::build(SESSION_COOKIE, new_session.token.clone())
                .path("/")
                .secure(true)
                .http_only(true)
                .same_site(SameSite::Strict)
                .finish(),
        );
        response.cookie(clear_binding_cookie());
    }
    Ok(response.json(CollectLoginResponse {
        status: LoginStatus::Complete,
        hint_code,
        message: user_message(Rfa::Rfa21),
        session: Some(session_response(state, &auth)),
        token: bearer.then_some(new_session.token),
    }))
}

/// Finds the person's account or opens one; names follow BankID at every login. Two first
/// logins of one person at once both end with the one account: the insert does nothing when
/// the other got there first.
async fn upsert_user(
    db: &impl ConnectionTrait,
    state: &AppState,
    personnummer: &Personnummer,
    completion: &CompletionData,
) -> Result<users::Model, ApiError> {
    let now = state.clock.now();
    let inserted = users::Entity::insert(users::ActiveModel {
        id: Set(Uuid::new_v4()),
        personnummer: Set(personnummer.as_str().to_owned()),
        given_name: Set(completion.user.given_name.clone()),
        surname: Set(completion.user.surname.clone()),
        role: Set("citizen".into()),
        created_at: Set(now),
        last_login_at: Set(Some(now)),
    })
    .on_conflict(
        OnConflict::column(users::Column::Personnummer)
            .update_columns([
                users::Column::GivenName,
                users::Column::Surname,
                users::Column::LastLoginAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await;
    if let Err(error) = inserted {
        return Err(ApiError::internal(error));
    }
    users::Entity::find()
        .filter(users::Column::Personnummer.eq(personnummer.as_str()))
        .one(db)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::Internal("the account just written is missing".into()))
}
