//! The simulator's HTTP routes: the wire API and the control API (the test app is in `app`).

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ApiError, ControlError, PhoneAction, Simulator, app, persons};
use crate::wire::{
    AuthRequest, CancelRequest, CollectRequest, ErrorBody, ErrorCode, HintCode, PhoneAuthRequest,
    PhoneSignRequest, SignRequest,
};

/// The largest request body the wire API reads.
const MAX_BODY: usize = 1 << 20;

/// Mounts the simulator (wire API at `rp/v6.0/…`, control API at `control/…`, test app at
/// `app`) relative to where `config` is mounted, e.g.
/// `App::new().service(web::scope("/bankid-sim").configure(|c| configure(c, simulator)))`.
pub fn configure(config: &mut web::ServiceConfig, simulator: Simulator) {
    let data = web::Data::new(simulator);
    let api = |path: &str| {
        web::resource(path)
            .app_data(data.clone())
            .app_data(web::PayloadConfig::new(MAX_BODY))
            .default_service(web::to(method_not_allowed))
    };
    config
        .service(api("/rp/v6.0/auth").route(web::post().to(auth)))
        .service(api("/rp/v6.0/sign").route(web::post().to(sign)))
        .service(api("/rp/v6.0/phone/auth").route(web::post().to(phone_auth)))
        .service(api("/rp/v6.0/phone/sign").route(web::post().to(phone_sign)))
        .service(api("/rp/v6.0/collect").route(web::post().to(collect)))
        .service(api("/rp/v6.0/cancel").route(web::post().to(cancel)))
        .service(web::resource("/rp/v6.0/{tail:.*}").to(not_found));

    let control = |path: &str| web::resource(path).app_data(data.clone());
    config
        .service(control("/control/orders").route(web::get().to(control_orders)))
        .service(control("/control/persons").route(web::get().to(control_persons)))
        .service(
            control("/control/orders/{order_ref}/approve").route(web::post().to(control_approve)),
        )
        .service(control("/control/orders/{order_ref}/fail").route(web::post().to(control_fail)))
        .service(control("/control/orders/{order_ref}/hint").route(web::post().to(control_hint)))
        .service(control("/control/qr").route(web::post().to(control_qr)))
        .service(control("/control/autostart").route(web::post().to(control_autostart)));

    app::configure(config, data);
}

fn error_response(error: ApiError) -> HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(error.status)
        .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR);
    HttpResponse::build(status).json(error.body)
}

fn respond<T: Serialize>(result: Result<T, ApiError>) -> HttpResponse {
    match result {
        Ok(body) => HttpResponse::Ok().json(body),
        Err(error) => error_response(error),
    }
}

/// `Content-Type` must be exactly `application/json`; then the body must be the request.
fn parse<T: DeserializeOwned>(request: &HttpRequest, body: &[u8]) -> Result<T, ApiError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::trim);
    if !content_type.is_some_and(|value| value.eq_ignore_ascii_case("application/json")) {
        return Err(ApiError::new(
            415,
            ErrorCode::UnsupportedMediaType,
            "Content-Type must be application/json",
        ));
    }
    serde_json::from_slice(body).map_err(|error| {
        ApiError::invalid(match error.classify() {
            serde_json::error::Category::Data => format!("Invalid parameters: {error}"),
            _ => "Invalid JSON".to_owned(),
        })
    })
}

fn rp_ip(request: &HttpRequest) -> String {
    request
        .peer_addr()
        .map(|address| address.ip().to_string())
        .unwrap_or_else(|| "127.0.0.1".to_owned())
}

async fn method_not_allowed() -> HttpResponse {
    let mut response = error_response(ApiError::new(
        405,
        ErrorCode::MethodNotAllowed,
        "Only POST is allowed",
    ));
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("POST"));
    response
}

async fn not_found() -> HttpResponse {
    error_response(ApiError::new(404, ErrorCode::NotFound, "No such endpoint"))
}

async fn auth(sim: web::Data<Simulator>, request: HttpRequest, body: web::Bytes) -> HttpResponse {
    respond(parse::<AuthRequest>(&request, &body).and_then(|r| sim.start_auth(&r)))
}

async fn sign(sim: web::Data<Simulator>, request: HttpRequest, body: web::Bytes) -> HttpResponse {
    respond(parse::<SignRequest>(&request, &body).and_then(|r| sim.start_sign(&r)))
}

