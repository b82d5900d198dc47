//! The citizen's side of the new case features: files uploaded for a message that is never
//! sent are removed, and Mina sidor's lists come a page at a time.

use chrono::Duration;
use serde_json::{Value, json};

use crate::cases::{ANNA, JPEG, new_draft, send};
use crate::helpers::{problem, spawn_app};
use crate::officer::{json_of, submitted_fault_report};

#[tokio::test]
async fn a_file_uploaded_for_a_message_never_sent_is_removed_a_day_later() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let case = submitted_fault_report(&app, &anna).await;
    let id = case["id"].as_str().unwrap().to_owned();
    let upload = |name: &'static str| {
        let url = reqwest::Url::parse_with_params(
            &app.url(&format!("/api/v1/cases/{id}/message-attachments")),
            &[("name", name)],
        )
        .unwrap();
        app.client
            .post(url)
            .bearer_auth(&anna)
            .header("content-type", "application/octet-stream")
            .body(JPEG.to_vec())
            .send()
    };
    let kept = json_of(upload("skickad.jpg").await.unwrap(), 201).await;
    let unsent = json_of(upload("glomd.jpg").await.unwrap(), 201).await;
    json_of(
        send(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/cases/{id}/messages"),
            &anna,
            Some(json!({"body": "Bild", "attachment_ids": [kept["id"]]})),
        )
        .await,
        201,
    )
    .await;
    app.clock.advance(Duration::hours(23));
    assert_eq!(
        server::cases::retention::remove_unsent_message_files(&app.state)
            .await
            .unwrap(),
        0
    );
    app.clock.advance(Duration::hours(2));
    assert_eq!(
        server::cases::retention::remove_unsent_message_files(&app.state)
            .await
            .unwrap(),
        1
    );
    let (_, anna) = app.login_citizen_again(ANNA).await;
    let file = |file: &Value| {
        format!(
            "/api/v1/cases/{id}/message-attachments/{}",
            file["id"].as_str().unwrap()
        )
    };
    assert_eq!(app.get_with_token(&file(&kept), &anna).await.status(), 200);
    assert_eq!(
        app.get_with_token(&file(&unsent), &anna).await.status(),
        404
    );
}

#[tokio::test]
async fn mina_sidor_lists_each_group_a_page_at_a_time_with_a_link_to_the_next() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    for _ in 0..3 {
        new_draft(&app, &anna, "felanmalan-gata-park").await;
        app.clock.advance(Duration::seconds(1));
    }
    submitted_fault_report(&app, &anna).await;
    let first = app
        .get_with_token("/api/v1/cases?group=saved&limit=2", &anna)
        .await;
    assert_eq!(first.status(), 200);
    let link = first
        .headers()
        .get("link")
        .expect("a next link")
        .to_str()
        .unwrap()
        .to_owned();
    let page: Vec<api_types::CaseSummary> = first.json().await.unwrap();
    assert_eq!(page.len(), 2);
    assert!(page.iter().all(|c| c.group == api_types::CaseGroup::Saved));
    let next = link
        .strip_prefix('<')
        .and_then(|l| l.split_once(">; rel=\"next\""))
        .map(|(url, _)| url.to_owned())
        .expect("RFC 8288 link");
    let second = app.get_with_token(&next, &anna).await;
    assert!(
        second.headers().get("link").is_none(),
        "the last page links nowhere"
    );
    let rest: Vec<api_types::CaseSummary> = second.json().await.unwrap();
    assert_eq!(rest.len(), 1);
    assert!(
        page.iter().all(|c| c.id != rest[0].id),
        "no case on two pages"
    );
    let ongoing: Vec<api_types::CaseSummary> = app
        .get_with_token("/api/v1/cases?group=ongoing", &anna)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ongoing.len(), 1);
    let closed: Vec<api_types::CaseSummary> = app
        .get_with_token("/api/v1/cases?group=closed", &anna)
        .await
        .json()
        .await
        .unwrap();
    assert!(closed.is_empty());
    problem(
        app.get_with_token("/api/v1/cases?after=nonsense", &anna)
            .await,
        400,
        "invalid_query",
    )
    .await;
}
