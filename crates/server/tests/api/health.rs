use std::time::Duration;

use crate::helpers::{TestOptions, problem, spawn_app, spawn_app_with};

#[tokio::test]
async fn livez_answers_ok_without_asking_anything_else() {
    let app = spawn_app().await;
    let response = app.get("/livez").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn readyz_is_ready_when_the_database_answers_and_is_migrated() {
    let app = spawn_app().await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ready");
}

#[tokio::test]
async fn readyz_is_not_ready_while_migrations_are_pending() {
    let app = spawn_app_with(TestOptions {
        auto_migrate: Some(false),
        ..TestOptions::default()
    })
    .await;
    let body = problem(app.get("/readyz").await, 503, "not_ready").await;
    assert!(body["detail"].as_str().unwrap().contains("migrations"));
    // Liveness does not depend on the database.
    assert_eq!(app.get("/livez").await.status(), 200);
}

#[tokio::test]
async fn on_shutdown_readiness_turns_false_before_connections_are_refused() {
    let mut app = spawn_app_with(TestOptions {
        shutdown_drain_seconds: Some(2),
        ..TestOptions::default()
    })
    .await;
    assert_eq!(app.get("/readyz").await.status(), 200);
    app.begin_shutdown();
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Draining: still serving, but no longer ready.
    problem(app.get("/readyz").await, 503, "not_ready").await;
    assert_eq!(app.get("/livez").await.status(), 200);
    tokio::time::timeout(Duration::from_secs(15), app.stopped())
        .await
        .expect("server stops after the drain");
    assert!(app.client.get(app.url("/livez")).send().await.is_err());
}

#[tokio::test]
async fn an_in_flight_request_finishes_during_shutdown() {
    let mut app = spawn_app_with(TestOptions {
        shutdown_drain_seconds: Some(1),
        ..TestOptions::default()
    })
    .await;
    let client = app.client.clone();
    let url = app.url("/readyz");
    // Start requests just before and during the drain; every one must get an answer.
    let requests: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            let url = url.clone();
            tokio::spawn(async move { client.get(url).send().await.map(|r| r.status().as_u16()) })
        })
        .collect();
    app.begin_shutdown();
    for request in requests {
        let status = request
            .await
            .unwrap()
            .expect("no request fails during shutdown");
        assert!(status == 200 || status == 503, "status {status}");
    }
    app.stopped().await;
}
