use actix_web::{HttpResponse, post, web};
use api_types::{Problem, TestNoticeResponse};

use crate::auth::extractor::CurrentUser;
use crate::error::ApiError;
use crate::notify::{self, service};
use crate::state::AppState;

/// Sends a test notice to each channel your saved profile asks for, so you can see that
/// e-mail and SMS reach you. A few per hour.
#[utoipa::path(
    tag = "profile",
    security(("session_cookie" = []), ("bearer" = [])),
    responses(
        (status = 202, description = "Queued; one notice per channel.", body = TestNoticeResponse),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Cookie authentication without the CSRF header.",
            body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No channel chosen in the saved profile \
            (`no_notice_channel`).", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many test notices this hour (`rate_limited`, \
            `Retry-After`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/profile/test-notice")]
pub async fn send_test_notice(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, ApiError> {
    let rows = service::send_test(
        &state.db,
        user.auth.user.id,
        state.settings.notify.test_notices_per_hour,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Accepted().json(TestNoticeResponse {
        notices: rows.iter().map(notify::response).collect(),
    }))
}
