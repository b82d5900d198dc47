use actix_web::{delete, web};
use api_types::{NoticeTemplateResponse, Problem};

use crate::error::ApiError;
use crate::notify::service;
use crate::staff::extractor::Admin;
use crate::state::AppState;

/// Goes back to the built-in texts of one template.
#[utoipa::path(
    tag = "admin",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(
        ("kind" = String, Path, description = "The kind of notice, e.g. `officer_message`."),
        ("language" = String, Path, description = "`sv` or `en`."),
    ),
    responses(
        (status = 200, description = "The built-in texts, now in use.", body = NoticeTemplateResponse),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, or no CSRF header (`forbidden`, \
            `csrf_check_failed`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such kind or language (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[delete("/admin/notice-templates/{kind}/{language}")]
pub async fn reset_notice_template(
    state: web::Data<AppState>,
    admin: Admin,
    path: web::Path<(String, String)>,
) -> Result<web::Json<NoticeTemplateResponse>, ApiError> {
    let (kind, language) = service::template_key(&path.0, &path.1)?;
    Ok(web::Json(
        service::reset_template(
            &state.db,
            kind,
            language,
            admin.0.member.id(),
            state.clock.now(),
        )
        .await?,
    ))
}
