use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::{TestApp, problem, set_cookie, spawn_app};

const ANNA: &str = "198112189876";
const BERTIL: &str = "196408233234";

/// Collects a login with the browser's `cookies` and the tests' bearer verifier (which a cookie
/// login ignores).
async fn collect(app: &TestApp, login_id: &str, cookies: &[String]) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(&format!("/api/v1/auth/bankid/{login_id}/collect")))
        .header("x-code-verifier", crate::helpers::TEST_VERIFIER)
        .json(&json!({}));
    if !cookies.is_empty() {
        request = request.header("cookie", cookies.join("; "));
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_citizen_logs_in_with_the_qr_code_and_gets_an_httponly_session_cookie() {
    let app = spawn_app().await;
    let (login_id, cookies) = app.start_login(json!({"device": "other_device"})).await;
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("__Host-minasidor_login="))
    );

    let qr: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/auth/bankid/{login_id}/qr")))
        .header("cookie", cookies.join("; "))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let content = qr["qr_content"].as_str().unwrap();
    let parts: Vec<&str> = content.split('.').collect();
    assert_eq!(parts.len(), 4, "{content}");
    assert_eq!(parts[0], "bankid");
    assert_eq!(parts[3].len(), 64, "an HMAC-SHA256 in hex");
    let svg = app
        .client
        .get(app.url(&format!("/api/v1/auth/bankid/{login_id}/qr.svg")))
        .header("cookie", cookies.join("; "))
        .send()
        .await
        .unwrap();
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.text().await.unwrap().contains("<svg"));

    let pending: serde_json::Value = collect(&app, &login_id, &cookies)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(pending["status"], "pending");
    assert_eq!(pending["hint_code"], "outstandingTransaction");
    assert_eq!(pending["message"]["code"], "RFA1");

    app.approve_latest_order(ANNA).await;
    let done = collect(&app, &login_id, &cookies).await;
    assert_eq!(done.status(), 200);
    let session_cookie = set_cookie(&done, "__Host-minasidor_session").expect("session cookie");
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(
            session_cookie.contains(attribute),
            "{attribute} missing: {session_cookie}"
        );
    }
    assert!(!session_cookie.contains("Domain="));
    let body = done.text().await.unwrap();
    assert!(
        // The last four digits after the birth date (a timestamp's nanoseconds may hold "9876").
        !body.contains("189876") && !body.contains("18-9876"),
        "the full personnummer leaked: {body}"
    );
    let done: api_types::CollectLoginResponse = serde_json::from_str(&body).unwrap();
    assert_eq!(done.status, api_types::LoginStatus::Complete);
    assert!(
        done.token.is_none(),
        "cookie logins never show the token to scripts"
    );
    let session = done.session.unwrap();
    assert_eq!(session.user.personnummer_masked, "19811218-****");

    let pair = session_cookie.split(';').next().unwrap().to_owned();
    let me = app
        .client
        .get(app.url("/api/v1/session"))
        .header("cookie", &pair)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);

    // A finished login cannot be collected again (no second session from one order).
    problem(
        collect(&app, &login_id, &cookies).await,
        409,
        "login_finished",
    )
    .await;
}

#[tokio::test]
async fn a_relayed_bearer_login_id_alone_cannot_collect_the_token() {
    let app = spawn_app().await;
    // Without a code challenge a bearer login does not start.
    let refused = app
        .post_json(
            "/api/v1/auth/bankid",
            &json!({"device": "other_device", "token_delivery": "bearer"}),
            &[],
        )
        .await;
    let body = problem(refused, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["code"], "code_challenge_required");
    let (login_id, _) = app
        .start_login(json!({"device": "other_device", "token_delivery": "bearer"}))
        .await;
    app.approve_latest_order(BERTIL).await;
    let path = format!("/api/v1/auth/bankid/{login_id}/collect");
    // Someone who learnt the id (from a relayed QR code or a log) gets nothing.
    for verifier in [
        None,
        Some("another-verifier-0123456789-abcdefghijklmnopqrstuvwxyz"),
    ] {
        let mut request = app.client.post(app.url(&path)).json(&json!({}));
        if let Some(verifier) = verifier {
            request = request.header("x-code-verifier", verifier);
        }
        problem(request.send().await.unwrap(), 404, "not_found").await;
    }
    // The app that started it, with its verifier, gets the token.
    let done: api_types::CollectLoginResponse =
        collect(&app, &login_id, &[]).await.json().await.unwrap();
    assert!(done.token.is_some());
}

#[tokio::test]
async fn a_mobile_app_gets_a_bearer_token_and_no_cookie() {
    let app = spawn_app().await;
    let (login_id, cookies) = app
        .start_login(json!({"device": "this_device", "token_delivery": "bearer"}))
        .await;
    assert!(cookies.is_empty(), "{cookies:?}");
    app.approve_latest_order(BERTIL).await;
    let done = collect(&app, &login_id, &[]).await;
    assert!(set_cookie(&done, "__Host-minasidor_session").is_none());
    let done: api_types::CollectLoginResponse = done.json().await.unwrap();
    let token = done.token.expect("bearer token");
    assert_eq!(
        app.get_with_token("/api/v1/session", &token).await.status(),
        200
    );
}

