//! What a request costs the database, counted statement by statement (the server counts every
//! one it sends): the overview, and each step of a submission, stay within a fixed number, so a
//! change that adds a query per row (N+1) or a needless write fails here.

use std::sync::atomic::Ordering;

use serde_json::json;

use crate::cases::{ANNA, complete_fault_report, new_draft, save, submit};
use crate::helpers::{TestApp, TestOptions, spawn_app_with};

async fn statements_of<T, F: std::future::Future<Output = T>>(
    app: &TestApp,
    request: F,
) -> (u64, T) {
    let before = app.state.statements.load(Ordering::SeqCst);
    let response = request.await;
    (
        app.state.statements.load(Ordering::SeqCst) - before,
        response,
    )
}

#[tokio::test]
async fn the_overview_and_a_submission_cost_a_fixed_few_statements() {
    // No delivery worker polling the outbox meanwhile.
    let app = spawn_app_with(TestOptions {
        notify: Some(server::notify::config::NotifySettings {
            worker: false,
            ..Default::default()
        }),
        ..Default::default()
    })
    .await;
    // The start-up housekeeping round is over.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (_, token) = app.login_citizen(ANNA).await;
    let mut drafts = Vec::new();
    for _ in 0..5 {
        drafts.push(new_draft(&app, &token, "felanmalan-gata-park").await);
    }

    let (create, _) = statements_of(
        &app,
        app.client
            .post(app.url("/api/v1/drafts"))
            .bearer_auth(&token)
            .json(&json!({"eservice": "felanmalan-gata-park"}))
            .send(),
    )
    .await;
    let draft = &drafts[0];
    let mut answers = complete_fault_report("x");
    answers["photos"] = json!([]);
    let (saved, response) = statements_of(&app, save(&app, &token, draft, answers)).await;
    assert_eq!(response.status(), 200);
    let id = draft["id"].as_str().unwrap();
    let (submitted, response) = statements_of(&app, submit(&app, &token, id, "k-1")).await;
    assert_eq!(response.status(), 201);
    // Six cases of one e-service: the list, not a query per case.
    let (overview, response) =
        statements_of(&app, app.get_with_token("/api/v1/cases", &token)).await;
    assert_eq!(response.status(), 200);
    eprintln!("statements: create {create}, save {saved}, submit {submitted}, overview {overview}");
    // On PostgreSQL a change also counts against its rate limit in the shared table.
    let shared = u64::from(app.state.rate_limits.store_name() == "database");
    assert!(overview <= 3, "the overview took {overview} statements");
    assert!(
        create <= 9 + shared,
        "creating a draft took {create} statements"
    );
    assert!(saved <= 9 + shared, "saving took {saved} statements");
    assert!(
        submitted <= 13 + shared,
        "submitting took {submitted} statements"
    );
}
