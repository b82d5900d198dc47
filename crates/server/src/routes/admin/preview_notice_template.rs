use actix_web::{post, web};
use api_types::{NoticePreview, NoticeTemplateTexts, Problem};

use crate::error::ApiError;
use crate::notify::{self, service, templates};
use crate::routes::validation::validated;
use crate::staff::extractor::Admin;
use crate::state::AppState;

/// Shows texts as they would be sent (with an example link), without saving them.
#[utoipa::path(
    tag = "admin",
    security(("staff_cookie" = []), ("bearer" = [])),
    params(
        ("kind" = String, Path, description = "The kind of notice, e.g. `officer_message`."),
        ("language" = String, Path, description = "`sv` or `en`."),
    ),
    request_body = NoticeTemplateTexts,
    responses(
        (status = 200, description = "The e-mail and the SMS.", body = NoticePreview),
        (status = 400, description = "Malformed body (`invalid_json`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "Not logged in as staff.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, or no CSRF header (`forbidden`, \
            `csrf_check_failed`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such kind or language (`not_found`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Texts that break a rule (`validation_failed`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/notice-templates/{kind}/{language}/preview")]
pub async fn preview_notice_template(
    state: web::Data<AppState>,
    _admin: Admin,
    path: web::Path<(String, String)>,
    body: web::Json<NoticeTemplateTexts>,
) -> Result<web::Json<NoticePreview>, ApiError> {
    let (kind, language) = service::template_key(&path.0, &path.1)?;
    let texts = validated(body.into_inner())?;
    service::check_texts(&texts)?;
    let example = kind
        .is_about_a_case()
        .then(|| uuid::Uuid::from_u128(0x2c0e_4f7a_9b1d_4e3a_8f00_0000_0000_0001));
    let link = notify::link(&state.notifier.public_url, kind, example);
    Ok(web::Json(
        templates::render(&texts, language, &link, &state.settings.municipality.name).into(),
    ))
}
