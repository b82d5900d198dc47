//! What every route shares: HEAD like GET, 405 with `Allow` on a known path, problem+json for
//! path, query and body errors, search across Unicode forms.

use serde_json::json;

use crate::cases::{ANNA, new_draft, send};
use crate::helpers::{problem, spawn_app};

#[tokio::test]
async fn head_answers_like_get_on_every_get_route() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/api/v1/site",
        "/api/v1/eservices",
        "/api/openapi.json",
        "/livez",
        "/api/v1/eservices/felanmalan-gata-park",
    ] {
        let get = app.get(path).await;
        assert!(get.status().is_success() || path == "/", "GET {path}");
        let head = app.client.head(app.url(path)).send().await.unwrap();
        assert_eq!(head.status(), get.status(), "HEAD {path}");
        assert_eq!(
            head.headers().get("content-type"),
            get.headers().get("content-type"),
            "HEAD {path}"
        );
        assert!(
            head.bytes().await.unwrap().is_empty(),
            "HEAD {path} has no body"
        );
    }
}

#[tokio::test]
async fn a_known_path_with_another_method_is_405_with_allow() {
    let app = spawn_app().await;
    let response = app
        .client
        .patch(app.url("/api/v1/drafts"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "POST");
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    problem(response, 405, "method_not_allowed").await;
    let id = uuid::Uuid::new_v4();
    let response = app.get(&format!("/api/v1/drafts/{id}/submit")).await;
    assert_eq!(response.headers()["allow"], "POST");
    problem(response, 405, "method_not_allowed").await;
    let response = app.get("/api/v1/drafts/x/y/z").await;
    problem(response, 404, "not_found").await;
}

#[tokio::test]
async fn malformed_ids_queries_and_bodies_are_problems_too() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let response = app
        .get_with_token("/api/v1/cases/inte-ett-id", &token)
        .await;
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    problem(response, 404, "not_found").await;

    let draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap();
    let response = app
        .client
        .post(app.url(&format!("/api/v1/drafts/{id}/attachments")))
        .bearer_auth(&token)
        .body(vec![1, 2, 3])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    problem(response, 400, "invalid_query").await;

    let huge = "x".repeat(100 * 1024);
    let response = send(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/drafts/{id}"),
        &token,
        Some(json!({"answers": {"description": huge}, "lock_version": 1})),
    )
    .await;
    problem(response, 413, "payload_too_large").await;

    // A lock_version no integer column holds is refused, never a crash.
    let response = app
        .client
        .put(app.url(&format!("/api/v1/drafts/{id}")))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(r#"{"answers": {}, "lock_version": 99999999999999999999}"#)
        .send()
        .await
        .unwrap();
    problem(response, 400, "invalid_json").await;
    let response = send(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/drafts/{id}"),
        &token,
        Some(json!({"answers": {}, "lock_version": i32::MAX})),
    )
    .await;
    problem(response, 409, "edit_conflict").await;
    let response = send(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/drafts/{id}"),
        &token,
        Some(json!({"answers": {}, "lock_version": -1})),
    )
    .await;
    problem(response, 409, "edit_conflict").await;
}

#[tokio::test]
async fn catalogue_search_matches_composed_and_decomposed_letters() {
    let app = spawn_app().await;
    for q in ["tillst\u{e5}nd", "tillsta\u{30a}nd"] {
        let url =
            reqwest::Url::parse_with_params(&app.url("/api/v1/eservices"), &[("q", q)]).unwrap();
        let found: Vec<api_types::EServiceSummary> = app
            .client
            .get(url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(found.len(), 1, "{q:?}");
        assert_eq!(found[0].slug, "parkeringstillstand");
    }
}
