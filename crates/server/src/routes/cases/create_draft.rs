use actix_web::{HttpResponse, post, web};
use api_types::{CaseResponse, CreateDraftRequest, Problem};
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, TransactionTrait};
use uuid::Uuid;

use crate::auth::extractor::CurrentUser;
use crate::entities::{cases, profiles};
use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;

/// Starts a draft of a published e-service, prefilled from the citizen's profile. The draft
/// stays on this version of the definition.
#[utoipa::path(
    tag = "cases",
    security(("session_cookie" = []), ("bearer" = [])),
    request_body = CreateDraftRequest,
    responses(
        (status = 201, description = "The new draft.", body = CaseResponse),
        (status = 400, description = "Malformed body (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "CSRF header missing (`csrf_check_failed`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published e-service (`not_found`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/drafts")]
pub async fn create_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateDraftRequest>,
) -> Result<HttpResponse, ApiError> {
    let definition = eservices::published_one(&state.db, &body.eservice).await?;
    let owner = &user.auth.user;
    let profile = profiles::Entity::find_by_id(owner.id)
        .one(&state.db)
        .await
        .map_err(ApiError::internal)?;
    let values = eservice::ProfileValues {
        email: profile.as_ref().and_then(|p| p.email.clone()),
        phone: profile.as_ref().and_then(|p| p.phone.clone()),
        postal_address: profile
            .as_ref()
            .and_then(|p| match (&p.street, &p.postal_code, &p.city) {
                (Some(street), Some(postal_code), Some(city)) => Some(eservice::PostalAddress {
                    street: street.clone(),
                    postal_code: postal_code.clone(),
                    city: city.clone(),
                }),
                _ => None,
            }),
        given_name: Some(owner.given_name.clone()),
        surname: Some(owner.surname.clone()),
    };
    let answers = eservice::prefill(&definition, &values);
    let now = state.clock.now();
    let retention = Duration::days(i64::from(definition.settings().draft_retention_days));
    let txn = state.db.begin().await.map_err(ApiError::internal)?;
    let case = cases::ActiveModel {
        id: Set(Uuid::new_v4()),
        owner_id: Set(owner.id),
        e_service_slug: Set(definition.slug().to_owned()),
        e_service_version: Set(i32::try_from(definition.version()).map_err(ApiError::internal)?),
        status: Set("draft".into()),
        answers: Set(serde_json::Value::Object(answers).to_string()),
        case_number: Set(None),
        lock_version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(None),
        expires_at: Set(Some(now + retention)),
    }
    .insert(&txn)
    .await
    .map_err(ApiError::internal)?;
    crate::cases::append_event(
        &txn,
        case.id,
        "draft_created",
        Some(owner.id),
        now,
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await.map_err(ApiError::internal)?;
    let response = super::case_response(&state.db, &case, &definition).await?;
    Ok(HttpResponse::Created().json(response))
}
