use actix_web::{put, web};
use api_types::{NoticeTemplateResponse, NoticeTemplateTexts, Problem};

use crate::error::ApiError;
use crate::notify::service;
use crate::routes::validation::validated;
use crate::staff::extractor::Admin;
use crate::state::AppState;

/// Replaces one template's texts. Only `{link}` and `{municipality}` are filled in, and both the
/// e-mail and the SMS must contain `{link}`.
#[utoipa::path(
    tag = "admin",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(
        ("kind" = String, Path, description = "The kind of notice, e.g. `officer_message`."),
        ("language" = String, Path, description = "`sv` or `en`."),
    ),
    request_body = NoticeTemplateTexts,
    responses(
        (status = 200, description = "Saved.", body = NoticeTemplateResponse),
        (status = 400, description = "Malformed body (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, or no CSRF header (`forbidden`, \
            `csrf_check_failed`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such kind or language (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Texts that break a rule (`validation_failed`, per-field \
            `invalid_template`, `too_long`, `required`).", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[put("/admin/notice-templates/{kind}/{language}")]
pub async fn update_notice_template(
    state: web::Data<AppState>,
    admin: Admin,
    path: web::Path<(String, String)>,
    body: web::Json<NoticeTemplateTexts>,
) -> Result<web::Json<NoticeTemplateResponse>, ApiError> {
    let (kind, language) = service::template_key(&path.0, &path.1)?;
    Ok(web::Json(
        service::save_template(
            &state.db,
            kind,
            language,
            validated(body.into_inner())?,
            admin.0.member.id(),
            state.clock.now(),
        )
        .await?,
    ))
}
