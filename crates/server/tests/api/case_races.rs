//! The same action at the same moment, as two tabs, a double click, a retry or two devices do
//! it: every one of these races has exactly one right outcome.

use std::collections::BTreeSet;

use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::cases::{
    ANNA, BERTIL, JPEG, attach, complete_fault_report, new_draft, save, send, submit, upload,
};
use crate::helpers::{TestApp, problem, spawn_app};
use crate::signing::{collect_signing, complete_parking_permit, start_signing};

/// A fault report with a photo and every required answer, ready to submit.
async fn complete_draft(app: &TestApp, token: &str) -> Value {
    let mut draft = new_draft(app, token, "felanmalan-gata-park").await;
    let photo = attach(app, token, &mut draft, "photos", "a.jpg", JPEG.to_vec()).await;
    let saved = save(app, token, &draft, complete_fault_report(photo.id)).await;
    assert_eq!(saved.status(), 200);
    saved.json().await.unwrap()
}

#[tokio::test]
async fn twenty_drafts_submitted_at_once_get_twenty_gap_free_case_numbers() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let mut ids = Vec::new();
    for _ in 0..20 {
        ids.push(
            complete_draft(&app, &token).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let keys: Vec<String> = (0..ids.len()).map(|n| format!("k{n}")).collect();
    let answers = join_all(
        ids.iter()
            .zip(&keys)
            .map(|(id, key)| submit(&app, &token, id, key)),
    )
    .await;
    let mut numbers = BTreeSet::new();
    for answer in answers {
        assert_eq!(answer.status(), 201);
        let body: Value = answer.json().await.unwrap();
        numbers.insert(body["case_number"].as_str().unwrap().to_owned());
    }
    let year = domain::swedish_year(app.clock_now());
    let expected: BTreeSet<String> = (1..=20).map(|n| format!("{year}-{n:06}")).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test]
async fn ten_submits_of_one_draft_with_one_key_make_one_case_and_ten_identical_answers() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = complete_draft(&app, &token).await;
    let id = draft["id"].as_str().unwrap();
    let answers = join_all((0..10).map(|_| submit(&app, &token, id, "one-key"))).await;
    let mut bodies = BTreeSet::new();
    for answer in answers {
        assert_eq!(answer.status(), 201);
        bodies.insert(answer.text().await.unwrap());
    }
    assert_eq!(bodies.len(), 1, "every retry gets the first answer");
    let case: Value = serde_json::from_str(bodies.first().unwrap()).unwrap();
    let year = domain::swedish_year(app.clock_now());
    assert_eq!(case["case_number"], format!("{year}-000001"));
    let history = server::cases::history(&app.state.db, id.parse().unwrap())
        .await
        .unwrap();
    let submitted = history
        .iter()
        .filter(|event| event.kind == domain::CaseEventKind::CaseSubmitted)
        .count();
    assert_eq!(submitted, 1);
}

