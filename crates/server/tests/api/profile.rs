use serde_json::json;

use crate::helpers::{TestApp, problem, spawn_app};

async fn put_profile(app: &TestApp, token: &str, body: serde_json::Value) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/profile"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_citizen_has_an_empty_profile_with_the_name_from_bankid() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen("198112189876").await;
    let profile: api_types::ProfileResponse = app
        .get_with_token("/api/v1/profile", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile.given_name, "Anna");
    assert_eq!(profile.email, None);
    assert!(!profile.notify_email && !profile.notify_sms);
}

#[tokio::test]
async fn saved_details_are_normalised_and_read_back() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen("198112189876").await;
    let saved = put_profile(
        &app,
        &token,
        json!({
            "email": "  Anna@Exempel.SE ",
            "phone": "070-123 45 67",
            "postal_address": {"street": "Storgatan 1", "postal_code": "73330", "city": "Sala"},
            "notify_email": true,
            "notify_sms": true
        }),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let profile: api_types::ProfileResponse = app
        .get_with_token("/api/v1/profile", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile.email.as_deref(), Some("Anna@exempel.se"));
    assert_eq!(profile.phone.as_deref(), Some("+46701234567"));
    assert_eq!(profile.postal_address.unwrap().postal_code, "733 30");
    assert!(profile.notify_email && profile.notify_sms);
}

#[tokio::test]
async fn invalid_details_are_listed_per_field_in_swedish_and_english_and_nothing_is_saved() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen("198112189876").await;
    let response = put_profile(
        &app,
        &token,
        json!({
            "email": "anna@",
            "phone": "12345",
            "postal_address": {"street": "Storgatan 1", "postal_code": "7333", "city": "Sala"},
            "notify_email": false,
            "notify_sms": false
        }),
    )
    .await;
    let body = problem(response, 422, "validation_failed").await;
    let errors = body["errors"].as_array().unwrap();
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "phone", "postal_address.postal_code"]);
    for error in errors {
        assert!(!error["message"].as_str().unwrap().is_empty());
        assert!(!error["message_sv"].as_str().unwrap().is_empty());
    }
    let profile: api_types::ProfileResponse = app
        .get_with_token("/api/v1/profile", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile.email, None);
}

#[tokio::test]
async fn sms_notifications_need_a_mobile_number() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen("198112189876").await;
    let response = put_profile(
        &app,
        &token,
        json!({"notify_email": false, "notify_sms": true}),
    )
    .await;
    let body = problem(response, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "phone");
    assert_eq!(body["errors"][0]["code"], "required");
}

#[tokio::test]
async fn the_profile_refuses_unknown_fields_and_anonymous_callers() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen("198112189876").await;
    let response = put_profile(
        &app,
        &token,
        json!({"notify_email": false, "notify_sms": false, "role": "admin"}),
    )
    .await;
    problem(response, 400, "invalid_json").await;
    problem(app.get("/api/v1/profile").await, 401, "unauthenticated").await;
}

#[tokio::test]
async fn the_profile_refuses_a_postal_code_the_eservices_refuse() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen("198112189876").await;
    for code in ["01234", "012 34"] {
        let response = put_profile(
            &app,
            &token,
            json!({
                "postal_address": {"street": "Storgatan 1", "postal_code": code, "city": "Sala"},
                "notify_email": false,
                "notify_sms": false
            }),
        )
        .await;
        let body = problem(response, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "invalid_postal_code", "{code}");
    }
    assert!(!eservice::TextPattern::PostalCode.matches("01234"));
}
