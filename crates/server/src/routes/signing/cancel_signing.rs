use actix_web::{HttpResponse, post, web};
use api_types::Problem;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::entities::case_signatures;
use crate::error::ApiError;
use crate::state::AppState;

/// Cancels a pending signing (here and at BankID).
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(("signing_id" = String, Path, description = "From the start response.")),
    responses(
        (status = 204, description = "Cancelled (or already finished)."),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signing of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/signings/{signing_id}/cancel")]
pub async fn cancel_signing(
    state: web::Data<AppState>,
    user: CurrentUser,
    signing_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let signing = super::load_owned_signing(&state, user.auth.user.id, *signing_id).await?;
    if signing.status == "pending" {
        if let Err(error) = state.bankid.cancel(&signing.order_ref).await {
            tracing::info!(%error, "BankID cancel answered with an error");
        }
        case_signatures::Entity::update_many()
            .col_expr(case_signatures::Column::Status, Expr::value("cancelled"))
            .col_expr(
                case_signatures::Column::FinishedAt,
                Expr::value(Some(state.clock.now())),
            )
            .filter(case_signatures::Column::Id.eq(signing.id))
            .filter(case_signatures::Column::Status.eq("pending"))
            .exec(&state.db)
            .await
            .map_err(ApiError::internal)?;
    }
    Ok(HttpResponse::NoContent().finish())
}
