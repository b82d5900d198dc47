use chrono::Duration;
use sea_orm::EntityTrait;

use crate::helpers::{problem, spawn_app};

const PNR: &str = "198112189876";

#[tokio::test]
async fn a_session_shows_the_user_with_a_masked_personnummer() {
    let app = spawn_app().await;
    let (user_id, token) = app.login_citizen(PNR).await;
    let response = app.get_with_token("/api/v1/session", &token).await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert!(
        // The last four digits after the birth date (a timestamp's nanoseconds may hold "9876").
        !body.contains("189876") && !body.contains("18-9876"),
        "the last four digits leaked: {body}"
    );
    let session: api_types::SessionResponse = serde_json::from_str(&body).unwrap();
    assert_eq!(session.user.id, api_types::UserId::from(user_id));
    assert_eq!(session.user.personnummer_masked, "19811218-****");
    assert_eq!(session.idle_timeout_seconds, 1800);
}

#[tokio::test]
async fn a_request_after_29_idle_minutes_is_served_and_after_30_minutes_and_a_second_is_not() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(PNR).await;
    app.clock.advance(Duration::minutes(29));
    assert_eq!(
        app.get_with_token("/api/v1/session", &token).await.status(),
        200
    );
    // That request slid the window: another 29 minutes are fine too.
    app.clock.advance(Duration::minutes(29));
    assert_eq!(
        app.get_with_token("/api/v1/session", &token).await.status(),
        200
    );
    app.clock
        .advance(Duration::minutes(30) + Duration::seconds(1));
    problem(
        app.get_with_token("/api/v1/session", &token).await,
        401,
        "session_idle_timeout",
    )
    .await;
    // The session stays ended even if the clock were to say otherwise.
    problem(
        app.get_with_token("/api/v1/session", &token).await,
        401,
        "session_revoked",
    )
    .await;
}

#[tokio::test]
async fn an_always_active_session_ends_at_the_absolute_lifetime() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(PNR).await;
    // Active every 20 minutes for 12 hours minus a bit.
    for _ in 0..35 {
        app.clock.advance(Duration::minutes(20));
        assert_eq!(
            app.get_with_token("/api/v1/session", &token).await.status(),
            200
        );
    }
    app.clock.advance(Duration::minutes(20));
    let status = app.get_with_token("/api/v1/session", &token).await;
    // 12 h reached: the token's exp and the row's expires_at both say no.
    let body = problem(status, 401, "invalid_token").await;
    assert!(body["detail_sv"].as_str().unwrap().contains("Logga in"));
}

#[tokio::test]
async fn after_logout_the_same_token_is_refused() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(PNR).await;
    let logout = app
        .client
        .delete(app.url("/api/v1/session"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    let cleared = logout.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cleared.starts_with("__Host-minasidor_session=;"),
        "{cleared}"
    );
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    problem(
        app.get_with_token("/api/v1/session", &token).await,
        401,
        "session_revoked",
    )
    .await;
}

#[tokio::test]
async fn each_login_gets_a_new_session() {
    // Two real BankID logins of one person through the API: each makes its own session row
    // with its own id in the token, and ending one leaves the other.
    let app = spawn_app().await;
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let (login_id, _) = app
            .start_login(serde_json::json!({"device": "this_device", "token_delivery": "bearer"}))
            .await;
        app.approve_latest_order(PNR).await;
        let token = loop {
            let done: api_types::CollectLoginResponse = app
                .client
                .post(app.url(&format!("/api/v1/auth/bankid/{login_id}/collect")))
                .header("x-code-verifier", crate::helpers::TEST_VERIFIER)
                .json(&serde_json::json!({}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if let Some(token) = done.token {
                break token;
            }
            assert_eq!(done.status, api_types::LoginStatus::Pending);
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        };
        tokens.push(token);
    }
    let now = app.clock_now();
    let sids: Vec<_> = tokens
        .iter()
        .map(|token| app.state.token_keys.verify(token, now).unwrap().sid)
        .collect();
    assert_ne!(sids[0], sids[1]);
    let rows = server::entities::sessions::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    let ended = app
        .client
        .delete(app.url("/api/v1/session"))
        .bearer_auth(&tokens[0])
        .send()
        .await
        .unwrap();
    assert!(ended.status().is_success());
    problem(
        app.get_with_token("/api/v1/session", &tokens[0]).await,
        401,
        "session_revoked",
    )
    .await;
    assert_eq!(
        app.get_with_token("/api/v1/session", &tokens[1])
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn missing_and_tampered_tokens_get_401() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(PNR).await;
    let missing = app.get("/api/v1/session").await;
    assert!(missing.headers().contains_key("www-authenticate"));
    problem(missing, 401, "unauthenticated").await;
    let mut tampered = token.clone().into_bytes();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'x' { b'y' } else { b'x' };
    let tampered = String::from_utf8(tampered).unwrap();
    problem(
        app.get_with_token("/api/v1/session", &tampered).await,
        401,
        "invalid_token",
    )
    .await;
    problem(
        app.get_with_token("/api/v1/session", "not-a-jwt").await,
        401,
        "invalid_token",
    )
    .await;
}

#[tokio::test]
async fn cookie_sessions_need_the_csrf_header_for_state_changes() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(PNR).await;
    let cookie = format!("__Host-minasidor_session={token}");
    let read = app
        .client
        .get(app.url("/api/v1/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let without_header = app
        .client
        .post(app.url("/api/v1/session/refresh"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    problem(without_header, 403, "csrf_check_failed").await;
    let cross_site = app
        .client
        .post(app.url("/api/v1/session/refresh"))
        .header("cookie", &cookie)
        .header("x-requested-with", "mina-sidor")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    problem(cross_site, 403, "csrf_check_failed").await;
    let same_origin = app
        .client
        .post(app.url("/api/v1/session/refresh"))
        .header("cookie", &cookie)
        .header("x-requested-with", "mina-sidor")
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(same_origin.status(), 200);
}

/// The session's stored last activity.
async fn last_seen(app: &crate::helpers::TestApp) -> chrono::DateTime<chrono::Utc> {
    server::entities::sessions::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .last_seen_at
}

#[tokio::test]
async fn the_idle_window_is_written_at_most_once_a_minute_and_stays_exact_within_it() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(PNR).await;
    let login = last_seen(&app).await;
    // Requests within a minute of the last write read only: nothing is written.
    app.clock.advance(Duration::seconds(59));
    assert_eq!(
        app.get_with_token("/api/v1/session", &token).await.status(),
        200
    );
    assert_eq!(last_seen(&app).await, login);
    // A minute after it, the request slides the window.
    app.clock.advance(Duration::seconds(1));
    assert_eq!(
        app.get_with_token("/api/v1/session", &token).await.status(),
        200
    );
    let slid = last_seen(&app).await;
    assert_eq!(slid, login + Duration::seconds(60));
    // The idle timeout counts from the last write: a request 50 s after it was not written, so
    // the session ends 30 minutes after the write, at most a minute before 30 minutes of
    // actual idleness.
    app.clock.advance(Duration::seconds(50));
    assert_eq!(
        app.get_with_token("/api/v1/session", &token).await.status(),
        200
    );
    app.clock
        .advance(Duration::minutes(30) - Duration::seconds(50) + Duration::seconds(1));
    problem(
        app.get_with_token("/api/v1/session", &token).await,
        401,
        "session_idle_timeout",
    )
    .await;
}
