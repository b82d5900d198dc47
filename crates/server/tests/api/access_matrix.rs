//! Object-level access (ASVS 8.2.2), generated from the committed OpenAPI document: every
//! operation on a path with an id is tried by citizen B with citizen A's ids, and must answer
//! 404 exactly like an id that does not exist. A new route with an id is in the matrix the
//! moment it is documented; an id of a kind this file does not know fails the test until it
//! is added here.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::cases::{ANNA, BERTIL, JPEG, attach, new_draft};
use crate::helpers::{TestApp, spawn_app};
use crate::signing::start_signing;

/// Parameters that name public things, not anybody's own.
const PUBLIC_PARAMETERS: [&str; 2] = ["slug", "version"];

/// A body that passes extraction, so the ownership check is what answers.
fn body_for(method: &str, path: &str) -> Option<Value> {
    match (method, path) {
        ("put", "/api/v1/drafts/{case_id}") => Some(json!({"answers": {}, "lock_version": 1})),
        ("post", "/api/v1/drafts/{case_id}/sign") => Some(json!({"device": "other_device"})),
        ("post", _) | ("put", _) => Some(json!({})),
        _ => None,
    }
}

async fn try_as(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    filled: &str,
) -> reqwest::Response {
    let mut url = reqwest::Url::parse(&app.url(filled)).unwrap();
    let mut request = match method {
        "get" => app.client.get(url.clone()),
        "put" => app.client.put(url.clone()),
        "post" => app.client.post(url.clone()),
        "delete" => app.client.delete(url.clone()),
        "patch" => app.client.patch(url.clone()),
        other => panic!("method {other} of {path} is not in the matrix"),
    };
    if path == "/api/v1/drafts/{case_id}/attachments" {
        url.query_pairs_mut()
            .append_pair("field", "photos")
            .append_pair("name", "b.jpg");
        request = app
            .client
            .post(url)
            .header("content-type", "application/octet-stream")
            .body(JPEG.to_vec());
    } else if let Some(body) = body_for(method, path) {
        request = request.json(&body);
    }
    request.bearer_auth(token).send().await.unwrap()
}

#[tokio::test]
async fn citizen_b_gets_404_for_every_route_with_citizen_as_ids() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let (_, bertil) = app.login_citizen(BERTIL).await;

    // One of each of Anna's things.
    let mut draft = new_draft(&app, &anna, "felanmalan-gata-park").await;
    let photo = attach(&app, &anna, &mut draft, "photos", "a.jpg", JPEG.to_vec()).await;
    let permit = crate::signing::complete_parking_permit(&app, &anna).await;
    let signing = start_signing(&app, &anna, permit["id"].as_str().unwrap()).await;
    let (login_id, _) = app.start_login(json!({"device": "other_device"})).await;
    let ids = BTreeMap::from([
        ("case_id", draft["id"].as_str().unwrap().to_owned()),
        ("attachment_id", photo.id.to_string()),
        (
            "signing_id",
            signing["signing_id"].as_str().unwrap().to_owned(),
        ),
        ("login_id", login_id),
    ]);

    let spec: Value =
        serde_json::from_str(include_str!("../../../../api-spec/openapi.json")).unwrap();
    let mut tried = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        let parameters: Vec<&str> = path
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        if parameters.is_empty() || parameters.iter().all(|p| PUBLIC_PARAMETERS.contains(p)) {
            continue;
        }
        let mut filled = path.clone();
        for parameter in &parameters {
            let id = ids.get(parameter).unwrap_or_else(|| {
                panic!("{path}: add an id of kind `{parameter}` to the access matrix")
            });
            filled = filled.replace(&format!("{{{parameter}}}"), id);
        }
        for method in item.as_object().unwrap().keys() {
            let answer = try_as(&app, &bertil, method, path, &filled).await;
            let status = answer.status().as_u16();
            let body: Value = answer.json().await.unwrap_or_default();
            assert_eq!(status, 404, "{method} {path} as citizen B: {body}");
            assert_eq!(body["code"], "not_found", "{method} {path}");
            tried += 1;
        }
    }
    assert!(tried >= 16, "only {tried} operations tried");

    // Nothing of Anna's changed.
    let case: Value = app
        .get_with_token(&format!("/api/v1/cases/{}", ids["case_id"]), &anna)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(case["lock_version"], draft["lock_version"]);
    assert_eq!(case["attachments"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get_with_token(&format!("/api/v1/attachments/{}", photo.id), &anna)
            .await
            .status(),
        200
    );
}
