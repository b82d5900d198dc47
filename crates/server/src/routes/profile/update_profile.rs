use actix_web::{put, web};
use api_types::{FieldError, Problem, ProfileResponse, UpdateProfileRequest};
use domain::{Email, PhoneNumber};
use sea_orm::{ActiveValue::Set, EntityTrait, sea_query::OnConflict};

use crate::auth::extractor::CurrentUser;
use crate::entities::profiles;
use crate::error::ApiError;
use crate::state::AppState;

/// Saves the logged-in citizen's details. Everything is checked before anything is saved; on
/// 422 nothing changes and every invalid field is listed.
#[utoipa::path(
    tag = "profile",
    security(("session_cookie" = []), ("bearer" = [])),
    request_body = UpdateProfileRequest,
    responses(
        (status = 200, description = "Saved.", body = ProfileResponse),
        (status = 400, description = "Malformed body or unknown fields (`invalid_json`).",
            body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in.", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "Cookie authentication without the CSRF header.",
            body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid values (`validation_failed`, per-field codes \
            `invalid_email`, `invalid_phone`, `invalid_postal_code`, `required`).",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/profile")]
pub async fn update_profile(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<UpdateProfileRequest>,
) -> Result<web::Json<ProfileResponse>, ApiError> {
    let request = body.into_inner();
    let mut errors = Vec::new();
    let email = non_empty(request.email).and_then(|text| match Email::parse(&text) {
        Ok(email) => Some(email.as_str().to_owned()),
        Err(_) => {
            errors.push(field_error(
                "email",
                "invalid_email",
                "Enter a valid e-mail address, e.g. namn@exempel.se.",
                "Ange en giltig e-postadress, till exempel namn@exempel.se.",
            ));
            None
        }
    });
    let phone = non_empty(request.phone).and_then(|text| match PhoneNumber::parse(&text) {
        Ok(phone) => Some(phone.as_e164().to_owned()),
        Err(_) => {
            errors.push(field_error(
                "phone",
                "invalid_phone",
                "Enter a valid mobile number, e.g. 070-123 45 67.",
                "Ange ett giltigt mobilnummer, till exempel 070-123 45 67.",
            ));
            None
        }
    });
    let address = request.postal_address.and_then(|address| {
        let street = address.street.trim().to_owned();
        let city = address.city.trim().to_owned();
        let postal_code = domain::PostalCode::parse(&address.postal_code);
        if street.is_empty() && city.is_empty() && address.postal_code.trim().is_empty() {
            return None;
        }
        let mut ok = true;
        if street.is_empty() || street.chars().count() > 200 {
            ok = false;
            errors.push(field_error(
                "postal_address.street",
                "required",
                "Enter your street address.",
                "Ange din gatuadress.",
            ));
        }
        if postal_code.is_err() {
            ok = false;
            errors.push(field_error(
                "postal_address.postal_code",
                "invalid_postal_code",
                "Enter a Swedish postal code: five digits, not starting with 0, e.g. 733 30.",
                "Ange ett svenskt postnummer: fem siffror som inte börjar med 0, till exempel 733 30.",
            ));
        }
        if city.is_empty() || city.chars().count() > 100 {
            ok = false;
            errors.push(field_error(
                "postal_address.city",
                "required",
                "Enter your city.",
                "Ange din postort.",
            ));
        }
        match (ok, postal_code) {
            (true, Ok(code)) => Some((street, code.to_string(), city)),
            _ => None,
        }
    });
    if request.notify_email && email.is_none() && !errors.iter().any(|e| e.field == "email") {
        errors.push(field_error(
            "email",
            "required",
            "Enter an e-mail address to get notifications by e-mail.",
            "Ange en e-postadress för att få aviseringar via e-post.",
        ));
    }
    if request.notify_sms && phone.is_none() && !errors.iter().any(|e| e.field == "phone") {
        errors.push(field_error(
            "phone",
            "required",
            "Enter a mobile number to get notifications by SMS.",
            "Ange ett mobilnummer för att få aviseringar via sms.",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (street, postal_code, city) = match address {
        Some((street, postal_code, city)) => (Some(street), Some(postal_code), Some(city)),
        None => (None, None, None),
    };
    let row = profiles::ActiveModel {
        user_id: Set(user.auth.user.id),
        email: Set(email),
        phone: Set(phone),
        street: Set(street),
        postal_code: Set(postal_code),
        city: Set(city),
        notify_email: Set(request.notify_email),
        notify_sms: Set(request.notify_sms),
        updated_at: Set(state.clock.now()),
    };
    profiles::Entity::insert(row)
        .on_conflict(
            OnConflict::column(profiles::Column::UserId)
                .update_columns([
                    profiles::Column::Email,
                    profiles::Column::Phone,
                    profiles::Column::Street,
                    profiles::Column::PostalCode,
                    profiles::Column::City,
                    profiles::Column::NotifyEmail,
                    profiles::Column::NotifySms,
                    profiles::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(&state.db)
        .await
        .map_err(ApiError::internal)?;
    let saved = profiles::Entity::find_by_id(user.auth.user.id)
        .one(&state.db)
        .await
        .map_err(ApiError::internal)?;
    tracing::info!(user_id = %user.auth.user.id, "profile updated");
    Ok(web::Json(super::profile_response(
        &user.auth.user,
        saved.as_ref(),
    )))
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

fn field_error(field: &str, code: &str, message: &str, message_sv: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
        message_sv: message_sv.into(),
    }
}
