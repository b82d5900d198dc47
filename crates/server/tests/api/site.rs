use crate::helpers::spawn_app;

#[tokio::test]
async fn site_info_names_the_configured_municipality_and_its_privacy_texts() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/site").await;
    assert_eq!(response.status(), 200);
    let info: api_types::SiteInfo = response.json().await.unwrap();
    assert_eq!(info.municipality_name, "Testby kommun");
    assert!(!info.privacy.purposes.sv.is_empty());
    assert_eq!(
        info.privacy.purposes.sv.len(),
        info.privacy.purposes.en.len()
    );
    assert!(info.privacy.dpo_email.contains('@'));
}

#[tokio::test]
async fn the_site_facts_do_not_tell_strangers_whether_dev_features_are_on() {
    let app = spawn_app().await;
    let body = app.get("/api/v1/site").await.text().await.unwrap();
    for hint in ["dev_mode", "simulator", "mailbox", "demo"] {
        assert!(!body.contains(hint), "{hint} in {body}");
    }
}
