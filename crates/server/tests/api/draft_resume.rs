//! A draft remembers the step the citizen was on and is labelled on Mina sidor by the first
//! text written in it, so two drafts of one e-service can be told apart.

use serde_json::{Value, json};

use crate::cases::{ANNA, new_draft, send};
use crate::helpers::spawn_app;
use crate::officer::json_of;

#[tokio::test]
async fn a_draft_keeps_its_step_and_is_labelled_by_its_first_text() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let first = new_draft(&app, &anna, "felanmalan-gata-park").await;
    let second = new_draft(&app, &anna, "felanmalan-gata-park").await;
    let put = async |draft: &Value, body: Value| {
        let path = format!("/api/v1/drafts/{}", draft["id"].as_str().unwrap());
        send(&app, reqwest::Method::PUT, &path, &anna, Some(body)).await
    };
    let saved = json_of(
        put(
            &first,
            json!({"answers": {"location": "Torget 1,\n vid   fontänen", "description": "Ett hål"},
                   "lock_version": first["lock_version"], "step": "bilder"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(saved["draft_step"], "bilder");
    // A step the e-service does not have is ignored; leaving the step out keeps it.
    let saved = json_of(
        put(
            &first,
            json!({"answers": {"location": "Torget 1"}, "lock_version": saved["lock_version"],
                   "step": "nope"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(saved["draft_step"], "bilder");
    json_of(
        put(
            &second,
            json!({"answers": {"location": "Parkgatan 4"}, "lock_version": second["lock_version"]}),
        )
        .await,
        200,
    )
    .await;
    let list = json_of(
        app.get_with_token("/api/v1/cases?group=saved", &anna).await,
        200,
    )
    .await;
    let mut labels: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["draft_label"].as_str().unwrap())
        .collect();
    labels.sort_unstable();
    assert_eq!(labels, ["Parkgatan 4", "Torget 1"]);
}
