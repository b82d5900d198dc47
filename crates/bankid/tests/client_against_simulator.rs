//! The client against the simulator over real HTTP, mounted under `/bankid-sim` as the server
//! mounts it.
#![cfg(test)]
#![cfg(feature = "simulator")]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use actix_web::{App, HttpServer, web};
use bankid::client::{BankIdClient, BankIdError, ClientConfig};
use bankid::qr;
use bankid::simulator::{ManualClock, Simulator, SimulatorConfig, configure};
use bankid::wire::{
    AuthRequest, CallInitiator, CollectStatus, ErrorCode, HintCode, PhoneAuthRequest,
    PhoneSignRequest, Requirement, Risk, SignRequest, decode_text,
};
use serde_json::{Value, json};

const ANNA: &str = "199006292388";
const ERIK: &str = "198511144571";

struct Running {
    address: SocketAddr,
    clock: Arc<ManualClock>,
}

impl Running {
    fn url(&self, path: &str) -> String {
        format!("http://{}/bankid-sim/{path}", self.address)
    }

    fn client(&self) -> BankIdClient {
        BankIdClient::new(ClientConfig::new(self.url("rp/v6.0/"))).unwrap()
    }
}

/// Starts the simulator on a free port in its own thread, on a manual clock.
fn start(config: SimulatorConfig) -> Running {
    let clock = Arc::new(ManualClock::new());
    let simulator = Simulator::with_clock(config, clock.clone());
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                let simulator = simulator.clone();
                App::new().service(
                    web::scope("/bankid-sim").configure(move |config| configure(config, simulator)),
                )
            })
            .workers(1)
            .bind(("127.0.0.1", 0))
            .unwrap();
            sender.send(server.addrs()[0]).unwrap();
            server.run().await.unwrap();
        });
    });
    let address = receiver.recv().unwrap();
    Running { address, clock }
}

fn instant() -> Running {
    start(SimulatorConfig::instant())
}

fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn control(running: &Running, path: &str, body: Value) -> (u16, Value) {
    let response = http()
        .post(running.url(path))
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn raw_post(running: &Running, path: &str, content_type: &str, body: &str) -> (u16, Value) {
    let response = http()
        .post(running.url(path))
        .header("Content-Type", content_type)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn api_error(error: BankIdError) -> (u16, ErrorCode) {
    match error {
        BankIdError::Api { status, code, .. } => (status, code),
        other => panic!("not an API error: {other}"),
    }
}

#[tokio::test]
async fn an_auth_order_is_pending_until_the_phone_approves_it_and_then_completes() {
    let running = instant();
    let client = running.client();
    let mut request = AuthRequest::new("192.0.2.10").with_visible_text("Logga in på Mina sidor");
    request.return_risk = Some(true);
    let order = client.auth(&request).await.unwrap();
    assert!(!order.auto_start_token.is_empty() && !order.qr_start_secret.is_empty());

    let pending = client.collect(&order.order_ref).await.unwrap();
    assert_eq!(pending.status, CollectStatus::Pending);
    assert_eq!(pending.hint_code, Some(HintCode::OutstandingTransaction));
    assert_eq!(pending.completion_data, None);

    let (status, body) = control(
        &running,
        &format!("control/orders/{}/approve", order.order_ref),
        json!({"personalNumber": ERIK}),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let complete = client.collect(&order.order_ref).await.unwrap();
    assert_eq!(complete.status, CollectStatus::Complete);
    assert_eq!(complete.hint_code, None);
    let data = complete.completion_data.unwrap();
    assert_eq!(data.user.personal_number, ERIK);
    assert_eq!(data.user.name, "Erik Eriksson");
    assert_eq!(data.user.given_name, "Erik");
    assert_eq!(data.user.surname, "Eriksson");
    assert_eq!(data.device.ip_address, "192.0.2.10");
    assert_eq!(data.bank_id_issue_date.len(), 10);
    assert_eq!(data.risk, Some(Risk::Low));
    let signature = decode_text(&data.signature).unwrap();
    assert!(signature.contains("<funcId>Identification</funcId>"));
    assert!(!data.ocsp_response.is_empty());

    // A complete order can be collected again while it is kept.
    assert_eq!(
        client.collect(&order.order_ref).await.unwrap().status,
        CollectStatus::Complete
    );
}

#[tokio::test]
async fn a_sign_orders_signature_binds_the_visible_and_non_visible_data() {
    let running = instant();
    let client = running.client();
    let request = SignRequest::new("192.0.2.11", "Jag ansöker om parkeringstillstånd")
        .with_non_visible_data(b"sha256 of the application");
    let order = client.sign(&request).await.unwrap();

    let (_, listed) = control_get(&running, "control/orders").await;
    assert_eq!(listed[0]["orderRef"], json!(order.order_ref));
    assert_eq!(listed[0]["kind"], json!("sign"));
    assert_eq!(
        listed[0]["userVisibleData"],
        json!("Jag ansöker om parkeringstillstånd")
    );

    let (status, _) = control(
        &running,
        &format!("control/orders/{}/approve", order.order_ref),
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    let data = client
        .collect(&order.order_ref)
        .await
        .unwrap()
        .completion_data
        .unwrap();
    assert_eq!(data.user.personal_number, ANNA);
    let xml = decode_text(&data.signature).unwrap();
    assert!(xml.contains(&format!(
        "<usrVisibleData charset=\"UTF-8\" visible=\"wysiwys\">{}</usrVisibleData>",
        request.user_visible_data
    )));
    assert!(xml.contains(&format!(
        "<usrNonVisibleData>{}</usrNonVisibleData>",
        request.user_non_visible_data.as_deref().unwrap()
    )));
    assert!(xml.contains("<funcId>Signing</funcId>"));
    assert!(xml.contains("Anna Andersson"));
}

async fn control_get(running: &Running, path: &str) -> (u16, Value) {
    let response = http().get(running.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn a_second_order_for_a_person_with_one_pending_is_already_in_progress() {
    let running = instant();
    let client = running.client();
    let mut request = AuthRequest::new("192.0.2.12");
    request.requirement = Some(Requirement {
        personal_number: Some(ERIK.into()),
        ..Requirement::default()
    });
    let first = client.auth(&request).await.unwrap();
    let error = client.auth(&request).await.unwrap_err();
    assert_eq!(error.rfa(), bankid::Rfa::Rfa4);
    assert_eq!(api_error(error), (400, ErrorCode::AlreadyInProgress));
    // As BankID documents it, the order in progress is aborted too.
    let collected = client.collect(&first.order_ref).await.unwrap();
    assert_eq!(collected.status, CollectStatus::Failed);
    assert_eq!(collected.hint_code, Some(HintCode::Cancelled));

    let phone = PhoneAuthRequest::new(ANNA, CallInitiator::User);
    client.phone_auth(&phone).await.unwrap();
    let error = client.phone_auth(&phone).await.unwrap_err();
    assert_eq!(api_error(error), (400, ErrorCode::AlreadyInProgress));
}

#[tokio::test]
async fn collecting_or_cancelling_an_unknown_order_is_invalid_parameters() {
    let running = instant();
    let client = running.client();
    let error = client.collect("no-such-order").await.unwrap_err();
    assert_eq!(api_error(error), (400, ErrorCode::InvalidParameters));
    let error = client.cancel("no-such-order").await.unwrap_err();
    assert_eq!(api_error(error), (400, ErrorCode::InvalidParameters));
}

#[tokio::test]
async fn a_charset_parameter_in_the_content_type_is_an_unsupported_media_type() {
    let running = instant();
    let body = r#"{"endUserIp":"192.0.2.1"}"#;
    let (status, error) = raw_post(
        &running,
        "rp/v6.0/auth",
        "application/json; charset=utf-8",
        body,
    )
    .await;
    assert_eq!(status, 415);
    assert_eq!(error["errorCode"], json!("unsupportedMediaType"));
    let (status, _) = raw_post(&running, "rp/v6.0/auth", "text/plain", body).await;
    assert_eq!(status, 415);
    let (status, _) = raw_post(&running, "rp/v6.0/auth", "application/json", body).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn get_on_an_endpoint_is_method_not_allowed_and_unknown_endpoints_not_found() {
    let running = instant();
    let response = http()
        .get(running.url("rp/v6.0/collect"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errorCode"], json!("methodNotAllowed"));

    let (status, body) = raw_post(&running, "rp/v6.0/payments", "application/json", "{}").await;
    assert_eq!(status, 404);
    assert_eq!(body["errorCode"], json!("notFound"));
}

#[tokio::test]
async fn bad_json_a_missing_end_user_ip_and_a_sign_without_text_are_invalid_parameters() {
    let running = instant();
    for (path, body) in [
        ("rp/v6.0/auth", "{not json"),
        ("rp/v6.0/auth", "{}"),
        ("rp/v6.0/auth", r#"{"endUserIp":"not an ip"}"#),
        ("rp/v6.0/sign", r#"{"endUserIp":"192.0.2.1"}"#),
        (
            "rp/v6.0/phone/auth",
            r#"{"personalNumber":"199006292382","callInitiator":"user"}"#,
        ),
        (
            "rp/v6.0/phone/auth",
            r#"{"personalNumber":"199006292388","callInitiator":"bot"}"#,
        ),
        ("rp/v6.0/collect", r#"{"orderRef":42}"#),
    ] {
        let (status, error) = raw_post(&running, path, "application/json", body).await;
        assert_eq!(status, 400, "{path} {body}");
        assert_eq!(
            error["errorCode"],
            json!("invalidParameters"),
            "{path} {body}"
        );
    }
}

#[tokio::test]
async fn a_user_cancel_from_the_control_api_fails_the_order() {
    let running = instant();
    let client = running.client();
    let order = client.auth(&AuthRequest::new("192.0.2.13")).await.unwrap();
    let (status, _) = control(
        &running,
        &format!("control/orders/{}/fail", order.order_ref),
        json!({"hintCode": "userCancel"}),
    )
    .await;
    assert_eq!(status, 200);
    let collected = client.collect(&order.order_ref).await.unwrap();
    assert_eq!(collected.status, CollectStatus::Failed);
    assert_eq!(collected.hint_code, Some(HintCode::UserCancel));

    // A failed order cannot be approved any more.
    let (status, body) = control(
        &running,
        &format!("control/orders/{}/approve", order.order_ref),
        json!({}),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(body["errorCode"], json!("notPending"));
}

#[tokio::test]
async fn start_failed_and_expired_transaction_follow_the_configured_timeouts() {
    let running = start(SimulatorConfig {
        step: Duration::from_secs(60),
        start_timeout: Duration::from_secs(5),
        order_lifetime: Duration::from_secs(20),
        ..SimulatorConfig::default()
    });
    let client = running.client();
    let ignored = client.auth(&AuthRequest::new("192.0.2.14")).await.unwrap();
    let slow = client.auth(&AuthRequest::new("192.0.2.14")).await.unwrap();
    control(
        &running,
        &format!("control/orders/{}/approve", slow.order_ref),
        json!({}),
    )
    .await;
    running.clock.advance(Duration::from_secs(5));
    let collected = client.collect(&ignored.order_ref).await.unwrap();
    assert_eq!(collected.status, CollectStatus::Failed);
    assert_eq!(collected.hint_code, Some(HintCode::StartFailed));
    assert_eq!(
        client.collect(&slow.order_ref).await.unwrap().hint_code,
        Some(HintCode::Started)
    );
    running.clock.advance(Duration::from_secs(15));
    let collected = client.collect(&slow.order_ref).await.unwrap();
    assert_eq!(collected.status, CollectStatus::Failed);
    assert_eq!(collected.hint_code, Some(HintCode::ExpiredTransaction));

    // Failed orders are kept for 5 minutes, then they are unknown.
    running.clock.advance(Duration::from_secs(301));
    let error = client.collect(&slow.order_ref).await.unwrap_err();
    assert_eq!(api_error(error), (400, ErrorCode::InvalidParameters));
}

#[tokio::test]
async fn a_cancelled_order_is_gone() {
    let running = instant();
    let client = running.client();
    let order = client.auth(&AuthRequest::new("192.0.2.15")).await.unwrap();
    client.cancel(&order.order_ref).await.unwrap();
    let error = client.collect(&order.order_ref).await.unwrap_err();
    assert_eq!(api_error(error), (400, ErrorCode::InvalidParameters));
}

#[tokio::test]
async fn scanning_the_current_qr_code_approves_the_order_and_a_forged_one_does_not() {
    let running = instant();
    let client = running.client();
    let order = client.auth(&AuthRequest::new("192.0.2.16")).await.unwrap();
    running.clock.advance(Duration::from_secs(2));

    let forged = qr::qr_content(&order.qr_start_token, "guessed secret", 2);
    let (status, body) = control(&running, "control/qr", json!({"qrContent": forged})).await;
    assert_eq!(status, 404);
    assert_eq!(body["errorCode"], json!("notFound"));

    let content = qr::qr_content(&order.qr_start_token, &order.qr_start_secret, 2);
    let (status, body) = control(
        &running,
        "control/qr",
        json!({"qrContent": content, "personalNumber": ERIK}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["orderRef"], json!(order.order_ref));
    let data = client
        .collect(&order.order_ref)
        .await
        .unwrap()
        .completion_data
        .unwrap();
    assert_eq!(data.user.personal_number, ERIK);
}

#[tokio::test]
async fn the_autostart_token_lets_the_same_device_cancel() {
    let running = instant();
    let client = running.client();
    let order = client.auth(&AuthRequest::new("192.0.2.17")).await.unwrap();
    let (status, _) = control(
        &running,
        "control/autostart",
        json!({"autoStartToken": order.auto_start_token, "action": "cancel"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        client.collect(&order.order_ref).await.unwrap().hint_code,
        Some(HintCode::UserCancel)
    );
}

#[tokio::test]
async fn phone_orders_complete_for_the_called_person() {
    let running = instant();
    let client = running.client();
    let auth = client
        .phone_auth(&PhoneAuthRequest::new(ERIK, CallInitiator::Rp))
        .await
        .unwrap();
    let sign = client
        .phone_sign(&PhoneSignRequest::new(
            ANNA,
            CallInitiator::User,
            "Jag bekräftar min adressändring",
        ))
        .await
        .unwrap();
    for (order_ref, person) in [(&auth.order_ref, ERIK), (&sign.order_ref, ANNA)] {
        let (status, _) = control(
            &running,
            &format!("control/orders/{order_ref}/approve"),
            json!({}),
        )
        .await;
        assert_eq!(status, 200);
        let data = client
            .collect(order_ref)
            .await
            .unwrap()
            .completion_data
            .unwrap();
        assert_eq!(data.user.personal_number, person);
        assert_eq!(data.device.ip_address, "127.0.0.1");
    }
}

#[tokio::test]
async fn the_control_api_lists_the_test_persons_and_every_order_on_request() {
    let running = instant();
    let client = running.client();
    let order = client.auth(&AuthRequest::new("192.0.2.18")).await.unwrap();
    client.cancel(&order.order_ref).await.unwrap();
    let kept = client.auth(&AuthRequest::new("192.0.2.18")).await.unwrap();
    control(
        &running,
        &format!("control/orders/{}/fail", kept.order_ref),
        json!({"hintCode": "certificateErr"}),
    )
    .await;
    let (_, pending) = control_get(&running, "control/orders").await;
    assert_eq!(pending, json!([]));
    let (_, all) = control_get(&running, "control/orders?all=true").await;
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["status"], json!("failed"));
    assert_eq!(all[0]["hintCode"], json!("certificateErr"));

    let (status, persons) = control_get(&running, "control/persons").await;
    assert_eq!(status, 200);
    assert_eq!(persons[0]["personalNumber"], json!(ANNA));
    assert_eq!(persons[0]["givenName"], json!("Anna"));
}

#[tokio::test]
async fn the_test_app_lists_pending_orders_and_its_forms_redirect_back_to_it() {
    let running = instant();
    let client = running.client();
    let order = client
        .sign(&SignRequest::new(
            "192.0.2.19",
            "Ansökan om <bygglov> & marklov",
        ))
        .await
        .unwrap();

    let response = http().get(running.url("app")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("form-action 'self'") && !csp.contains("unsafe-inline"));
    let html = response.text().await.unwrap();
    assert!(html.contains(&order.order_ref));
    assert!(html.contains("Ansökan om &lt;bygglov&gt; &amp; marklov"));
    assert!(html.contains("href=\"/bankid-sim/app/style.css\""));

    let css = http()
        .get(running.url("app/style.css"))
        .send()
        .await
        .unwrap();
    assert!(
        css.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );

    let response = http()
        .post(running.url(&format!("app/orders/{}/approve", order.order_ref)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("personalNumber={ERIK}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        response.headers()["location"],
        "/bankid-sim/app?result=approved"
    );
    let data = client
        .collect(&order.order_ref)
        .await
        .unwrap()
        .completion_data
        .unwrap();
    assert_eq!(data.user.personal_number, ERIK);

    let other = client.auth(&AuthRequest::new("192.0.2.19")).await.unwrap();
    let response = http()
        .post(running.url(&format!("app/orders/{}/fail", other.order_ref)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("hintCode=certificateErr")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        client.collect(&other.order_ref).await.unwrap().hint_code,
        Some(HintCode::CertificateErr)
    );

    let response = http()
        .post(running.url(&format!("app/orders/{}/cancel", other.order_ref)))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["location"],
        "/bankid-sim/app?result=not-pending"
    );
    let page = http()
        .get(running.url("app?result=not-pending"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("role=\"status\""));
    assert!(page.contains("Inga väntande beställningar."));
}

#[tokio::test]
async fn the_test_app_scans_a_pasted_qr_code() {
    let running = instant();
    let client = running.client();
    let order = client.auth(&AuthRequest::new("192.0.2.20")).await.unwrap();
    let content = qr::qr_content(&order.qr_start_token, &order.qr_start_secret, 0);
    let response = http()
        .post(running.url("app/qr"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("qrContent={content}&personalNumber={ANNA}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["location"],
        "/bankid-sim/app?result=scanned"
    );
    assert_eq!(
        client.collect(&order.order_ref).await.unwrap().status,
        CollectStatus::Complete
    );
}

#[tokio::test]
async fn a_client_timeout_is_a_transport_error_that_tells_the_user_to_retry() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    // A listener that accepts connections and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let client = BankIdClient::new(
        ClientConfig::new(format!("http://{address}/rp/v6.0/"))
            .with_timeout(Duration::from_millis(300)),
    )
    .unwrap();
    let error = client.collect("x").await.unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert_eq!(error.rfa(), bankid::Rfa::Rfa5);
}
