use base64::Engine;
use sha2::Digest;

use crate::helpers::{INLINE_LOADER, problem, spawn_app};

#[tokio::test]
async fn the_spa_csp_allows_the_loader_by_hash_and_nothing_inline() {
    let app = spawn_app().await;
    for path in ["/", "/index.html", "/mina-arenden/nagot", "/tillganglighet"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let hash = base64::engine::general_purpose::STANDARD
            .encode(sha2::Sha256::digest(INLINE_LOADER.as_bytes()));
        assert!(csp.contains(&format!("'sha256-{hash}'")), "{path}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"));
        assert!(csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"));
        let html = response.text().await.unwrap();
        assert!(html.contains(INLINE_LOADER), "{path} serves the SPA");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/app.css", "/api/v1/site", "/livez", "/api/v1/missing"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert!(headers.contains_key("content-security-policy"), "{path}");
        assert!(headers.contains_key("x-request-id"), "{path}");
        // HSTS is for production only.
        assert!(!headers.contains_key("strict-transport-security"), "{path}");
    }
}

#[tokio::test]
async fn api_responses_are_never_cached() {
    let app = spawn_app().await;
    for path in ["/api/v1/site", "/api/v1/missing", "/api/nothing-here"] {
        let response = app.get(path).await;
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
}

#[tokio::test]
async fn unknown_api_paths_get_a_not_found_problem_not_the_spa() {
    let app = spawn_app().await;
    problem(app.get("/api/v1/missing").await, 404, "not_found").await;
    problem(app.get("/api/whatever").await, 404, "not_found").await;
}

#[tokio::test]
async fn each_request_gets_its_own_request_id() {
    let app = spawn_app().await;
    let first = app.get("/livez").await.headers()["x-request-id"].clone();
    let second = app.get("/livez").await.headers()["x-request-id"].clone();
    assert_ne!(first, second);
    // A client cannot choose the id (it would write into our logs).
    let forged = app
        .client
        .get(app.url("/livez"))
        .header("x-request-id", "forged")
        .send()
        .await
        .unwrap();
    assert_ne!(forged.headers()["x-request-id"], "forged");
}

#[tokio::test]
async fn a_foreign_origin_gets_no_cors_permission() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/v1/site"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(
        !response
            .headers()
            .contains_key("access-control-allow-origin")
    );
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/site"))
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(
        !preflight
            .headers()
            .contains_key("access-control-allow-origin")
    );
}
