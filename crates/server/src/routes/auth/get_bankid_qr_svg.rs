use actix_web::{HttpRequest, HttpResponse, get, web};
use api_types::Problem;
use uuid::Uuid;

use super::get_bankid_qr::current_qr_content;
use crate::error::ApiError;
use crate::state::AppState;

/// The current frame of the animated QR code as an SVG image, for `<img>`; fetch it again every
/// second.
#[utoipa::path(
    tag = "auth",
    params(
        ("login_id" = String, Path, description = "From the start response."),
        ("x-code-verifier" = Option<String>, Header, description = "For a bearer login: the \
            verifier whose S256 challenge the start request gave (`not_found` without it)."),
    ),
    responses(
        (status = 200, description = "The QR code for this second.", content_type = "image/svg+xml", body = String),
        (status = 404, description = "No such pending login for this client (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/bankid/{login_id}/qr.svg")]
pub async fn get_bankid_qr_svg(
    state: web::Data<AppState>,
    request: HttpRequest,
    login_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let content = current_qr_content(&state, &request, *login_id).await?;
    crate::auth::bankid_login::qr_svg_response(&content)
}
