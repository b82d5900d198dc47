use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse, post, web};
use api_types::{CollectLoginResponse, LoginStatus, Problem, UserMessage};
use bankid::Rfa;
use bankid::wire::{CompletionData, Risk};
use domain::Personnummer;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use crate::auth::SESSION_COOKIE;
use crate::auth::bankid_login::{clear_binding_cookie, load_owned_login, user_message};
use crate::auth::bankid_orders::{self, Collected, OrderStatus, StoredOrder};
use crate::auth::sessions;
use crate::entities::{bankid_logins, users};
use crate::error::{ApiError, ErrorCode};
use crate::routes::session::session_response;
use crate::state::AppState;

/// Polls a BankID login (every 2 s while pending). Only BankID's answer to this server counts: a
/// return to `returnUrl` proves nothing. On completion a new session is created: for cookie
/// delivery the `__Host-minasidor_session` cookie is set (HttpOnly, not readable by scripts);
/// for bearer delivery the token is in the body.
#[utoipa::path(
    tag = "auth",
    params(
        ("login_id" = String, Path, description = "From the start response."),
        ("x-code-verifier" = Option<String>, Header, description = "For a bearer login: the \
            verifier whose S256 challenge the start request gave (`not_found` without it)."),
    ),
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
    if !login.is_pending() {
        return Err(finished());
    }
    match bankid_orders::collect(&state, &login).await? {
        Collected::Complete {
            hint_code,
            completion,
        } => {
            // A browser that still holds a session logs in afresh: that session ends.
            let previous = request
                .cookie(SESSION_COOKIE)
                .and_then(|cookie| {
                    state
                        .token_keys
                        .verify(cookie.value(), state.clock.now())
                        .ok()
                })
                .map(|claims| claims.sid);
            complete(&state, login, *completion, hint_code, previous).await
        }
        Collected::Pending { hint_code, message } => {
            Ok(HttpResponse::Ok().json(CollectLoginResponse {
                status: LoginStatus::Pending,
                hint_code,
                message,
                session: None,
                token: None,
            }))
        }
        Collected::Failed { hint_code, message } => fail(&state, &login, hint_code, message).await,
    }
}

fn finished() -> ApiError {
    ApiError::Conflict {
        code: ErrorCode::LoginFinished,
        detail: "This login has already completed or ended. Start a new one.".into(),
        detail_sv: "Den här inloggningen är redan avslutad. Börja om.".into(),
    }
}

async fn fail(
    state: &AppState,
    login: &bankid_logins::Model,
    hint_code: Option<String>,
    message: UserMessage,
) -> Result<HttpResponse, ApiError> {
    login
        .finish(
            &state.db,
            &[OrderStatus::Pending],
            OrderStatus::Failed,
            None,
            state.clock.now(),
        )
        .await?;
    tracing::info!(login_id = %login.id, hint = hint_code.as_deref().unwrap_or("-"), "BankID login failed");
    // The binding cookie is not cleared on failure, for the same reason as in cancel: a retry
    // may already have replaced it.
    Ok(HttpResponse::Ok().json(CollectLoginResponse {
        status: LoginStatus::Failed,
        hint_code,
        message,
        session: None,
        token: None,
    }))
}

async fn complete(
    state: &AppState,
    login: bankid_logins::Model,
    completion: CompletionData,
    hint_code: Option<String>,
    previous_session: Option<Uuid>,
) -> Result<HttpResponse, ApiError> {
    if completion.risk == Some(Risk::High) {
        tracing::warn!(login_id = %login.id, "BankID order refused: risk high");
        return fail(state, &login, hint_code, user_message(Rfa::Rfa22)).await;
    }
    let Ok(personnummer) = Personnummer::parse(&completion.user.personal_number) else {
        tracing::warn!(login_id = %login.id, "BankID returned an unusable personal number");
        return fail(state, &login, hint_code, user_message(Rfa::Rfa22)).await;
    };
    // The order, the account and the session change together or not at all.
    let txn = state.db.begin().await.map_err(ApiError::internal)?;
    let finished_here = login
        .finish(
            &txn,
            &[OrderStatus::Pending],
            OrderStatus::Complete,
            None,
            state.clock.now(),
        )
        .await?;
    if !finished_here {
        return Err(finished());
    }
    let user = upsert_user(&txn, state, &personnummer, &completion).await?;
    let new_session = sessions::create_in(&txn, state, user.id).await?;
    if let Some(previous) = previous_session {
        use sea_orm::sea_query::Expr;
        crate::entities::sessions::Entity::update_many()
            .col_expr(
                crate::entities::sessions::Column::RevokedAt,
                Expr::value(Some(state.clock.now())),
            )
            .filter(crate::entities::sessions::Column::Id.eq(previous))
            .filter(crate::entities::sessions::Column::RevokedAt.is_null())
            .exec(&txn)
            .await
            .map_err(ApiError::internal)?;
    }
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
        personnummer: Set(personnummer.clone().into()),
        given_name: Set(completion.user.given_name.clone()),
        surname: Set(completion.user.surname.clone()),
        role: Set(api_types::UserRole::Citizen.as_str().to_owned()),
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
