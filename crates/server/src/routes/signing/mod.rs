//! Signing a draft with BankID before submission: the citizen signs a summary of the case
//! (userVisibleData) and the SHA-256 of its canonical answers (userNonVisibleData).

pub mod cancel_signing;
pub mod collect_signing;
pub mod get_signing_qr;
pub mod get_signing_qr_svg;
pub mod start_signing;

use sea_orm::EntityTrait;
use uuid::Uuid;

use crate::entities::case_signatures;
use crate::error::ApiError;
use crate::state::AppState;

/// A signing of the caller's own; anyone else's is `not_found`.
pub async fn load_owned_signing(
    state: &AppState,
    user_id: Uuid,
    signing_id: Uuid,
) -> Result<case_signatures::Model, ApiError> {
    case_signatures::Entity::find_by_id(signing_id)
        .one(&state.db)
        .await
        .map_err(ApiError::internal)?
        .filter(|signing| signing.user_id == user_id)
        .ok_or(ApiError::NotFound)
}
