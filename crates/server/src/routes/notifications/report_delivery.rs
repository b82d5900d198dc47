use actix_web::{HttpResponse, post, web};
use api_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::error::{ApiError, ErrorCode};
use crate::notify::reports::{self, Recorded};
use crate::state::AppState;

/// The signature from the callback URL.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The HMAC this server put in the callback URL.
    #[param(min_length = 64, max_length = 64, pattern = "^[0-9a-f]{64}$")]
    pub signature: String,
}

/// A delivery report, form-encoded as 46elks sends it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DeliveryReport {
    /// The gateway's id of the message.
    #[schema(min_length = 1, max_length = 100)]
    pub id: String,
    /// `delivered` or `failed`.
    #[schema(pattern = "^(delivered|failed|sent)$")]
    pub status: String,
    /// When it was delivered (the gateway's clock; informative).
    #[serde(default)]
    #[schema(max_length = 100)]
    pub delivered: Option<String>,
}

fn refused() -> ApiError {
    ApiError::NotFound
}

/// The SMS gateway reports whether an SMS reached the phone. The URL is the one given with the
/// SMS (signed per notice); the report must name the gateway's id for it.
#[utoipa::path(
    tag = "notifications",
    params(
        ("notification_id" = String, Path, description = "The notice."),
        ReportQuery,
    ),
    request_body(content = DeliveryReport, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 204, description = "Recorded (or already recorded)."),
        (status = 400, description = "A malformed report (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No such notice, a wrong signature, or another message \
            id (`not_found`).", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The SMS is still being handed over; report again \
            (`not_ready`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/{notification_id}/delivery-report")]
pub async fn report_delivery(
    state: web::Data<AppState>,
    notification_id: web::Path<Uuid>,
    query: web::Query<ReportQuery>,
    report: web::Form<DeliveryReport>,
) -> Result<HttpResponse, ApiError> {
    let id = *notification_id;
    if !reports::verify(&state.notifier.report_key, id, &query.signature) {
        tracing::warn!(notification_id = %id, "a delivery report with a wrong signature");
        return Err(refused());
    }
    let delivered = match report.status.as_str() {
        "delivered" => true,
        "failed" => false,
        // An intermediate state: nothing to record.
        _ => return Ok(HttpResponse::NoContent().finish()),
    };
    match reports::record(&state.db, id, &report.id, delivered, state.clock.now())
        .await
        .map_err(ApiError::internal)?
    {
        Recorded::Recorded => {
            tracing::info!(notification_id = %id, delivered, "SMS delivery report recorded");
            Ok(HttpResponse::NoContent().finish())
        }
        Recorded::NotYet => Err(ApiError::Unavailable {
            code: ErrorCode::NotReady,
            detail: "The SMS is still being handed over; report again.".into(),
        }),
        Recorded::Unknown => Err(refused()),
    }
}
