use actix_web::{HttpResponse, get, web};
use api_types::Problem;
use uuid::Uuid;

use crate::auth::bankid_login::qr_svg_response;
use crate::auth::bankid_orders;
use crate::auth::extractor::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The current frame of a signing's animated QR code as an SVG image; fetch it every second.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("signing_id" = String, Path, description = "From the start response.")),
    responses(
        (status = 200, description = "The QR code for this second.", content_type = "image/svg+xml", body = String),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such pending signing of yours (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/signings/{signing_id}/qr.svg")]
pub async fn get_signing_qr_svg(
    state: web::Data<AppState>,
    user: CurrentUser,
    signing_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let signing =
        crate::cases::load_owned_signing(&state.db, user.auth.user.id, *signing_id).await?;
    qr_svg_response(&bankid_orders::qr_content(&signing, state.clock.now())?)
}
