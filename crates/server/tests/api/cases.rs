use serde_json::{Value, json};

use crate::helpers::{TestApp, problem, spawn_app};

pub(crate) const ANNA: &str = "198112189876";
pub(crate) const BERTIL: &str = "196408233234";
pub(crate) const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1,
];

pub(crate) async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = app.client.request(method, app.url(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

pub(crate) async fn new_draft(app: &TestApp, token: &str, eservice: &str) -> Value {
    let response = send(
        app,
        reqwest::Method::POST,
        "/api/v1/drafts",
        token,
        Some(json!({ "eservice": eservice })),
    )
    .await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

pub(crate) async fn save(
    app: &TestApp,
    token: &str,
    draft: &Value,
    answers: Value,
) -> reqwest::Response {
    send(
        app,
        reqwest::Method::PUT,
        &format!("/api/v1/drafts/{}", draft["id"].as_str().unwrap()),
        token,
        Some(json!({ "answers": answers, "lock_version": draft["lock_version"] })),
    )
    .await
}

/// Uploads a file that must be accepted, and moves `draft`'s `lock_version` on to the one the
/// upload made (every change of a draft's files is a new revision).
pub(crate) async fn attach(
    app: &TestApp,
    token: &str,
    draft: &mut Value,
    field: &str,
    name: &str,
    bytes: Vec<u8>,
) -> api_types::AttachmentResponse {
    let id = draft["id"].as_str().unwrap().to_owned();
    let response = upload(app, token, &id, field, name, bytes).await;
    assert_eq!(response.status(), 201);
    let uploaded: api_types::UploadedAttachmentResponse = response.json().await.unwrap();
    assert!(uploaded.lock_version > draft["lock_version"].as_i64().unwrap() as i32);
    draft["lock_version"] = json!(uploaded.lock_version);
    uploaded.attachment
}

pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    draft_id: &str,
    field: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let url = reqwest::Url::parse_with_params(
        &app.url(&format!("/api/v1/drafts/{draft_id}/attachments")),
        &[("field", field), ("name", name)],
    )
    .unwrap();
    app.client
        .post(url)
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

pub(crate) async fn submit(
    app: &TestApp,
    token: &str,
    draft_id: &str,
    key: &str,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/drafts/{draft_id}/submit")))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .send()
        .await
        .unwrap()
}

pub(crate) fn complete_fault_report(photo_id: impl std::fmt::Display) -> Value {
    let photo_id = photo_id.to_string();
    json!({
        "fault_type": "pothole",
        "location": "Storgatan 12, utanför biblioteket",
        "description": "Ett djupt hål i asfalten, cirka en halv meter brett.",
        "photos": [photo_id],
        "wants_feedback": false
    })
}

#[tokio::test]
async fn the_catalogue_lists_the_demo_eservices_and_can_be_searched() {
    let app = spawn_app().await;
    let all: Vec<api_types::EServiceSummary> =
        app.get("/api/v1/eservices").await.json().await.unwrap();
    let slugs: Vec<&str> = all.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(
        slugs,
        ["felanmalan-gata-park", "parkeringstillstand", "skolbyte"]
    );
    let found: Vec<api_types::EServiceSummary> = app
        .get("/api/v1/eservices?q=parkering")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].signature_required);
    problem(
        app.get("/api/v1/eservices/finns-inte").await,
        404,
        "not_found",
    )
    .await;
    let definition: Value = app
        .get("/api/v1/eservices/skolbyte")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        definition["definition"]["settings"]["cosigners"]["count"],
        1
    );
}

#[tokio::test]
async fn a_draft_is_prefilled_from_the_profile_saved_and_resumed() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let saved = send(
        &app,
        reqwest::Method::PUT,
        "/api/v1/profile",
        &token,
        Some(json!({"email": "anna@exempel.se", "notify_email": true, "notify_sms": false})),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["group"], "saved");
    assert_eq!(draft["answers"]["feedback_email"], "anna@exempel.se");

    // Half-way: an invalid value is kept as typed, not refused.
    let response = save(
        &app,
        &token,
        &draft,
        json!({"fault_type": "pothole", "location": ""}),
    )
    .await;
    assert_eq!(response.status(), 200);
    let saved: Value = response.json().await.unwrap();
    assert_eq!(
        saved["lock_version"],
        draft["lock_version"].as_i64().unwrap() + 1
    );

    // Resumed from Mina sidor (another device: only the token is shared).
    let list: Vec<api_types::CaseSummary> = app
        .get_with_token("/api/v1/cases", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].group, api_types::CaseGroup::Saved);
    let resumed: Value = app
        .get_with_token(&format!("/api/v1/cases/{}", list[0].id), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(resumed["answers"]["fault_type"], "pothole");
    assert_eq!(resumed["history"][0]["kind"], "draft_created");

    // Saving with the old lock version is an edit conflict, not a silent overwrite.
    problem(
        save(&app, &token, &draft, json!({})).await,
        409,
        "edit_conflict",
    )
    .await;
}