#[tokio::test]
async fn ten_submits_of_one_draft_without_a_key_submit_it_once() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = complete_draft(&app, &token).await;
    let id = draft["id"].as_str().unwrap();
    let path = format!("/api/v1/drafts/{id}/submit");
    let answers =
        join_all((0..10).map(|_| send(&app, reqwest::Method::POST, &path, &token, None))).await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status().as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn concurrent_uploads_never_pass_a_fields_file_limit() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap();
    // The fault report takes at most three photos.
    let answers =
        join_all((0..8).map(|_| upload(&app, &token, id, "photos", "a.jpg", JPEG.to_vec()))).await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status().as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        3,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 422),
        "{statuses:?}"
    );
    let case: Value = app
        .get_with_token(&format!("/api/v1/cases/{id}"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(case["attachments"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn two_collects_of_one_signing_record_one_signature() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = complete_parking_permit(&app, &token).await;
    let id = draft["id"].as_str().unwrap();
    let signing = start_signing(&app, &token, id).await;
    app.approve_latest_order(ANNA).await;
    // Wait until BankID reports the order complete, then collect twice at once.
    for _ in 0..50 {
        let orders = app.pending_orders().await;
        if orders.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (first, second) = tokio::join!(
        collect_signing(&app, &token, &signing),
        collect_signing(&app, &token, &signing)
    );
    let completes = [&first, &second]
        .iter()
        .filter(|answer| answer["status"] == "complete")
        .count();
    assert_eq!(completes, 1, "{first} {second}");
    let history = server::cases::history(&app.state.db, id.parse().unwrap())
        .await
        .unwrap();
    let signed = history
        .iter()
        .filter(|event| event.kind == domain::CaseEventKind::DraftSigned)
        .count();
    assert_eq!(signed, 1);
    assert_eq!(submit(&app, &token, id, "after").await.status(), 201);
}

#[tokio::test]
async fn a_file_answer_naming_a_missing_or_foreign_file_is_refused() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let (_, bertil) = app.login_citizen(BERTIL).await;
    let mut bertils = new_draft(&app, &bertil, "felanmalan-gata-park").await;
    let foreign = attach(
        &app,
        &bertil,
        &mut bertils,
        "photos",
        "b.jpg",
        JPEG.to_vec(),
    )
    .await;
    let mut draft = new_draft(&app, &anna, "felanmalan-gata-park").await;
    let own = attach(&app, &anna, &mut draft, "photos", "a.jpg", JPEG.to_vec()).await;
    let id = draft["id"].as_str().unwrap().to_owned();
    for named in [
        uuid::Uuid::new_v4().to_string(),
        foreign.id.to_string(),
        "inte-en-fil".to_owned(),
    ] {
        let saved: Value = save(&app, &anna, &draft, complete_fault_report(&named))
            .await
            .json()
            .await
            .unwrap();
        draft["lock_version"] = saved["lock_version"].clone();
        let body = problem(
            submit(&app, &anna, &id, &named).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "photos", "{body}");
        assert_eq!(body["errors"][0]["code"], "unknown_attachment", "{body}");
        let checked: Value = send(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/drafts/{id}/validate"),
            &anna,
            Some(json!({})),
        )
        .await
        .json()
        .await
        .unwrap();
        assert_eq!(checked["errors"][0]["code"], "unknown_attachment");
        let sign = send(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/drafts/{id}/sign"),
            &anna,
            Some(json!({"device": "other_device"})),
        )
        .await;
        problem(sign, 422, "validation_failed").await;
    }
    // The case's own photo is the answer that counts.
    save(&app, &anna, &draft, complete_fault_report(own.id)).await;
    assert_eq!(submit(&app, &anna, &id, "own").await.status(), 201);
}

#[tokio::test]
async fn removing_or_replacing_a_file_after_signing_voids_the_signature() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    for replace in [false, true] {
        let draft = complete_parking_permit(&app, &token).await;
        let id = draft["id"].as_str().unwrap().to_owned();
        let signing = start_signing(&app, &token, &id).await;
        app.approve_latest_order(ANNA).await;
        assert_eq!(
            collect_signing(&app, &token, &signing).await["status"],
            "complete"
        );
        let photo = draft["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|file| file["field_id"] == "photo")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let removed = send(
            &app,
            reqwest::Method::DELETE,
            &format!("/api/v1/drafts/{id}/attachments/{photo}"),
            &token,
            None,
        )
        .await;
        assert_eq!(removed.status(), 200);
        let removed: Value = removed.json().await.unwrap();
        assert!(removed["lock_version"].as_i64() > draft["lock_version"].as_i64());
        if replace {
            // Another picture under the field, answered the same way: still not what was signed.
            let mut current = draft.clone();
            current["lock_version"] = removed["lock_version"].clone();
            let new = attach(&app, &token, &mut current, "photo", "ny.jpg", JPEG.to_vec()).await;
            let mut answers = draft["answers"].clone();
            answers["photo"] = json!([new.id]);
            assert_eq!(save(&app, &token, &current, answers).await.status(), 200);
        }
        let refused = submit(&app, &token, &id, &format!("k{replace}")).await;
        if replace {
            problem(refused, 409, "signature_required").await;
        } else {
            // The answer still names the removed file.
            let body = problem(refused, 422, "validation_failed").await;
            assert_eq!(body["errors"][0]["code"], "unknown_attachment");
        }
    }
}

#[tokio::test]
async fn an_own_upload_between_two_saves_is_no_conflict_but_another_tabs_save_is() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let id = draft["id"].as_str().unwrap();
    let saved = save(&app, &token, &draft, json!({"description": "Ett hål"})).await;
    assert_eq!(saved.status(), 200);
    let seen: Value = saved.json().await.unwrap();
    // The form uploads a photo while the client still holds the revision of its last save.
    assert_eq!(
        upload(&app, &token, id, "photos", "a.jpg", JPEG.to_vec())
            .await
            .status(),
        201
    );
    let again = save(&app, &token, &seen, json!({"description": "Ett djupt hål"})).await;
    assert_eq!(again.status(), 200);
    // A second tab that loaded the draft before that save must not overwrite it.
    problem(
        save(&app, &token, &seen, json!({"description": "Något annat"})).await,
        409,
        "edit_conflict",
    )
    .await;
    let case: Value = app
        .get_with_token(&format!("/api/v1/cases/{id}"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(case["answers"]["description"], "Ett djupt hål");
}
