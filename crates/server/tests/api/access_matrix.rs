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
/// `notification_id` names the SMS gateway's delivery-report callback, which no session opens:
/// it is guarded by a per-notice signature (`notify::the_officers_message_reaches…`).
const PUBLIC_PARAMETERS: [&str; 3] = ["slug", "version", "notification_id"];

/// Routes of the officer side and administration (their own matrix below).
fn is_staff_route(path: &str) -> bool {
    path.starts_with("/api/v1/officer/") || path.starts_with("/api/v1/admin/")
}

/// A body that passes extraction, so the ownership check is what answers.
fn body_for(method: &str, path: &str) -> Option<Value> {
    match (method, path) {
        ("put", "/api/v1/drafts/{case_id}") => Some(json!({"answers": {}, "lock_version": 1})),
        ("post", "/api/v1/drafts/{case_id}/sign") => Some(json!({"device": "other_device"})),
        ("post", "/api/v1/officer/cases/{case_id}/assign") => {
            Some(json!({"officer_id": uuid::Uuid::nil()}))
        }
        ("post", "/api/v1/officer/cases/{case_id}/status-notes") => Some(json!({"text": "Klart"})),
        ("post", "/api/v1/officer/cases/{case_id}/close") => Some(json!({"outcome": "decided"})),
        ("post", "/api/v1/officer/cases/{case_id}/reopen") => Some(json!({"reason": "Nytt"})),
        (
            "post",
            "/api/v1/officer/cases/{case_id}/messages" | "/api/v1/cases/{case_id}/messages",
        ) => Some(json!({"body": "Hej"})),
        ("post", "/api/v1/officer/cases/{case_id}/notes") => Some(json!({"body": "Notering"})),
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
    if path.ends_with("/message-attachments") {
        url.query_pairs_mut().append_pair("name", "b.jpg");
        request = app
            .client
            .post(url)
            .header("content-type", "application/octet-stream")
            .body(JPEG.to_vec());
    } else if path == "/api/v1/drafts/{case_id}/attachments" {
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
    let officer = app.login_staff("handlaggare").await;

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
        if parameters.is_empty()
            || parameters.iter().all(|p| PUBLIC_PARAMETERS.contains(p))
            || is_staff_route(path)
        {
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
            // A staff token is no citizen's session.
            let secured = item[method]["security"]
                .as_array()
                .is_some_and(|schemes| !schemes.is_empty());
            if secured {
                let answer = try_as(&app, &officer, method, path, &filled).await;
                assert_eq!(answer.status(), 401, "{method} {path} as an officer");
            }
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

/// The officer side: for every route with an id, anonymous and citizens get 401 (no staff
/// session), an administrator 403 (wrong role), an officer of another group 404 (not theirs,
/// like a case that does not exist), and an officer of the case's group is let through.
#[tokio::test]
async fn the_officer_routes_answer_each_role_exactly() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let case = crate::officer::submitted_fault_report(&app, &anna).await;
    let case_id = case["id"].as_str().unwrap().to_owned();
    let photo = case["attachments"][0]["id"].as_str().unwrap().to_owned();
    server::staff::create(
        &app.state.db,
        server::staff::NewStaff {
            username: "skola",
            display_name: "Sara Skola",
            role: api_types::StaffRole::Officer,
            groups: &["grundskola-antagning".to_owned()],
            password: Some(server::staff::demo::DEMO_PASSWORD),
        },
        app.clock_now(),
    )
    .await
    .unwrap();
    let hanna = app.login_staff("handlaggare").await;
    let skola = app.login_staff("skola").await;
    let admin = app.login_staff("admin").await;
    let url = reqwest::Url::parse_with_params(
        &app.url(&format!("/api/v1/cases/{case_id}/message-attachments")),
        &[("name", "kvitto.jpg")],
    )
    .unwrap();
    let file: Value = app
        .client
        .post(url)
        .bearer_auth(&anna)
        .header("content-type", "application/octet-stream")
        .body(JPEG.to_vec())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sent = app
        .client
        .post(app.url(&format!("/api/v1/cases/{case_id}/messages")))
        .bearer_auth(&anna)
        .json(&json!({"body": "Bild", "attachment_ids": [file["id"]]}))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 201);
    let message_file = file["id"].as_str().unwrap().to_owned();

    let spec: Value =
        serde_json::from_str(include_str!("../../../../api-spec/openapi.json")).unwrap();
    let mut tried = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v1/officer/cases/{case_id}") {
            continue;
        }
        let file = if path.contains("/message-attachments/") {
            &message_file
        } else {
            &photo
        };
        let filled = path
            .replace("{case_id}", &case_id)
            .replace("{attachment_id}", file);
        assert!(
            !filled.contains('{'),
            "{path}: add its id kind to the officer matrix"
        );
        for method in item.as_object().unwrap().keys() {
            let anonymous = {
                let url = app.url(&filled);
                match method.as_str() {
                    "get" => app.client.get(url),
                    _ => app.client.post(url).json(&json!({})),
                }
                .send()
                .await
                .unwrap()
            };
            assert_eq!(anonymous.status(), 401, "{method} {path} anonymously");
            for (who, token, status) in [
                ("citizen", &anna, 401),
                ("administrator", &admin, 403),
                ("officer of another group", &skola, 404),
            ] {
                let answer = try_as(&app, token, method, path, &filled).await;
                assert_eq!(answer.status(), status, "{method} {path} as {who}");
            }
            let answer = try_as(&app, &hanna, method, path, &filled).await;
            assert!(
                ![401, 403, 404].contains(&answer.status().as_u16()),
                "{method} {path} as the case's officer: {}",
                answer.status()
            );
            tried += 1;
        }
    }
    assert!(tried >= 12, "only {tried} officer operations tried");
}

/// The administrators' routes (audit log, outbox, notice templates): anonymous and citizens get
/// 401, an officer 403, an administrator is let through. `POST /api/v1/admin/eservices` still
/// takes the citizen-side administrator role and is tested in `cases.rs`.
#[tokio::test]
async fn the_admin_routes_answer_each_role_exactly() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let officer = app.login_staff("handlaggare").await;
    let admin = app.login_staff("admin").await;
    let spec: Value =
        serde_json::from_str(include_str!("../../../../api-spec/openapi.json")).unwrap();
    let mut tried = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v1/admin/") || path == "/api/v1/admin/eservices" {
            continue;
        }
        let filled = path
            .replace("{kind}", "test_notice")
            .replace("{language}", "sv");
        for method in item.as_object().unwrap().keys() {
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let body = json!({"subject": "Prov", "body": "{link}", "sms": "{link}"});
            for (who, token, expected) in [
                ("anonymous", None, Some(401)),
                ("a citizen", Some(&anna), Some(401)),
                ("an officer", Some(&officer), Some(403)),
                ("an administrator", Some(&admin), None),
            ] {
                let mut request = app.client.request(method.clone(), app.url(&filled));
                if method != reqwest::Method::GET {
                    request = request.json(&body);
                }
                if let Some(token) = token {
                    request = request.bearer_auth(token);
                }
                let status = request.send().await.unwrap().status().as_u16();
                match expected {
                    Some(expected) => assert_eq!(status, expected, "{method} {path} as {who}"),
                    None => assert!(
                        status != 401 && status != 403 && status < 500,
                        "{method} {path} as {who}: {status}"
                    ),
                }
            }
            tried += 1;
        }
    }
    assert!(tried >= 6, "only {tried} admin operations");
}