#[tokio::test]
async fn validation_lists_each_invalid_field_in_swedish_and_english() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap();
    save(&app, &token, &draft, json!({"fault_type": "volcano"})).await;
    let step: api_types::ValidationResponse = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/drafts/{id}/validate"),
        &token,
        Some(json!({"step": "felet"})),
    )
    .await
    .json()
    .await
    .unwrap();
    let codes: Vec<(&str, &str)> = step
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert!(
        codes.contains(&("fault_type", "invalid_choice")),
        "{codes:?}"
    );
    assert!(codes.contains(&("location", "required")), "{codes:?}");
    assert!(
        step.errors
            .iter()
            .all(|e| !e.message.is_empty() && !e.message_sv.is_empty())
    );

    let refused = submit(&app, &token, id, "k1").await;
    let body = problem(refused, 422, "validation_failed").await;
    assert!(body["errors"].as_array().unwrap().len() >= 3);
    // Still a draft with everything that was typed.
    let case: Value = app
        .get_with_token(&format!("/api/v1/cases/{id}"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(case["status"], "draft");
    assert_eq!(case["answers"]["fault_type"], "volcano");
}

#[tokio::test]
async fn a_complete_draft_is_submitted_once_per_idempotency_key_with_a_case_number() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let mut draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap().to_owned();
    let id = id.as_str();
    let photo = attach(&app, &token, &mut draft, "photos", "hål.jpg", JPEG.to_vec()).await;
    assert_eq!(photo.content_type, "image/jpeg");
    assert_eq!(
        save(&app, &token, &draft, complete_fault_report(photo.id))
            .await
            .status(),
        200
    );

    let first = submit(&app, &token, id, "submit-1").await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let number = first["case_number"].as_str().unwrap().to_owned();
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(number, format!("{year}-000001"));
    assert_eq!(first["status"], "submitted");
    assert_eq!(first["group"], "ongoing");
    assert!(first["submitted_at"].is_string());

    // A double click or a retry with the same key: the same answer, no second case.
    let again = submit(&app, &token, id, "submit-1").await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotency-replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["case_number"], number.as_str());
    // Without the key a second submission is an illegal transition.
    problem(
        submit(&app, &token, id, "submit-2").await,
        409,
        "illegal_transition",
    )
    .await;
    // And the submitted case can no longer be edited.
    let after: Value = app
        .get_with_token(&format!("/api/v1/cases/{id}"), &token)
        .await
        .json()
        .await
        .unwrap();
    problem(
        save(&app, &token, &after, json!({})).await,
        409,
        "case_not_editable",
    )
    .await;
    let kinds: Vec<&str> = after["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "draft_created",
            "attachment_added",
            "answers_saved",
            "case_submitted"
        ]
    );
}

#[tokio::test]
async fn the_same_idempotency_key_for_another_draft_is_refused() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let mut ids = Vec::new();
    for _ in 0..2 {
        let mut draft = new_draft(&app, &token, "felanmalan-gata-park").await;
        let id = draft["id"].as_str().unwrap().to_owned();
        let photo = attach(&app, &token, &mut draft, "photos", "a.jpg", JPEG.to_vec()).await;
        save(&app, &token, &draft, complete_fault_report(photo.id)).await;
        ids.push(id);
    }
    assert_eq!(submit(&app, &token, &ids[0], "same").await.status(), 201);
    let reused = submit(&app, &token, &ids[1], "same").await;
    let body = problem(reused, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["code"], "idempotency_key_reused");
    // Case numbers count up without gaps.
    let second: Value = submit(&app, &token, &ids[1], "other")
        .await
        .json()
        .await
        .unwrap();
    assert!(second["case_number"].as_str().unwrap().ends_with("-000002"));
}

