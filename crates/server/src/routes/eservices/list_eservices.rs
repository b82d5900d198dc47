use actix_web::{get, web};
use api_types::EServiceSummary;
use serde::Deserialize;

use crate::error::ApiError;
use crate::eservices;
use crate::state::AppState;

/// Search in the catalogue.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CatalogueQuery {
    /// Words to look for in the title and description (Swedish and English).
    pub q: Option<String>,
}

/// The published e-services, optionally filtered by a search text. Public.
#[utoipa::path(
    tag = "eservices",
    params(CatalogueQuery),
    responses((status = 200, description = "Published e-services.", body = Vec<EServiceSummary>))
)]
#[get("/eservices")]
pub async fn list_eservices(
    state: web::Data<AppState>,
    query: web::Query<CatalogueQuery>,
) -> Result<web::Json<Vec<EServiceSummary>>, ApiError> {
    let words: Vec<String> = query
        .q
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let list = eservices::published(&state.db)
        .await?
        .iter()
        .map(super::summary)
        .filter(|summary| {
            let text = format!(
                "{} {} {} {}",
                summary.title.sv, summary.title.en, summary.description.sv, summary.description.en
            )
            .to_lowercase();
            words.iter().all(|word| text.contains(word.as_str()))
        })
        .collect();
    Ok(web::Json(list))
}