/// Waits until the simulated phone has finished every order it was given.
async fn until_no_order_is_pending(app: &TestApp) {
    for _ in 0..100 {
        if app.pending_orders().await.is_empty() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("orders still pending");
}

#[tokio::test]
async fn the_same_device_flow_gives_an_autostart_link_and_the_binding_cookie_guards_it() {
    let app = spawn_app().await;
    for _ in 0..2 {
        let response = app
            .post_json(
                "/api/v1/auth/bankid",
                &json!({"device": "this_device"}),
                &[],
            )
            .await;
        assert_eq!(response.status(), 201);
        let cookies = crate::helpers::cookie_pairs(&response);
        let started: serde_json::Value = response.json().await.unwrap();
        let login_id = started["login_id"].as_str().unwrap().to_owned();
        let link = started["autostart_url"].as_str().unwrap();
        assert!(link.starts_with("bankid:///?autostarttoken="), "{link}");
        let orders = app.pending_orders().await;
        assert!(link.contains(orders.last().unwrap()["autoStartToken"].as_str().unwrap()));
        // Without the binding cookie of the browser that started it, the login is not found
        // (the return address `/logga-in?login=<id>` carries no secret: the cookie is the
        // proof); with it, it is pending.
        problem(collect(&app, &login_id, &[]).await, 404, "not_found").await;
        let pending: serde_json::Value = collect(&app, &login_id, &cookies)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(pending["status"], "pending");
    }
}

#[tokio::test]
async fn two_first_logins_of_one_person_at_once_both_get_sessions_of_one_account() {
    let app = spawn_app().await;
    let mut logins = Vec::new();
    for _ in 0..2 {
        let (login_id, _) = app
            .start_login(json!({"device": "this_device", "token_delivery": "bearer"}))
            .await;
        // One order at a time at the phone: a newer order of the same person would cancel a
        // pending older one.
        app.approve_latest_order(ANNA).await;
        until_no_order_is_pending(&app).await;
        logins.push(login_id);
    }
    let (first, second) = tokio::join!(
        collect(&app, &logins[0], &[]),
        collect(&app, &logins[1], &[])
    );
    let mut tokens = Vec::new();
    for answer in [first, second] {
        assert_eq!(answer.status(), 200);
        let done: api_types::CollectLoginResponse = answer.json().await.unwrap();
        assert_eq!(done.status, api_types::LoginStatus::Complete);
        tokens.push(done.token.expect("bearer token"));
    }
    assert_ne!(tokens[0], tokens[1]);
    let mut users = Vec::new();
    for token in &tokens {
        let session: api_types::SessionResponse = app
            .get_with_token("/api/v1/session", token)
            .await
            .json()
            .await
            .unwrap();
        users.push(session.user.id);
    }
    assert_eq!(users[0], users[1], "one person, one account");
    let accounts = server::entities::users::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(accounts.len(), 1);
}

#[tokio::test]
async fn a_login_cannot_be_collected_from_another_browser() {
    let app = spawn_app().await;
    let (login_id, _cookies) = app.start_login(json!({"device": "other_device"})).await;
    app.approve_latest_order(ANNA).await;
    problem(collect(&app, &login_id, &[]).await, 404, "not_found").await;
    let forged = vec!["__Host-minasidor_login=00ff".to_owned()];
    problem(collect(&app, &login_id, &forged).await, 404, "not_found").await;
}

async fn failed_login_says(hint_code: &str, device: &str, rfa: &str) {
    let app = spawn_app().await;
    let (login_id, cookies) = app.start_login(json!({"device": device})).await;
    app.fail_latest_order(hint_code).await;
    let failed: serde_json::Value = collect(&app, &login_id, &cookies)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["hint_code"], hint_code);
    assert_eq!(failed["message"]["code"], rfa, "{failed}");
    assert!(!failed["message"]["sv"].as_str().unwrap().is_empty());
    assert!(!failed["message"]["en"].as_str().unwrap().is_empty());
    problem(
        collect(&app, &login_id, &cookies).await,
        409,
        "login_finished",
    )
    .await;
}

#[tokio::test]
async fn a_user_cancel_ends_the_login_with_rfa6() {
    failed_login_says("userCancel", "other_device", "RFA6").await;
}

#[tokio::test]
async fn a_start_failure_with_the_qr_code_ends_the_login_with_rfa17b() {
    failed_login_says("startFailed", "other_device", "RFA17B").await;
}

