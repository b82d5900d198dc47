use actix_web::{HttpRequest, get, web};
use api_types::{Problem, QrCodeResponse};
use uuid::Uuid;

use crate::auth::bankid_login::load_owned_login;
use crate::error::ApiError;
use crate::state::AppState;

/// The current frame of the animated QR code, as text (for apps that draw it themselves). The
/// code is computed on the server every time; the secret never leaves it.
#[utoipa::path(
    tag = "auth",
    params(
        ("login_id" = String, Path, description = "From the start response."),
        ("x-code-verifier" = Option<String>, Header, description = "For a bearer login: the \
            verifier whose S256 challenge the start request gave (`not_found` without it)."),
    ),
    responses(
        (status = 200, description = "The QR content for this second.", body = QrCodeResponse),
        (status = 404, description = "No such pending login for this client (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/bankid/{login_id}/qr")]
pub async fn get_bankid_qr(
    state: web::Data<AppState>,
    request: HttpRequest,
    login_id: web::Path<Uuid>,
) -> Result<web::Json<QrCodeResponse>, ApiError> {
    Ok(web::Json(QrCodeResponse {
        qr_content: current_qr_content(&state, &request, *login_id).await?,
    }))
}

/// The QR content for the current second of a pending login.
pub async fn current_qr_content(
    state: &AppState,
    request: &HttpRequest,
    login_id: Uuid,
) -> Result<String, ApiError> {
    let login = load_owned_login(state, request, login_id).await?;
    crate::auth::bankid_orders::qr_content(&login, state.clock.now())
}
