use actix_web::{get, web};
use api_types::SiteInfo;

use crate::state::AppState;

/// The municipality's name, contacts and the texts of the privacy and accessibility pages.
/// Public: the SPA shows them before anyone logs in.
#[utoipa::path(
    tag = "site",
    responses((status = 200, description = "Facts about this installation.", body = SiteInfo))
)]
#[get("/site")]
pub async fn get_site_info(state: web::Data<AppState>) -> web::Json<SiteInfo> {
    web::Json(SiteInfo::clone(&state.site_info))
}
