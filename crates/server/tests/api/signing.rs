//! Signing a draft with BankID before it is submitted.

use serde_json::{Value, json};

use crate::cases::{ANNA, BERTIL, JPEG, attach, new_draft, save, send, submit};
use crate::helpers::{TestApp, problem, spawn_app};

pub(crate) async fn complete_parking_permit(app: &TestApp, token: &str) -> Value {
    let mut draft = new_draft(app, token, "parkeringstillstand").await;
    let pdf = b"%PDF-1.7\n%test\n".to_vec();
    let certificate = attach(
        app,
        token,
        &mut draft,
        "medical_certificate",
        "intyg.pdf",
        pdf,
    )
    .await;
    let photo = attach(app, token, &mut draft, "photo", "foto.jpg", JPEG.to_vec()).await;
    let saved = save(
        app,
        token,
        &draft,
        json!({
            "phone": "0701234567",
            "address": {"street": "Storgatan 1", "postal_code": "733 30", "city": "Sala"},
            "permit_for": "driver",
            "walking_distance": 50,
            "period": "up_to_1_year",
            "medical_certificate": [certificate.id],
            "photo": [photo.id],
            "contact_doctor": true,
            "information_correct": true
        }),
    )
    .await;
    assert_eq!(saved.status(), 200);
    saved.json().await.unwrap()
}

pub(crate) async fn start_signing(app: &TestApp, token: &str, id: &str) -> Value {
    let started = send(
        app,
        reqwest::Method::POST,
        &format!("/api/v1/drafts/{id}/sign"),
        token,
        Some(json!({"device": "other_device"})),
    )
    .await;
    assert_eq!(started.status(), 201, "{}", started.text().await.unwrap());
    started.json().await.unwrap()
}

pub(crate) async fn collect_signing(app: &TestApp, token: &str, signing: &Value) -> Value {
    send(
        app,
        reqwest::Method::POST,
        &format!(
            "/api/v1/signings/{}/collect",
            signing["signing_id"].as_str().unwrap()
        ),
        token,
        None,
    )
    .await
    .json()
    .await
    .unwrap()
}

#[tokio::test]
async fn an_eservice_that_needs_a_signature_is_submitted_after_the_owner_signs_with_bankid() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = complete_parking_permit(&app, &token).await;
    let id = draft["id"].as_str().unwrap();
    problem(
        submit(&app, &token, id, "k").await,
        409,
        "signature_required",
    )
    .await;

    let signing = start_signing(&app, &token, id).await;
    assert!(
        signing["signed_text"]
            .as_str()
            .unwrap()
            .starts_with("Jag skickar in")
    );
    // The BankID order carries the summary and the digest of the canonical answers.
    let orders = app.pending_orders().await;
    assert_eq!(orders.last().unwrap()["kind"], "sign");
    assert!(
        orders.last().unwrap()["userVisibleData"]
            .as_str()
            .unwrap()
            .contains("parkeringstillstånd")
    );
    let pending = collect_signing(&app, &token, &signing).await;
    assert_eq!(pending["status"], "pending");
    app.approve_latest_order(ANNA).await;
    let done = collect_signing(&app, &token, &signing).await;
    assert_eq!(done["status"], "complete", "{done}");

    let submitted = submit(&app, &token, id, "k2").await;
    assert_eq!(submitted.status(), 201);
    let submitted: Value = submitted.json().await.unwrap();
    let kinds: Vec<&str> = submitted["history"]
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
            "attachment_added",
            "answers_saved",
            "draft_signed",
            "case_submitted"
        ]
    );
    // The officer sees who signed, when, and what.
    let officer = app.login_staff("handlaggare").await;
    let seen: Value = app
        .get_with_token(
            &format!(
                "/api/v1/officer/cases/{}",
                submitted["id"].as_str().unwrap()
            ),
            &officer,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen["signatures"].as_array().unwrap().len(), 1, "{seen}");
    assert_eq!(seen["signatures"][0]["signer_name"], "Anna Andersson");
    assert_eq!(
        seen["signatures"][0]["signed_digest"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
}

#[tokio::test]
async fn a_change_after_signing_voids_the_signature() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = complete_parking_permit(&app, &token).await;
    let id = draft["id"].as_str().unwrap();
    let signing = start_signing(&app, &token, id).await;
    app.approve_latest_order(ANNA).await;
    assert_eq!(
        collect_signing(&app, &token, &signing).await["status"],
        "complete"
    );
    let mut answers = draft["answers"].clone();
    answers["walking_distance"] = json!(40);
    assert_eq!(save(&app, &token, &draft, answers).await.status(), 200);
    problem(
        submit(&app, &token, id, "k").await,
        409,
        "signature_required",
    )
    .await;
}

#[tokio::test]
async fn a_signature_by_someone_else_does_not_count() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = complete_parking_permit(&app, &token).await;
    let id = draft["id"].as_str().unwrap();
    let signing = start_signing(&app, &token, id).await;
    // The order names the logged-in citizen, so BankID refuses anyone else's approval.
    let orders = app.pending_orders().await;
    assert_eq!(orders.last().unwrap()["personalNumber"], ANNA);
    let refused = app.try_approve_latest_order(BERTIL).await;
    assert!(refused.status().is_client_error(), "{}", refused.status());
    let still = collect_signing(&app, &token, &signing).await;
    assert_eq!(still["status"], "pending");
    problem(
        submit(&app, &token, id, "k").await,
        409,
        "signature_required",
    )
    .await;
}

#[tokio::test]
async fn an_eservice_with_cosigners_says_cosigning_is_not_available_yet() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = new_draft(&app, &token, "skolbyte").await;
    let id = draft["id"].as_str().unwrap();
    save(
        &app,
        &token,
        &draft,
        json!({
            "child_personnummer": "20150315-2389",
            "child_name": "Nils Andersson",
            "current_school": "Centrumskolan",
            "current_grade": "3",
            "requested_school": "ekbacken",
            "start_date": "2099-08-20",
            "reason": "Vi flyttar till andra sidan stan.",
            "needs_transport": false,
            "applicant_email": "anna@exempel.se",
            "other_guardian_name": "Bertil Andersson",
            "other_guardian_personnummer": "19640823-3234"
        }),
    )
    .await;
    let refused = submit(&app, &token, id, "k").await;
    let status = refused.status().as_u16();
    let body: Value = refused.json().await.unwrap();
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "cosigning_not_available");
}