#[tokio::test]
async fn a_start_failure_on_the_same_device_ends_the_login_with_rfa17a() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/v1/auth/bankid",
            &json!({"device": "this_device", "token_delivery": "bearer",
                    "code_challenge": crate::helpers::test_challenge()}),
            &[],
        )
        .await;
    let login_id = response.json::<serde_json::Value>().await.unwrap()["login_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.fail_latest_order("startFailed").await;
    let failed: serde_json::Value = collect(&app, &login_id, &[]).await.json().await.unwrap();
    assert_eq!(failed["message"]["code"], "RFA17A");
}

#[tokio::test]
async fn an_expired_order_ends_the_login_with_rfa8() {
    failed_login_says("expiredTransaction", "other_device", "RFA8").await;
}

#[tokio::test]
async fn an_order_cancelled_by_a_newer_one_ends_the_login_with_rfa3() {
    failed_login_says("cancelled", "other_device", "RFA3").await;
}

#[tokio::test]
async fn a_blocked_bankid_ends_the_login_with_rfa16() {
    failed_login_says("certificateErr", "other_device", "RFA16").await;
}

#[tokio::test]
async fn cancelling_a_login_ends_it_here_and_at_bankid() {
    let app = spawn_app().await;
    let (login_id, cookies) = app.start_login(json!({"device": "other_device"})).await;
    assert_eq!(app.pending_orders().await.len(), 1);
    let cancelled = app
        .post_json(
            &format!("/api/v1/auth/bankid/{login_id}/cancel"),
            &json!({}),
            &cookies,
        )
        .await;
    assert_eq!(cancelled.status(), 204);
    assert!(app.pending_orders().await.is_empty());
    problem(
        collect(&app, &login_id, &cookies).await,
        409,
        "login_finished",
    )
    .await;
}

#[tokio::test]
async fn unknown_fields_in_the_start_request_are_refused() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/v1/auth/bankid",
            &json!({"device": "other_device", "personal_number": ANNA}),
            &[],
        )
        .await;
    problem(response, 400, "invalid_json").await;
}

#[tokio::test]
async fn starting_logins_is_rate_limited_per_address_and_a_forged_forwarded_header_does_not_help() {
    // The built-in budget: ten starts a minute from one address.
    let app = crate::helpers::spawn_app_with(crate::helpers::TestOptions {
        rate_limit: Some(server::rate_limit::RateLimitSettings::default()),
        ..Default::default()
    })
    .await;
    for _ in 0..10 {
        app.start_login(json!({"device": "other_device"})).await;
    }
    let limited = app
        .client
        .post(app.url("/api/v1/auth/bankid"))
        .header("x-forwarded-for", "203.0.113.77")
        .json(&json!({"device": "other_device"}))
        .send()
        .await
        .unwrap();
    assert!(limited.headers().contains_key("retry-after"));
    problem(limited, 429, "rate_limited").await;
}

#[tokio::test]
async fn without_the_simulator_its_routes_do_not_exist() {
    let app = crate::helpers::spawn_app_with(crate::helpers::TestOptions {
        simulator: Some(false),
        ..Default::default()
    })
    .await;
    problem(
        app.get("/bankid-sim/control/orders").await,
        404,
        "not_found",
    )
    .await;
    problem(app.get("/bankid-sim/app").await, 404, "not_found").await;
    let wire = app
        .post_json(
            "/bankid-sim/rp/v6.0/auth",
            &json!({"endUserIp": "127.0.0.1"}),
            &[],
        )
        .await;
    problem(wire, 404, "not_found").await;
}

/// Logs in through the simulator with the browser's `cookies`; returns the session cookie pair.
async fn cookie_login(app: &TestApp, person: &str, cookies: &[String]) -> String {
    let response = app
        .post_json(
            "/api/v1/auth/bankid",
            &json!({"device": "other_device"}),
            cookies,
        )
        .await;
    assert_eq!(response.status(), 201);
    let mut jar = cookies.to_vec();
    jar.extend(crate::helpers::cookie_pairs(&response));
    let login_id = response.json::<serde_json::Value>().await.unwrap()["login_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.approve_latest_order(person).await;
    let done = collect(app, &login_id, &jar).await;
    assert_eq!(done.status(), 200);
    set_cookie(&done, "__Host-minasidor_session")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn logging_in_again_in_a_browser_ends_the_session_it_held() {
    let app = spawn_app().await;
    let first = cookie_login(&app, ANNA, &[]).await;
    let session = |cookie: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url("/api/v1/session"))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(session(first.clone()).await, 200);
    // The same browser (it sends its session cookie) logs in as someone else.
    let second = cookie_login(&app, BERTIL, std::slice::from_ref(&first)).await;
    assert_eq!(session(second).await, 200);
    assert_eq!(session(first).await, 401, "the old session was revoked");
    // Another browser's login leaves other sessions alone.
    let third = cookie_login(&app, ANNA, &[]).await;
    let fourth = cookie_login(&app, ANNA, &[]).await;
    assert_eq!(session(third).await, 200);
    assert_eq!(session(fourth).await, 200);
}
