use actix_web::{get, web};
use api_types::{Problem, QrCodeResponse};
use uuid::Uuid;

use crate::auth::bankid_orders;
use crate::auth::extractor::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The current frame of a signing's animated QR code, as text.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("signing_id" = String, Path, description = "From the start response.")),
    responses(
        (status = 200, description = "The QR content for this second.", body = QrCodeResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such pending signing of yours (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/signings/{signing_id}/qr")]
pub async fn get_signing_qr(
    state: web::Data<AppState>,
    user: CurrentUser,
    signing_id: web::Path<Uuid>,
) -> Result<web::Json<QrCodeResponse>, ApiError> {
    let signing =
        crate::cases::load_owned_signing(&state.db, user.auth.user.id, *signing_id).await?;
    Ok(web::Json(QrCodeResponse {
        qr_content: bankid_orders::qr_content(&signing, state.clock.now())?,
    }))
}
