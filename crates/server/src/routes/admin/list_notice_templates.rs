use actix_web::{get, web};
use api_types::{NoticeTemplateList, Problem};

use crate::error::ApiError;
use crate::notify::service;
use crate::staff::extractor::Admin;
use crate::state::AppState;

/// Every notice template in both languages, as in use (an administrator's texts or the
/// built-in ones).
#[utoipa::path(
    tag = "admin",
    security(("staff_cookie" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The templates.", body = NoticeTemplateList),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator (`forbidden`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/admin/notice-templates")]
pub async fn list_notice_templates(
    state: web::Data<AppState>,
    _admin: Admin,
) -> Result<web::Json<NoticeTemplateList>, ApiError> {
    Ok(web::Json(NoticeTemplateList {
        templates: service::list_templates(&state.db).await?,
    }))
}