async fn phone_auth(
    sim: web::Data<Simulator>,
    request: HttpRequest,
    body: web::Bytes,
) -> HttpResponse {
    let ip = rp_ip(&request);
    respond(parse::<PhoneAuthRequest>(&request, &body).and_then(|r| sim.start_phone_auth(&r, &ip)))
}

async fn phone_sign(
    sim: web::Data<Simulator>,
    request: HttpRequest,
    body: web::Bytes,
) -> HttpResponse {
    let ip = rp_ip(&request);
    respond(parse::<PhoneSignRequest>(&request, &body).and_then(|r| sim.start_phone_sign(&r, &ip)))
}

async fn collect(
    sim: web::Data<Simulator>,
    request: HttpRequest,
    body: web::Bytes,
) -> HttpResponse {
    respond(parse::<CollectRequest>(&request, &body).and_then(|r| sim.collect(&r.order_ref)))
}

async fn cancel(sim: web::Data<Simulator>, request: HttpRequest, body: web::Bytes) -> HttpResponse {
    respond(
        parse::<CancelRequest>(&request, &body)
            .and_then(|r| sim.cancel(&r.order_ref))
            .map(|()| serde_json::json!({})),
    )
}

// ---- control API ----

fn control_error(error: &ControlError) -> HttpResponse {
    let (status, code) = error.status_and_code();
    let status = actix_web::http::StatusCode::from_u16(status)
        .unwrap_or(actix_web::http::StatusCode::BAD_REQUEST);
    HttpResponse::build(status).json(ErrorBody {
        error_code: ErrorCode::parse(code),
        details: error.to_string(),
    })
}

fn control_respond<T: Serialize>(result: Result<T, ControlError>) -> HttpResponse {
    match result {
        Ok(body) => HttpResponse::Ok().json(body),
        Err(error) => control_error(&error),
    }
}

/// A control body: any JSON object (an empty body counts as `{}`).
fn control_body<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, ControlError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|error| ControlError::Invalid(error.to_string()))
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    all: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApproveBody {
    personal_number: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HintBody {
    hint_code: Option<String>,
}

impl HintBody {
    fn hint(&self) -> Result<HintCode, ControlError> {
        match self.hint_code.as_deref() {
            Some(hint) if !hint.is_empty() => Ok(HintCode::parse(hint)),
            _ => Err(ControlError::Invalid("hintCode is required".to_owned())),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PhoneBody {
    qr_content: Option<String>,
    auto_start_token: Option<String>,
    personal_number: Option<String>,
    action: Option<String>,
    hint_code: Option<String>,
}

impl PhoneBody {
    fn action(&self) -> Result<PhoneAction, ControlError> {
        PhoneAction::parse(self.action.as_deref(), self.hint_code.as_deref())
    }
}

async fn control_orders(sim: web::Data<Simulator>, query: web::Query<ListQuery>) -> HttpResponse {
    HttpResponse::Ok().json(sim.list_orders(query.all.unwrap_or(false)))
}

async fn control_persons() -> HttpResponse {
    HttpResponse::Ok().json(persons::TEST_PERSONS)
}

async fn control_approve(
    sim: web::Data<Simulator>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    control_respond(
        control_body::<ApproveBody>(&body)
            .and_then(|b| sim.approve(&path, b.personal_number.as_deref())),
    )
}

async fn control_fail(
    sim: web::Data<Simulator>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    control_respond(
        control_body::<HintBody>(&body)
            .and_then(|b| b.hint())
            .and_then(|hint| sim.fail(&path, hint)),
    )
}

async fn control_hint(
    sim: web::Data<Simulator>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    control_respond(
        control_body::<HintBody>(&body)
            .and_then(|b| b.hint())
            .and_then(|hint| sim.set_pending_hint(&path, hint)),
    )
}

async fn control_qr(sim: web::Data<Simulator>, body: web::Bytes) -> HttpResponse {
    control_respond(control_body::<PhoneBody>(&body).and_then(|b| {
        let content = b
            .qr_content
            .as_deref()
            .ok_or_else(|| ControlError::Invalid("qrContent is required".to_owned()))?;
        sim.scan_qr(content, b.personal_number.as_deref(), b.action()?)
    }))
}

async fn control_autostart(sim: web::Data<Simulator>, body: web::Bytes) -> HttpResponse {
    control_respond(control_body::<PhoneBody>(&body).and_then(|b| {
        let token = b
            .auto_start_token
            .as_deref()
            .ok_or_else(|| ControlError::Invalid("autoStartToken is required".to_owned()))?;
        sim.autostart(token, b.personal_number.as_deref(), b.action()?)
    }))
}
