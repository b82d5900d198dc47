use crate::helpers::spawn_app;

fn committed_spec() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../api-spec/openapi.json");
    std::fs::read_to_string(path).expect("api-spec/openapi.json exists")
}

#[test]
fn the_committed_spec_matches_the_code() {
    let generated = server::openapi::document_json().unwrap();
    assert!(
        generated == committed_spec(),
        "api-spec/openapi.json is out of date: run `just openapi` and commit the result"
    );
}

#[tokio::test]
async fn the_served_spec_equals_the_committed_one() {
    let app = spawn_app().await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let served: serde_json::Value = response.json().await.unwrap();
    let committed: serde_json::Value = serde_json::from_str(&committed_spec()).unwrap();
    assert!(
        served == committed,
        "the served /api/openapi.json differs from api-spec/openapi.json"
    );
}

#[test]
fn every_operation_documents_its_error_responses_as_problems() {
    let spec: serde_json::Value = serde_json::from_str(&committed_spec()).unwrap();
    let paths = spec["paths"].as_object().unwrap();
    assert!(!paths.is_empty());
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    let schema = &response["content"]["application/problem+json"]["schema"];
                    assert_eq!(
                        schema["$ref"], "#/components/schemas/Problem",
                        "{method} {path} {status} is not documented as a Problem"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn the_api_reference_is_served_from_this_server() {
    let app = spawn_app().await;
    let redirect = app.get("/api/docs").await;
    assert_eq!(redirect.status(), 308);
    let page = app.get("/api/docs/").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger"), "{html}");
    assert!(
        !html.contains("https://"),
        "the reference must not load assets from elsewhere"
    );
}
