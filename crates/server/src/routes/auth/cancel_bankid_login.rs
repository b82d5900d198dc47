use actix_web::{HttpRequest, HttpResponse, post, web};
use api_types::Problem;
use uuid::Uuid;

use crate::auth::bankid_login::load_owned_login;
use crate::error::ApiError;
use crate::state::AppState;

/// Cancels a pending login (the user pressed "Avbryt"), at BankID too.
#[utoipa::path(
    tag = "auth",
    params(
        ("login_id" = String, Path, description = "From the start response."),
        ("x-code-verifier" = Option<String>, Header, description = "For a bearer login: the \
            verifier whose S256 challenge the start request gave (`not_found` without it)."),
    ),
    responses(
        (status = 204, description = "Cancelled (or already finished)."),
        (status = 404, description = "No such login for this client (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/bankid/{login_id}/cancel")]
pub async fn cancel_bankid_login(
    state: web::Data<AppState>,
    request: HttpRequest,
    login_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let login = load_owned_login(&state, &request, *login_id).await?;
    // The order may already have ended at BankID; the login ends here regardless.
    crate::auth::bankid_orders::cancel(&state, &login).await?;
    // The binding cookie is left to expire or to be replaced by the next start: clearing it here
    // raced with a new login started at the same moment ("choose another way" cancels the old
    // order while starting the new one) and could delete the new login's cookie.
    Ok(HttpResponse::NoContent().finish())
}