#[tokio::test]
async fn another_citizens_drafts_cases_and_files_are_not_found() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let (_, bertil) = app.login_citizen(BERTIL).await;
    let draft = new_draft(&app, &anna, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap();
    let photo: api_types::AttachmentResponse =
        upload(&app, &anna, id, "photos", "a.jpg", JPEG.to_vec())
            .await
            .json()
            .await
            .unwrap();
    problem(
        app.get_with_token(&format!("/api/v1/cases/{id}"), &bertil)
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        save(&app, &bertil, &draft, json!({})).await,
        404,
        "not_found",
    )
    .await;
    problem(submit(&app, &bertil, id, "x").await, 404, "not_found").await;
    problem(
        send(
            &app,
            reqwest::Method::DELETE,
            &format!("/api/v1/drafts/{id}"),
            &bertil,
            None,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    problem(
        upload(&app, &bertil, id, "photos", "b.jpg", JPEG.to_vec()).await,
        404,
        "not_found",
    )
    .await;
    problem(
        app.get_with_token(&format!("/api/v1/attachments/{}", photo.id), &bertil)
            .await,
        404,
        "not_found",
    )
    .await;
    let bertils: Vec<Value> = app
        .get_with_token("/api/v1/cases", &bertil)
        .await
        .json()
        .await
        .unwrap();
    assert!(bertils.is_empty());
}

#[tokio::test]
async fn uploads_are_limited_by_size_type_and_count_and_downloaded_as_attachments() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap();

    let mut oversize = JPEG.to_vec();
    oversize.resize(10 * 1024 * 1024 + 1, 0);
    problem(
        upload(&app, &token, id, "photos", "stor.jpg", oversize).await,
        413,
        "payload_too_large",
    )
    .await;
    // A Windows executable or a zip called .jpg is refused by its content.
    problem(
        upload(
            &app,
            &token,
            id,
            "photos",
            "bild.jpg",
            b"MZ\x90\0\x03".to_vec(),
        )
        .await,
        415,
        "unsupported_file_type",
    )
    .await;
    problem(
        upload(
            &app,
            &token,
            id,
            "photos",
            "bild.jpg",
            b"PK\x03\x04".to_vec(),
        )
        .await,
        415,
        "unsupported_file_type",
    )
    .await;
    // A PDF is a real type, but not one this field accepts.
    problem(
        upload(&app, &token, id, "photos", "a.pdf", b"%PDF-1.4".to_vec()).await,
        415,
        "unsupported_file_type",
    )
    .await;

    let stored: api_types::AttachmentResponse = upload(
        &app,
        &token,
        id,
        "photos",
        "../../etc/passwd.jpg",
        JPEG.to_vec(),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(stored.file_name, "passwd.jpg");
    for name in ["2.jpg", "3.jpg"] {
        assert_eq!(
            upload(&app, &token, id, "photos", name, JPEG.to_vec())
                .await
                .status(),
            201
        );
    }
    let fourth = problem(
        upload(&app, &token, id, "photos", "4.jpg", JPEG.to_vec()).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fourth["errors"][0]["code"], "too_many_files");

    let download = app
        .get_with_token(&format!("/api/v1/attachments/{}", stored.id), &token)
        .await;
    assert_eq!(download.status(), 200);
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert_eq!(download.headers()["content-type"], "image/jpeg");
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert_eq!(download.bytes().await.unwrap().as_ref(), JPEG);
}

#[tokio::test]
async fn an_owner_deletes_a_draft_but_never_a_submitted_case() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap();
    let deleted = send(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/v1/drafts/{id}"),
        &token,
        None,
    )
    .await;
    assert_eq!(deleted.status(), 204);
    problem(
        app.get_with_token(&format!("/api/v1/cases/{id}"), &token)
            .await,
        404,
        "not_found",
    )
    .await;

    let mut draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap().to_owned();
    let id = id.as_str();
    let photo = attach(&app, &token, &mut draft, "photos", "a.jpg", JPEG.to_vec()).await;
    save(&app, &token, &draft, complete_fault_report(photo.id)).await;
    assert_eq!(submit(&app, &token, id, "k").await.status(), 201);
    let refused = send(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/v1/drafts/{id}"),
        &token,
        None,
    )
    .await;
    problem(refused, 409, "illegal_transition").await;
}

#[tokio::test]
async fn only_administrators_import_definitions_and_broken_ones_name_the_rule() {
    let app = spawn_app().await;
    let (admin_id, admin) = app.login_citizen(ANNA).await;
    let (_, citizen) = app.login_citizen(BERTIL).await;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    use server::entities::users;
    users::Entity::update_many()
        .col_expr(users::Column::Role, Expr::value("admin"))
        .filter(users::Column::Id.eq(admin_id))
        .exec(&app.state.db)
        .await
        .unwrap();
    let mut definition: Value =
        serde_json::from_str(server::eservices::DEMO_DEFINITIONS[0]).unwrap();
    definition["version"] = json!(2);
    let forbidden = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/admin/eservices",
        &citizen,
        Some(definition.clone()),
    )
    .await;
    problem(forbidden, 403, "forbidden").await;
    let imported = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/admin/eservices",
        &admin,
        Some(definition.clone()),
    )
    .await;
    assert_eq!(imported.status(), 201);
    let catalogue: Vec<api_types::EServiceSummary> =
        app.get("/api/v1/eservices").await.json().await.unwrap();
    assert_eq!(catalogue[0].version.get(), 2);
    // The same version with other content is refused.
    definition["title"]["sv"] = json!("Annan titel");
    let conflict = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/admin/eservices",
        &admin,
        Some(definition.clone()),
    )
    .await;
    problem(conflict, 409, "eservice_version_exists").await;
    // A broken definition: every error names where and which rule.
    definition["version"] = json!(3);
    definition["steps"][0]["fields"][0]["options"] = json!([]);
    let broken = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/admin/eservices",
        &admin,
        Some(definition),
    )
    .await;
    let body = problem(broken, 422, "validation_failed").await;
    let first = &body["errors"][0];
    assert!(
        first["field"].as_str().unwrap().contains("steps[0]"),
        "{body}"
    );
    assert!(!first["code"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn a_draft_started_on_an_older_version_keeps_it_after_a_new_version_is_published() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let mut v2: Value = serde_json::from_str(server::eservices::DEMO_DEFINITIONS[0]).unwrap();
    v2["version"] = json!(2);
    v2["title"]["sv"] = json!("Felanmälan, ny version");
    server::eservices::import(&app.state.db, &v2.to_string(), chrono::Utc::now())
        .await
        .unwrap();
    let case: Value = app
        .get_with_token(
            &format!("/api/v1/cases/{}", draft["id"].as_str().unwrap()),
            &token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(case["eservice_version"], 1);
    assert_ne!(case["eservice_title"]["sv"], "Felanmälan, ny version");
    assert_eq!(
        save(&app, &token, &case, json!({"fault_type": "litter"}))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn a_draft_expires_after_the_retention_but_a_submitted_case_stays() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let old = new_draft(&app, &token, "felanmalan-gata-park").await;
    let mut submitted = new_draft(&app, &token, "felanmalan-gata-park").await;
    let id = submitted["id"].as_str().unwrap().to_owned();
    let id = id.as_str();
    let photo = attach(
        &app,
        &token,
        &mut submitted,
        "photos",
        "a.jpg",
        JPEG.to_vec(),
    )
    .await;
    save(&app, &token, &submitted, complete_fault_report(photo.id)).await;
    assert_eq!(submit(&app, &token, id, "k").await.status(), 201);
    assert!(old["expires_at"].is_string());

    // 29 days later nothing has expired (the fault report keeps drafts 30 days).
    app.clock.advance(chrono::Duration::days(29));
    assert_eq!(
        server::cases::retention::expire_drafts(&app.state)
            .await
            .unwrap(),
        0
    );
    app.clock.advance(chrono::Duration::days(2));
    assert_eq!(
        server::cases::retention::expire_drafts(&app.state)
            .await
            .unwrap(),
        1
    );
    // The session is long gone after 31 days: log in again to look.
    let (_, token) = app.login_citizen_again(ANNA).await;
    let left: Vec<api_types::CaseSummary> = app
        .get_with_token("/api/v1/cases", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].status, api_types::CaseStatus::Submitted);
}
