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
        .map(searchable)
        .collect();
    let list = eservices::published(&state.db)
        .await?
        .iter()
        .map(|definition| super::summary(definition))
        .filter(|summary| {
            let text = searchable(&format!(
                "{} {} {} {}",
                summary.title.sv, summary.title.en, summary.description.sv, summary.description.en
            ));
            words.iter().all(|word| text.contains(word.as_str()))
        })
        .collect();
    Ok(web::Json(list))
}

/// Text as search compares it: Unicode NFC (so "å" typed as "a" + combining ring matches a
/// composed "å") and lower case.
fn searchable(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::searchable;

    #[test]
    fn composed_and_decomposed_swedish_letters_search_alike() {
        let decomposed = "Fo\u{308}rskola pa\u{30a} A\u{308}lvgatan";
        assert_eq!(searchable(decomposed), searchable("Förskola på Älvgatan"));
        assert!(searchable("PARKERINGSTILLSTÅND").contains(&searchable("tillsta\u{30a}nd")));
    }
}
