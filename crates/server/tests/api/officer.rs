//! The officer side through the API: staff login, the queue, handling steps as domain commands,
//! messages both ways with read receipts and files, internal notes that no citizen route shows,
//! the reply window, notifications recorded with the change, and the audit log.

use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::cases::{
    ANNA, BERTIL, JPEG, attach, complete_fault_report, new_draft, save, send, submit,
};
use crate::helpers::{TestApp, problem, spawn_app};

/// Anna's submitted fault report (group `gata-park`); returns the case.
pub(crate) async fn submitted_fault_report(app: &TestApp, token: &str) -> Value {
    let mut draft = new_draft(app, token, "felanmalan-gata-park").await;
    let photo = attach(app, token, &mut draft, "photos", "hål.jpg", JPEG.to_vec()).await;
    assert_eq!(
        save(app, token, &draft, complete_fault_report(photo.id))
            .await
            .status(),
        200
    );
    let id = draft["id"].as_str().unwrap().to_owned();
    let response = submit(app, token, &id, &format!("submit-{id}")).await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

pub(crate) async fn act(
    app: &TestApp,
    token: &str,
    case_id: &str,
    step: &str,
    body: Value,
) -> reqwest::Response {
    send(
        app,
        reqwest::Method::POST,
        &format!("/api/v1/officer/cases/{case_id}/{step}"),
        token,
        Some(body),
    )
    .await
}

pub(crate) async fn json_of(response: reqwest::Response, status: u16) -> Value {
    let actual = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or_default();
    assert_eq!(actual, status, "{body}");
    body
}

#[tokio::test]
async fn staff_login_is_separate_from_citizens_and_refuses_wrong_passwords_alike() {
    let app = spawn_app().await;
    let officer = app.login_staff("handlaggare").await;
    let session = json_of(
        app.get_with_token("/api/v1/staff/session", &officer).await,
        200,
    )
    .await;
    assert_eq!(session["staff"]["role"], "officer");
    assert_eq!(session["staff"]["display_name"], "Hanna Handläggare");
    // A staff token is not a citizen's, and the reverse.
    problem(
        app.get_with_token("/api/v1/cases", &officer).await,
        401,
        "invalid_token",
    )
    .await;
    let (_, citizen) = app.login_citizen(ANNA).await;
    problem(
        app.get_with_token("/api/v1/officer/cases", &citizen).await,
        401,
        "invalid_token",
    )
    .await;
    for (username, password) in [
        ("handlaggare", "fel-losenord"),
        ("ingen-alls", "demo-losenord"),
    ] {
        let response = app
            .client
            .post(app.url("/api/v1/staff/login"))
            .json(&json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap();
        let body = problem(response, 401, "invalid_credentials").await;
        assert_eq!(body["detail_sv"], "Fel användarnamn eller lösenord.");
    }
    let empty = app
        .client
        .post(app.url("/api/v1/staff/login"))
        .json(&json!({"username": "", "password": "x"}))
        .send()
        .await
        .unwrap();
    let body = problem(empty, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "username");
    // Logout revokes the staff session.
    let logout = app
        .client
        .delete(app.url("/api/v1/staff/session"))
        .bearer_auth(&officer)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    problem(
        app.get_with_token("/api/v1/staff/session", &officer).await,
        401,
        "session_revoked",
    )
    .await;
}

#[tokio::test]
async fn a_case_is_found_taken_answered_noted_and_closed_and_the_citizen_follows_it() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let saved = send(
        &app,
        reqwest::Method::PUT,
        "/api/v1/profile",
        &anna,
        Some(json!({"email": "anna@exempel.se", "notify_email": true, "notify_sms": false})),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let case = submitted_fault_report(&app, &anna).await;
    let id = case["id"].as_str().unwrap().to_owned();
    let number = case["case_number"].as_str().unwrap().to_owned();
    let hanna = app.login_staff("handlaggare").await;
    let admin = app.login_staff("admin").await;

    // The queue: found by case number and by the applicant's name, unassigned.
    let page = json_of(
        app.get_with_token(&format!("/api/v1/officer/cases?q={number}"), &hanna)
            .await,
        200,
    )
    .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["id"], id.as_str());
    assert_eq!(page["items"][0]["applicant_name"], "Anna Andersson");
    assert!(page["items"][0]["assigned_to"].is_null());
    let by_name = json_of(
        app.get_with_token("/api/v1/officer/cases?q=anders&assignee=unassigned", &hanna)
            .await,
        200,
    )
    .await;
    assert_eq!(by_name["items"].as_array().unwrap().len(), 1);
    let none = json_of(
        app.get_with_token("/api/v1/officer/cases?status=closed", &hanna)
            .await,
        200,
    )
    .await;
    assert!(none["items"].as_array().unwrap().is_empty());
    problem(
        app.get_with_token("/api/v1/officer/cases", &admin).await,
        403,
        "forbidden",
    )
    .await;

    // Take it and start; a second start is an illegal transition.
    let seen = json_of(
        app.get_with_token(&format!("/api/v1/officer/cases/{id}"), &hanna)
            .await,
        200,
    )
    .await;
    assert_eq!(seen["applicant"]["personnummer"], "19811218-9876");
    let me = json_of(
        app.get_with_token("/api/v1/staff/session", &hanna).await,
        200,
    )
    .await["staff"]["id"]
        .clone();
    let assigned = json_of(
        act(
            &app,
            &hanna,
            &id,
            "assign",
            json!({"officer_id": me, "version": seen["version"]}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(assigned["status"], "submitted");
    assert_eq!(assigned["assigned_to"]["display_name"], "Hanna Handläggare");
    let started = json_of(act(&app, &hanna, &id, "start", json!({})).await, 200).await;
    assert_eq!(started["status"], "in_progress");
    problem(
        act(&app, &hanna, &id, "start", json!({})).await,
        409,
        "illegal_transition",
    )
    .await;
    // An action on an old version is refused: a colleague got there first.
    problem(
        act(
            &app,
            &hanna,
            &id,
            "status-notes",
            json!({"text": "x", "version": seen["version"]}),
        )
        .await,
        409,
        "edit_conflict",
    )
    .await;

    // The officer writes; user text is stored as typed.
    let hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)>";
    json_of(
        act(&app, &hanna, &id, "messages", json!({"body": hostile})).await,
        201,
    )
    .await;
    let mine = json_of(
        app.get_with_token(&format!("/api/v1/cases/{id}"), &anna)
            .await,
        200,
    )
    .await;
    assert_eq!(mine["unread_messages"], 1);
    let list = json_of(app.get_with_token("/api/v1/cases", &anna).await, 200).await;
    assert_eq!(list[0]["unread_messages"], 1);
    let thread = json_of(
        app.get_with_token(&format!("/api/v1/cases/{id}/messages"), &anna)
            .await,
        200,
    )
    .await;
    assert_eq!(thread["messages"][0]["body"], hostile);
    assert_eq!(thread["messages"][0]["author"], "officer");
    assert_eq!(thread["can_write"], true);
    assert!(thread["messages"][0]["read_at"].is_null());
    assert_eq!(
        send(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/cases/{id}/messages/read"),
            &anna,
            None
        )
        .await
        .status(),
        204
    );
    let officer_view = json_of(
        app.get_with_token(&format!("/api/v1/officer/cases/{id}"), &hanna)
            .await,
        200,
    )
    .await;
    assert!(
        officer_view["messages"][0]["read_at"].is_string(),
        "the officer sees it was read"
    );
    assert_eq!(
        json_of(
            app.get_with_token(&format!("/api/v1/cases/{id}"), &anna)
                .await,
            200
        )
        .await["unread_messages"],
        0
    );

    // The citizen replies with a file; the queue shows it unread.
    let url = reqwest::Url::parse_with_params(
        &app.url(&format!("/api/v1/cases/{id}/message-attachments")),
        &[("name", "kvitto.jpg")],
    )
    .unwrap();
    let uploaded = app
        .client
        .post(url)
        .bearer_auth(&anna)
        .header("content-type", "application/octet-stream")
        .body(JPEG.to_vec())
        .send()
        .await
        .unwrap();
    let file = json_of(uploaded, 201).await;
    json_of(
        send(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/cases/{id}/messages"),
            &anna,
            Some(json!({"body": "Tack! Här är en bild.", "attachment_ids": [file["id"]]})),
        )
        .await,
        201,
    )
    .await;
    let page = json_of(
        app.get_with_token("/api/v1/officer/cases?assignee=me", &hanna)
            .await,
        200,
    )
    .await;
    assert_eq!(page["items"][0]["unread_messages"], 1);
    let download = app
        .get_with_token(
            &format!(
                "/api/v1/officer/cases/{id}/message-attachments/{}",
                file["id"].as_str().unwrap()
            ),
            &hanna,
        )
        .await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.bytes().await.unwrap().as_ref(), JPEG);
    // The same file cannot be sent twice.
    problem(
        send(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/cases/{id}/messages"),
            &anna,
            Some(json!({"body": "Igen", "attachment_ids": [file["id"]]})),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;

    // An internal note is never in a citizen's answer.
    let secret = "INTERN-ANTECKNING-7Q";
    json_of(
        act(&app, &hanna, &id, "notes", json!({"body": secret})).await,
        201,
    )
    .await;
    // Every citizen GET route of the OpenAPI document, with this case's ids filled in.
    let photo = case["attachments"][0]["id"].as_str().unwrap().to_owned();
    let spec: Value =
        serde_json::from_str(include_str!("../../../../api-spec/openapi.json")).unwrap();
    let mut walked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        if item.get("get").is_none()
            || path.starts_with("/api/v1/officer/")
            || path.starts_with("/api/v1/admin/")
            || path.starts_with("/api/v1/staff/")
        {
            continue;
        }
        let filled = path
            .replace("{case_id}", &id)
            .replace("{attachment_id}", &photo)
            .replace("{slug}", "felanmalan-gata-park")
            .replace("{version}", "1");
        if filled.contains('{') {
            // A login's or a signing's id: nothing of the case is behind it.
            continue;
        }
        let text = app
            .get_with_token(&filled, &anna)
            .await
            .text()
            .await
            .unwrap();
        assert!(!text.contains(secret), "{path} shows the internal note");
        walked += 1;
    }
    assert!(walked >= 10, "only {walked} citizen routes walked");
    let officer_view = json_of(
        app.get_with_token(&format!("/api/v1/officer/cases/{id}"), &hanna)
            .await,
        200,
    )
    .await;
    assert_eq!(officer_view["notes"][0]["body"], secret);

    // A status note and the decision reach the citizen's history.
    json_of(
        act(
            &app,
            &hanna,
            &id,
            "status-notes",
            json!({"text": "Vi har beställt en reparation"}),
        )
        .await,
        200,
    )
    .await;
    problem(
        act(&app, &hanna, &id, "status-notes", json!({"text": ""})).await,
        422,
        "validation_failed",
    )
    .await;
    let closed = json_of(
        act(
            &app,
            &hanna,
            &id,
            "close",
            json!({"outcome": "decided", "decision": "Hålet är lagat."}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(closed["status"], "closed");
    let mine = json_of(
        app.get_with_token(&format!("/api/v1/cases/{id}"), &anna)
            .await,
        200,
    )
    .await;
    assert_eq!(mine["group"], "closed");
    assert_eq!(mine["outcome"], "decided");
    assert_eq!(mine["decision"], "Hålet är lagat.");
    let kinds: Vec<&str> = mine["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.ends_with(&[
            "case_submitted",
            "case_assigned",
            "handling_started",
            "status_note_published",
            "case_closed"
        ]),
        "{kinds:?}"
    );
    let note = mine["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "status_note_published")
        .unwrap();
    assert_eq!(note["text"], "Vi har beställt en reparation");
    assert!(
        !kinds.contains(&"message_posted"),
        "messages are in the thread, not the history"
    );

    // The submission and each of the officer's message, note and closing recorded a notice
    // with it (Anna asked for e-mail).
    let mut notified: Vec<String> = server::entities::notifications::Entity::find()
        .filter(
            server::entities::notifications::Column::CaseId.eq(uuid::Uuid::parse_str(&id).unwrap()),
        )
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect();
    notified.sort();
    assert_eq!(
        notified,
        [
            "case_closed",
            "case_submitted",
            "officer_message",
            "status_note"
        ]
    );

    // The reply window: 30 days after closing, then 409 and the page can say why.
    app.clock.advance(Duration::days(30) + Duration::minutes(1));
    let (_, anna) = app.login_citizen_again(ANNA).await;
    let thread = json_of(
        app.get_with_token(&format!("/api/v1/cases/{id}/messages"), &anna)
            .await,
        200,
    )
    .await;
    assert_eq!(thread["can_write"], false);
    assert!(thread["writable_until"].is_string());
    let late = problem(
        send(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/cases/{id}/messages"),
            &anna,
            Some(json!({"body": "En fråga till"})),
        )
        .await,
        409,
        "messaging_closed",
    )
    .await;
    assert!(late["detail_sv"].as_str().unwrap().contains("30 dagar"));

    // Reopen needs a reason.
    let hanna = app.login_staff("handlaggare").await;
    problem(
        act(&app, &hanna, &id, "reopen", json!({"reason": " "})).await,
        422,
        "validation_failed",
    )
    .await;
    let reopened = json_of(
        act(&app, &hanna, &id, "reopen", json!({"reason": "Överklagat"})).await,
        200,
    )
    .await;
    assert_eq!(reopened["status"], "in_progress");

    // The audit log answers "who read case X?" and "what did officer Y do?".
    let admin = app.login_staff("admin").await;
    let entries = json_of(
        app.get_with_token(&format!("/api/v1/admin/audit?case_number={number}"), &admin)
            .await,
        200,
    )
    .await;
    let actions: Vec<&str> = entries["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for expected in [
        "case_viewed",
        "case_assigned",
        "handling_started",
        "message_sent",
        "attachment_downloaded",
        "note_added",
        "case_closed",
        "case_reopened",
    ] {
        assert!(
            actions.contains(&expected),
            "{expected} missing from {actions:?}"
        );
    }
    assert!(
        entries["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["staff"]["display_name"] == "Hanna Handläggare")
    );
    assert!(entries["entries"][0]["request_id"].as_str().unwrap().len() >= 16);
    let by_officer = json_of(
        app.get_with_token(
            &format!("/api/v1/admin/audit?staff_id={}", me.as_str().unwrap()),
            &admin,
        )
        .await,
        200,
    )
    .await;
    assert!(by_officer["entries"].as_array().unwrap().len() >= actions.len());
    problem(
        app.get_with_token("/api/v1/admin/audit", &hanna).await,
        403,
        "forbidden",
    )
    .await;
    // The citizen's own reads are not staff reads.
    let rows = || async {
        server::entities::audit_log::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len()
    };
    let before = rows().await;
    assert_eq!(
        app.get_with_token(&format!("/api/v1/cases/{id}"), &anna)
            .await
            .status(),
        200
    );
    assert_eq!(rows().await, before);
}

#[tokio::test]
async fn officers_see_only_their_groups_cases_and_never_drafts() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let case = submitted_fault_report(&app, &anna).await;
    let id = case["id"].as_str().unwrap();
    let draft = new_draft(&app, &anna, "felanmalan-gata-park").await;
    let (_, bertil) = app.login_citizen(BERTIL).await;
    // Bertil's parking permit draft is not submitted; nobody's queue has it.
    new_draft(&app, &bertil, "parkeringstillstand").await;
    let gatukontoret = app.login_staff("gatukontoret").await;
    let page = json_of(
        app.get_with_token("/api/v1/officer/cases", &gatukontoret)
            .await,
        200,
    )
    .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    problem(
        app.get_with_token(
            &format!("/api/v1/officer/cases/{}", draft["id"].as_str().unwrap()),
            &gatukontoret,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    // An officer whose groups do not include gata-park gets 404 for the case.
    let other = server::staff::create(
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
    assert_eq!(other.account.username, "skola");
    let skola = app.login_staff("skola").await;
    problem(
        app.get_with_token(&format!("/api/v1/officer/cases/{id}"), &skola)
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        act(&app, &skola, id, "start", json!({})).await,
        404,
        "not_found",
    )
    .await;
    assert!(
        json_of(
            app.get_with_token("/api/v1/officer/cases", &skola).await,
            200
        )
        .await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Nor can a case be assigned to an officer outside its group.
    let hanna = app.login_staff("handlaggare").await;
    let body = problem(
        act(
            &app,
            &hanna,
            id,
            "assign",
            json!({"officer_id": other.account.id}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "officer_id");
}

#[tokio::test]
async fn two_officers_taking_the_same_case_at_once_one_wins() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let case = submitted_fault_report(&app, &anna).await;
    let id = case["id"].as_str().unwrap().to_owned();
    let hanna = app.login_staff("handlaggare").await;
    let olle = app.login_staff("gatukontoret").await;
    let seen = json_of(
        app.get_with_token(&format!("/api/v1/officer/cases/{id}"), &hanna)
            .await,
        200,
    )
    .await;
    let ids: Vec<Value> = staff_ids(&app, &[&hanna, &olle]).await;
    let (first, second) = tokio::join!(
        act(
            &app,
            &hanna,
            &id,
            "assign",
            json!({"officer_id": ids[0], "version": seen["version"]})
        ),
        act(
            &app,
            &olle,
            &id,
            "assign",
            json!({"officer_id": ids[1], "version": seen["version"]})
        ),
    );
    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "exactly one officer takes the case");
    let after = json_of(
        app.get_with_token(&format!("/api/v1/officer/cases/{id}"), &hanna)
            .await,
        200,
    )
    .await;
    let assigned = after["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "case_assigned")
        .count();
    assert_eq!(assigned, 1);
}

async fn staff_ids(app: &TestApp, tokens: &[&String]) -> Vec<Value> {
    let mut ids = Vec::new();
    for token in tokens {
        ids.push(
            json_of(
                app.get_with_token("/api/v1/staff/session", token).await,
                200,
            )
            .await["staff"]["id"]
                .clone(),
        );
    }
    ids
}
