//! BankID's same-device `returnUrl` is made from the server's own address, never from the
//! request's `Host` or `X-Forwarded-Host` header (which anyone can send).

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpResponse, HttpServer, web};
use serde_json::{Value, json};

use crate::helpers::{TestOptions, spawn_app_with};

#[tokio::test]
async fn the_return_url_never_comes_from_the_host_header() {
    let seen = Arc::new(Mutex::new(Vec::<Value>::new()));
    let data = web::Data::new(seen.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let bankid = HttpServer::new(move || {
        App::new().app_data(data.clone()).route(
            "/rp/v6.0/auth",
            web::post().to(
                |body: web::Json<Value>, seen: web::Data<Arc<Mutex<Vec<Value>>>>| async move {
                    seen.lock().unwrap().push(body.into_inner());
                    HttpResponse::Ok().json(json!({
                        "orderRef": "131daac9-16c6-4618-beb0-365768f37288",
                        "autoStartToken": "7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6",
                        "qrStartToken": "67df3917-fa0d-44e5-b327-edcc928297f8",
                        "qrStartSecret": "d28db9a7-4cde-429e-a983-359be676944c"
                    }))
                },
            ),
        )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    let handle = bankid.handle();
    tokio::spawn(bankid);
    let app = spawn_app_with(TestOptions {
        bankid_base_url: Some(format!("http://127.0.0.1:{port}/rp/v6.0/")),
        ..TestOptions::default()
    })
    .await;
    let started = app
        .client
        .post(app.url("/api/v1/auth/bankid"))
        .header("host", "evil.example")
        .header("x-forwarded-host", "evil.example")
        .json(&json!({"device": "this_device"}))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 201, "{}", started.text().await.unwrap());
    let orders = seen.lock().unwrap().clone();
    let url = orders[0]["returnUrl"].as_str().unwrap();
    // Without APP__SERVER__PUBLIC_URL (development) it is the address the server listens on.
    assert!(
        url.starts_with(&format!("{}/logga-in?login=", app.address)),
        "{url}"
    );
    assert!(!url.contains("evil"), "{url}");
    handle.stop(false).await;
}
