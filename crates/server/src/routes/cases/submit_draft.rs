use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use api_types::{CaseResponse, Problem};
use chrono::Datelike;
use domain::{Actor, CaseCommand};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait, sea_query::Expr};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::cases::{self, case_numbers, idempotency};
use crate::entities::cases as case_rows;
use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;

/// Submits a complete draft: the answers are validated against the e-service's definition, the
/// case gets a case number and the submission time is recorded before the answer is sent. Send
/// an `Idempotency-Key` header: a retry with the same key gets the same answer and never makes a
/// second case.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    params(
        ("case_id" = String, Path, description = "The draft's id."),
        ("Idempotency-Key" = Option<String>, Header, description = "Any unique string (e.g. a \
            UUID) per submission attempt; retries reuse it."),
    ),
    responses(
        (status = 201, description = "Submitted; the case number is in the body.",
            body = CaseResponse),
        (status = 400, description = "Bad Idempotency-Key (`invalid_idempotency_key`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such draft of yours (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 409, description = "Already submitted (`illegal_transition`), changed during \
            submission (`edit_conflict`), or the e-service needs a BankID signature first \
            (`signature_required`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Answers are missing or invalid, listed per field \
            (`validation_failed`); or the Idempotency-Key was used for another request \
            (`idempotency_key_reused`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[post("/drafts/{case_id}/submit")]
pub async fn submit_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    request: HttpRequest,
    case_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let owner = user.auth.user.id;
    let key = idempotency::key_from(&request)?;
    let hash = idempotency::request_hash(&["POST", "submit", &case_id.to_string()]);
    if let Some(key) = &key
        && let Some((status, body)) = idempotency::stored(&state.db, owner, key, &hash).await?
    {
        return Ok(
            HttpResponse::build(StatusCode::from_u16(status).map_err(ApiError::internal)?)
                .content_type("application/json")
                .insert_header(("Idempotency-Replayed", "true"))
                .body(body),
        );
    }

    let case = cases::load_owned(&state.db, owner, *case_id).await?;
    let definition =
        eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    let now = state.clock.now();
    if case.status == "draft" {
        let errors = eservice::validate(
            &definition,
            &super::answers_of(&case),
            eservice::Scope::All,
            now.date_naive(),
        );
        if !errors.is_empty() {
            return Err(ApiError::Validation(super::field_errors(errors)));
        }
    }
    let settings = definition.settings();
    if settings.cosigners.is_some() {
        return Err(ApiError::Conflict {
            code: "cosigning_not_available",
            detail: "This e-service needs co-signers, and co-signing is not available yet.".into(),
            detail_sv: "E-tjänsten kräver medundertecknare, och medundertecknande finns inte \
                        ännu."
                .into(),
        });
    }
    let signature_required = settings.signature_required;
    let signed = signature_required && is_signed(&state, &case, &definition).await?;
    domain::decide(
        &cases::domain_state(&case)?,
        CaseCommand::Submit {
            complete: true,
            signature_required,
            signed,
        },
        now,
        Actor::Citizen { id: owner },
    )
    .map_err(cases::transition_error)?;

    let txn = state.db.begin().await.map_err(ApiError::internal)?;
    let number = case_numbers::next(&txn, now.year()).await?;
    let updated = case_rows::Entity::update_many()
        .col_expr(case_rows::Column::Status, Expr::value("submitted"))
        .col_expr(
            case_rows::Column::CaseNumber,
            Expr::value(Some(number.to_string())),
        )
        .col_expr(case_rows::Column::SubmittedAt, Expr::value(Some(now)))
        .col_expr(case_rows::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            case_rows::Column::ExpiresAt,
            Expr::value(None::<chrono::DateTime<chrono::Utc>>),
        )
        .col_expr(
            case_rows::Column::LockVersion,
            Expr::value(case.lock_version + 1),
        )
        .filter(case_rows::Column::Id.eq(case.id))
        .filter(case_rows::Column::Status.eq("draft"))
        .filter(case_rows::Column::LockVersion.eq(case.lock_version))
        .exec(&txn)
        .await
        .map_err(ApiError::internal)?;
    if updated.rows_affected != 1 {
        return Err(ApiError::Conflict {
            code: "edit_conflict",
            detail: "The draft changed while it was being submitted. Review it and submit again."
                .into(),
            detail_sv: "Utkastet ändrades medan det skickades in. Granska det och skicka in igen."
                .into(),
        });
    }
    cases::append_event(
        &txn,
        case.id,
        "case_submitted",
        Some(owner),
        now,
        serde_json::json!({ "case_number": number.to_string() }),
    )
    .await?;
    let submitted = cases::load_owned(&txn, owner, case.id).await?;
    let response = super::case_response(&txn, &submitted, &definition).await?;
    let body = serde_json::to_string(&response).map_err(ApiError::internal)?;
    if let Some(key) = &key {
        idempotency::store(&txn, owner, key, &hash, 201, &body, now).await?;
    }
    txn.commit().await.map_err(ApiError::internal)?;
    tracing::info!(user_id = %owner, case_id = %case.id, case_number = %number, "case submitted");
    Ok(HttpResponse::Created()
        .content_type("application/json")
        .body(body))
}

/// Whether the owner has signed exactly the answers now stored (a completed signing with the
/// same digest, made at the current lock version).
async fn is_signed(
    state: &AppState,
    case: &case_rows::Model,
    definition: &eservice::EServiceDefinition,
) -> Result<bool, ApiError> {
    use crate::entities::case_signatures;
    use sea_orm::PaginatorTrait;
    let digest = hex::encode(eservice::answers_digest(
        definition,
        &super::answers_of(case),
    ));
    let count = case_signatures::Entity::find()
        .filter(case_signatures::Column::CaseId.eq(case.id))
        .filter(case_signatures::Column::UserId.eq(case.owner_id))
        .filter(case_signatures::Column::Status.eq("complete"))
        .filter(case_signatures::Column::AnswersDigest.eq(digest))
        .filter(case_signatures::Column::LockVersion.eq(case.lock_version))
        .count(&state.db)
        .await
        .map_err(ApiError::internal)?;
    Ok(count > 0)
}
