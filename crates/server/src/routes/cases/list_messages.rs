use actix_web::{get, web};
use api_types::{MessageThreadResponse, Problem};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::messages;
use crate::cases::officer::{self, Reader};
use crate::error::ApiError;
use crate::state::AppState;

/// The message thread of one of your cases, and whether you may write now (while the case is
/// open, and for the e-service's reply window after it is closed).
#[utoipa::path(
    tag = "messages",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("case_id" = String, Path, description = "The case id.")),
    responses(
        (status = 200, description = "The thread.", body = MessageThreadResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such case of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/cases/{case_id}/messages")]
pub async fn list_messages(
    state: web::Data<AppState>,
    user: CurrentUser,
    case_id: web::Path<Uuid>,
) -> Result<web::Json<MessageThreadResponse>, ApiError> {
    let reader = Reader::Owner(user.auth.user.id);
    let case = officer::load(&state.db, reader, *case_id, false).await?;
    let definition =
        crate::eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    let window = definition.settings().reply_window_days();
    Ok(web::Json(MessageThreadResponse {
        messages: messages::thread(&state.db, case.id).await?,
        can_write: messages::can_write(&case, reader, window, state.clock.now()),
        writable_until: messages::writable_until(&case, window).map(|at| at.to_rfc3339()),
    }))
}
