//! Per-citizen quotas: open drafts per citizen and file bytes per draft, with Swedish and
//! English errors, held under concurrent requests.

use serde_json::{Value, json};

use crate::cases::{ANNA, BERTIL, JPEG, new_draft, send};
use crate::helpers::{TestOptions, problem, spawn_app_with};

#[tokio::test]
async fn a_citizen_cannot_open_more_drafts_than_the_limit_even_all_at_once() {
    let app = spawn_app_with(TestOptions {
        limits: Some(server::config::LimitsSettings {
            open_drafts_per_citizen: 3,
            ..server::config::LimitsSettings::default()
        }),
        ..TestOptions::default()
    })
    .await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let starts = (0..10).map(|_| {
        send(
            &app,
            reqwest::Method::POST,
            "/api/v1/drafts",
            &anna,
            Some(json!({"eservice": "felanmalan-gata-park"})),
        )
    });
    let answers = futures_util::future::join_all(starts).await;
    let created: Vec<&reqwest::Response> = answers.iter().filter(|r| r.status() == 201).collect();
    assert_eq!(created.len(), 3, "exactly the limit");
    let refused = answers.into_iter().find(|r| r.status() == 409).unwrap();
    let body = problem(refused, 409, "too_many_drafts").await;
    assert!(
        body["detail_sv"]
            .as_str()
            .unwrap()
            .contains("Skicka in eller ta bort")
    );
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("Submit or delete")
    );
    // Another citizen is not held back; deleting a draft makes room.
    let (_, bertil) = app.login_citizen(BERTIL).await;
    new_draft(&app, &bertil, "felanmalan-gata-park").await;
    let list: Vec<Value> = app
        .get_with_token("/api/v1/cases?group=saved", &anna)
        .await
        .json()
        .await
        .unwrap();
    let id = list[0]["id"].as_str().unwrap();
    let deleted = send(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/v1/drafts/{id}"),
        &anna,
        None,
    )
    .await;
    assert_eq!(deleted.status(), 204);
    new_draft(&app, &anna, "felanmalan-gata-park").await;
}

#[tokio::test]
async fn the_files_of_one_draft_stay_within_the_byte_limit() {
    let app = spawn_app_with(TestOptions {
        limits: Some(server::config::LimitsSettings {
            file_bytes_per_draft: 1000,
            ..server::config::LimitsSettings::default()
        }),
        ..TestOptions::default()
    })
    .await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let draft = new_draft(&app, &anna, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap();
    let photo = |size: usize| {
        let mut bytes = JPEG.to_vec();
        bytes.resize(size, 0);
        bytes
    };
    let upload = |bytes: Vec<u8>| {
        app.client
            .post(app.url(&format!(
                "/api/v1/drafts/{id}/attachments?field=photos&name=bild.jpg"
            )))
            .bearer_auth(&anna)
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .send()
    };
    assert_eq!(upload(photo(600)).await.unwrap().status(), 201);
    let body = problem(
        upload(photo(600)).await.unwrap(),
        409,
        "draft_files_too_large",
    )
    .await;
    assert!(body["detail_sv"].as_str().unwrap().contains("högst 1 MB"));
    assert_eq!(upload(photo(300)).await.unwrap().status(), 201);
    // Concurrent uploads cannot pass it together either.
    let draft = new_draft(&app, &anna, "felanmalan-gata-park").await;
    let second = draft["id"].as_str().unwrap().to_owned();
    let uploads = (0..3).map(|_| {
        app.client
            .post(app.url(&format!(
                "/api/v1/drafts/{second}/attachments?field=photos&name=bild.jpg"
            )))
            .bearer_auth(&anna)
            .header("content-type", "application/octet-stream")
            .body(photo(400))
            .send()
    });
    let answers = futures_util::future::join_all(uploads).await;
    let stored = answers
        .iter()
        .filter(|r| r.as_ref().unwrap().status() == 201)
        .count();
    assert_eq!(stored, 2, "400 + 400 fit in 1000 bytes, a third does not");
}
