//! Notices through the outbox against a real SMTP server (aiosmtpd) and a 46elks-shaped SMS
//! gateway: delivered once, with no content, retried while the mail server is down, failed at
//! once for a refused address, SMS held in quiet hours, delivery reports verified, and the
//! citizen's log, test notice and the administrators' templates and outbox.

use chrono::{Duration, TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::cases::{ANNA, send};
use crate::helpers::{TestApp, TestOptions, problem, spawn_app, spawn_app_with};
use crate::notify_tools::{FakeElks, SmtpSink, eventually, free_port, settings};
use crate::officer::{act, json_of, submitted_fault_report};
use server::entities::notifications;

async fn save_profile(app: &TestApp, token: &str, body: Value) {
    let response = send(
        app,
        reqwest::Method::PUT,
        "/api/v1/profile",
        token,
        Some(body),
    )
    .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
}

async fn test_notice(app: &TestApp, token: &str) -> reqwest::Response {
    send(
        app,
        reqwest::Method::POST,
        "/api/v1/profile/test-notice",
        token,
        None,
    )
    .await
}

/// An app delivering e-mail to the SMTP server on `smtp_port`, and Anna, who asked for notices
/// by e-mail to `email`: the app, her id and her token.
async fn app_with_mail(smtp_port: u16, email: &str) -> (TestApp, uuid::Uuid, String) {
    let app = spawn_app_with(TestOptions {
        notify: Some(settings(smtp_port, None)),
        ..TestOptions::default()
    })
    .await;
    let (user, anna) = app.login_citizen(ANNA).await;
    save_profile(
        &app,
        &anna,
        json!({"email": email, "notify_email": true, "notify_sms": false}),
    )
    .await;
    (app, user, anna)
}

async fn rows(app: &TestApp) -> Vec<notifications::Model> {
    notifications::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn rows_with(app: &TestApp, status: &str) -> usize {
    rows(app)
        .await
        .iter()
        .filter(|r| r.status == status)
        .count()
}

/// Everything a notice must never contain about Anna's fault report.
fn assert_no_content(text: &str, case: &Value, message: &str) {
    for secret in [
        ANNA,
        "19811218-9876",
        "811218-9876",
        "Anna",
        "Andersson",
        "Storgatan",
        "hål i asfalten",
        "Felanmälan",
        message,
        case["case_number"].as_str().unwrap(),
    ] {
        assert!(
            !text.contains(secret),
            "a notice contains {secret:?}: {text}"
        );
    }
    assert!(!text.contains("token"), "{text}");
}

#[tokio::test]
async fn the_officers_message_reaches_the_citizen_by_email_and_sms_once_without_content() {
    let smtp = SmtpSink::start();
    let elks = FakeElks::start();
    let app = spawn_app_with(TestOptions {
        notify: Some(settings(smtp.port, Some(&elks.url))),
        ..TestOptions::default()
    })
    .await;
    let (_, anna) = app.login_citizen(ANNA).await;
    save_profile(
        &app,
        &anna,
        json!({"email": "anna@exempel.se", "phone": "070-123 45 67",
               "notify_email": true, "notify_sms": true}),
    )
    .await;
    let case = submitted_fault_report(&app, &anna).await;
    let id = case["id"].as_str().unwrap().to_owned();
    let hanna = app.login_staff("handlaggare").await;
    json_of(act(&app, &hanna, &id, "start", json!({})).await, 200).await;
    let secret_text = "Vi lagar hålet på tisdag, kod 4711";
    json_of(
        act(&app, &hanna, &id, "messages", json!({"body": secret_text})).await,
        201,
    )
    .await;

    // The receipt and the message, each by e-mail and SMS; the SMS reported delivered.
    eventually("two e-mails and two delivered SMS", || async {
        smtp.messages().len() == 2 && rows_with(&app, "delivered").await == 2
    })
    .await;
    let link = format!("{}/arenden/{id}", app.address);
    let mails = smtp.messages();
    let mut message_ids: Vec<&str> = mails
        .iter()
        .map(|m| m["message_id"].as_str().unwrap())
        .collect();
    message_ids.sort_unstable();
    message_ids.dedup();
    assert_eq!(message_ids.len(), 2, "each e-mail once");
    for mail in &mails {
        assert_eq!(mail["to"], json!(["anna@exempel.se"]));
        assert_eq!(mail["from"], "Testby kommun <minasidor@testby.se>");
        assert_eq!(mail["reply_to"], "kontakt@testby.se");
        let text = mail["text"].as_str().unwrap();
        let html = mail["html"].as_str().unwrap();
        assert!(text.contains(&link), "{text}");
        assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
        for part in [text, html, mail["subject"].as_str().unwrap()] {
            assert_no_content(part, &case, secret_text);
        }
    }
    let subjects: Vec<&str> = mails
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert!(subjects.contains(&"Vi har tagit emot ditt ärende"));
    assert!(subjects.contains(&"Nytt meddelande på Mina sidor"));
    let sms = elks.messages();
    assert_eq!(sms.len(), 2);
    for one in &sms {
        assert_eq!(one.to, "+46701234567");
        assert_eq!(one.from, "Testby");
        assert!(one.message.contains(&link), "{}", one.message);
        assert_no_content(&one.message, &case, secret_text);
        assert!(
            one.callback
                .as_deref()
                .unwrap()
                .contains("/delivery-report?signature=")
        );
    }
    // Every row names the provider's id; the address is gone once the row is finished.
    for row in rows(&app).await {
        assert!(row.recipient.is_none(), "{row:?}");
        assert!(row.provider_ref.is_some());
        assert_eq!(row.attempts, 1);
    }

    // The citizen's log: four notices, the SMS delivered, the e-mail handed to the mail server.
    let log = json_of(
        app.get_with_token(&format!("/api/v1/cases/{id}/notifications"), &anna)
            .await,
        200,
    )
    .await;
    let notices = log["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 4);
    for notice in notices {
        let expected = if notice["channel"] == "sms" {
            "delivered"
        } else {
            "sent"
        };
        assert_eq!(notice["status"], expected, "{notice}");
    }
    assert!(notices.iter().any(|n| n["kind"] == "officer_message"));
    // Nobody else sees it.
    let (_, bertil) = app.login_citizen(crate::cases::BERTIL).await;
    problem(
        app.get_with_token(&format!("/api/v1/cases/{id}/notifications"), &bertil)
            .await,
        404,
        "not_found",
    )
    .await;

    // A forged or replayed delivery report changes nothing.
    let row = rows(&app)
        .await
        .into_iter()
        .find(|r| r.channel == "sms")
        .unwrap();
    let forged = app
        .client
        .post(app.url(&format!(
            "/api/v1/notifications/{}/delivery-report?signature={}",
            row.id,
            "0".repeat(64)
        )))
        .form(&[
            ("id", row.provider_ref.as_deref().unwrap()),
            ("status", "failed"),
        ])
        .send()
        .await
        .unwrap();
    problem(forged, 404, "not_found").await;
    let good = server::notify::reports::callback_url(&app.state.notifier, row.id);
    let wrong_id = app
        .client
        .post(&good)
        .form(&[("id", "s-someone-elses"), ("status", "failed")])
        .send()
        .await
        .unwrap();
    problem(wrong_id, 404, "not_found").await;
    assert_eq!(rows_with(&app, "delivered").await, 2);
}

#[tokio::test]
async fn a_mail_server_that_is_down_gets_the_notice_once_when_it_returns() {
    let port = free_port();
    let (app, user, anna) = app_with_mail(port, "anna@exempel.se").await;
    let queued = json_of(test_notice(&app, &anna).await, 202).await;
    assert_eq!(queued["notices"].as_array().unwrap().len(), 1);
    // Nothing listens: a temporary failure, tried again later with backoff.
    eventually("a failed first attempt", || async {
        rows(&app)
            .await
            .first()
            .is_some_and(|r| r.status == "pending" && r.attempts == 1)
    })
    .await;
    let row = rows(&app).await.remove(0);
    assert!(row.last_error.is_some());
    let wait = row.next_attempt_at - app.clock_now();
    assert!(
        wait >= Duration::seconds(20) && wait <= Duration::seconds(40),
        "{wait}"
    );
    assert_eq!(row.user_id, Some(user));

    // The mail server comes back; after the backoff the notice goes, once.
    let smtp = SmtpSink::start_on(port, false);
    app.clock.advance(Duration::seconds(41));
    eventually("the e-mail", || async {
        rows_with(&app, "sent").await == 1
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(smtp.messages().len(), 1);
    assert_eq!(rows(&app).await[0].attempts, 2);
    assert_eq!(
        smtp.messages()[0]["subject"],
        "Testavisering från Mina sidor"
    );
}

#[tokio::test]
async fn a_refused_address_fails_at_once_and_administrators_see_why() {
    let smtp = SmtpSink::start();
    let (app, _, anna) = app_with_mail(smtp.port, "avvisad@exempel.se").await;
    test_notice(&app, &anna).await;
    eventually("a failed notice", || async {
        rows_with(&app, "failed").await == 1
    })
    .await;
    let row = rows(&app).await.remove(0);
    assert_eq!(row.attempts, 1, "no retries after a permanent refusal");
    assert!(
        row.last_error.as_deref().unwrap().contains("550"),
        "{row:?}"
    );
    assert!(row.recipient.is_none());
    assert_eq!(row.recipient_hint, "a•••@exempel.se");

    // Administrators see it with the reason; officers and citizens do not.
    let admin = app.login_staff("admin").await;
    let failed = json_of(
        app.get_with_token("/api/v1/admin/notifications?status=failed", &admin)
            .await,
        200,
    )
    .await;
    assert_eq!(failed["entries"].as_array().unwrap().len(), 1);
    assert!(
        failed["entries"][0]["last_error"]
            .as_str()
            .unwrap()
            .contains("550")
    );
    assert_eq!(failed["entries"][0]["recipient_hint"], "a•••@exempel.se");
    let hanna = app.login_staff("handlaggare").await;
    problem(
        app.get_with_token("/api/v1/admin/notifications", &hanna)
            .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        app.get_with_token("/api/v1/admin/notifications?limit=0", &admin)
            .await,
        400,
        "invalid_query",
    )
    .await;
}

#[tokio::test]
async fn a_notice_is_given_up_after_the_retry_window_with_the_reason() {
    let port = free_port();
    let (app, _, anna) = app_with_mail(port, "anna@exempel.se").await;
    test_notice(&app, &anna).await;
    // Move time on while nothing listens, until the four hours are over.
    let mut attempts = 0;
    for _ in 0..400 {
        if rows_with(&app, "failed").await == 1 {
            break;
        }
        let row = rows(&app).await.remove(0);
        if row.status == "pending" && row.attempts > attempts {
            attempts = row.attempts;
            app.clock
                .advance(row.next_attempt_at - app.clock_now() + Duration::seconds(1));
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let row = rows(&app).await.remove(0);
    assert_eq!(row.status, "failed", "{row:?}");
    assert!(row.attempts >= 8, "retried with backoff: {}", row.attempts);
    assert!(row.failed_at.unwrap() - row.created_at <= Duration::hours(4) + Duration::minutes(1));
    assert!(row.failed_at.unwrap() - row.created_at >= Duration::hours(3));
}

#[tokio::test]
async fn sms_waits_for_the_end_of_the_quiet_hours_and_email_does_not() {
    let smtp = SmtpSink::start();
    let elks = FakeElks::start();
    let mut notify = settings(smtp.port, Some(&elks.url));
    notify.sms_quiet_hours = "21-08".into();
    let app = spawn_app_with(TestOptions {
        notify: Some(notify),
        ..TestOptions::default()
    })
    .await;
    // 22:30 in Sweden on 1 December (CET).
    app.clock
        .advance(Utc.with_ymd_and_hms(2026, 12, 1, 21, 30, 0).unwrap() - app.clock_now());
    let (_, anna) = app.login_citizen(ANNA).await;
    save_profile(
        &app,
        &anna,
        json!({"email": "anna@exempel.se", "phone": "0701234567",
               "notify_email": true, "notify_sms": true, "language": "en"}),
    )
    .await;
    test_notice(&app, &anna).await;
    eventually("the e-mail", || async { smtp.messages().len() == 1 }).await;
    assert_eq!(smtp.messages()[0]["subject"], "Test notice from Mina sidor");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(elks.messages().is_empty());
    let sms = rows(&app)
        .await
        .into_iter()
        .find(|r| r.channel == "sms")
        .unwrap();
    assert_eq!(sms.status, "pending");
    assert_eq!(sms.attempts, 0, "waiting is not an attempt");
    assert_eq!(
        sms.next_attempt_at,
        Utc.with_ymd_and_hms(2026, 12, 2, 7, 0, 0).unwrap()
    );
    // At 08:00 it goes.
    app.clock.advance(Duration::hours(10));
    eventually("the SMS", || async { elks.messages().len() == 1 }).await;
    assert!(
        elks.messages()[0]
            .message
            .starts_with("Testby kommun: Test notice")
    );
}

#[tokio::test]
async fn the_dev_mailbox_catches_every_notice_and_the_test_notice_is_limited() {
    let app = spawn_app().await;
    // Daytime in Sweden, so the SMS do not wait for the end of the quiet hours (21-08).
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    let (_, anna) = app.login_citizen(ANNA).await;
    // No channel chosen: nothing to send.
    problem(test_notice(&app, &anna).await, 409, "no_notice_channel").await;
    save_profile(
        &app,
        &anna,
        json!({"email": "anna@exempel.se", "phone": "0701234567",
               "notify_email": true, "notify_sms": true}),
    )
    .await;
    for _ in 0..5 {
        let queued = json_of(test_notice(&app, &anna).await, 202).await;
        assert_eq!(queued["notices"].as_array().unwrap().len(), 2);
        app.clock.advance(Duration::seconds(1));
    }
    let limited = test_notice(&app, &anna).await;
    assert!(limited.headers().contains_key("retry-after"));
    problem(limited, 429, "rate_limited").await;
    eventually("ten caught notices", || async {
        rows_with(&app, "delivered").await == 10
    })
    .await;
    let page = app.get("/dev/outbox").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("E-post till anna@exempel.se"));
    assert!(html.contains("SMS till +46701234567"));
    assert!(html.contains(&format!("href=\"{}/mina-sidor/profil\"", app.address)));
}

#[tokio::test]
async fn test_notices_asked_for_all_at_once_stay_within_the_hourly_budget() {
    let smtp = SmtpSink::start();
    let (app, _, anna) = app_with_mail(smtp.port, "anna@exempel.se").await;
    let asks = (0..10).map(|_| test_notice(&app, &anna));
    let answers = futures_util::future::join_all(asks).await;
    let accepted = answers.iter().filter(|r| r.status() == 202).count();
    let limited = answers.iter().filter(|r| r.status() == 429).count();
    assert_eq!((accepted, limited), (5, 5), "the budget is 5 an hour");
    assert_eq!(rows(&app).await.len(), 5);
}

#[tokio::test]
async fn administrators_edit_templates_with_a_preview_and_the_next_notice_uses_them() {
    let smtp = SmtpSink::start();
    let app = spawn_app_with(TestOptions {
        notify: Some(settings(smtp.port, None)),
        public_url: Some("https://minasidor.testby.se".into()),
        ..TestOptions::default()
    })
    .await;
    let admin = app.login_staff("admin").await;
    let list = json_of(
        app.get_with_token("/api/v1/admin/notice-templates", &admin)
            .await,
        200,
    )
    .await;
    assert_eq!(
        list["templates"].as_array().unwrap().len(),
        domain::NoticeKind::ALL.len() * 2
    );
    let path = "/api/v1/admin/notice-templates/test_notice/sv";
    let bad = json!({"subject": "Hej {name}", "body": "Ingen länk", "sms": "{link}"});
    let refused = problem(
        send(&app, reqwest::Method::PUT, path, &admin, Some(bad.clone())).await,
        422,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["subject", "body"]);
    problem(
        send(
            &app,
            reqwest::Method::PUT,
            "/api/v1/admin/notice-templates/nope/sv",
            &admin,
            Some(bad),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let texts = json!({
        "subject": "Prov från {municipality}",
        "body": "Hej!\n\nKlicka <här>:\n\n{link}",
        "sms": "{municipality}: prov {link}"
    });
    let preview = json_of(
        send(
            &app,
            reqwest::Method::POST,
            &format!("{path}/preview"),
            &admin,
            Some(texts.clone()),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(preview["subject"], "Prov från Testby kommun");
    assert_eq!(
        preview["sms"],
        "Testby kommun: prov https://minasidor.testby.se/mina-sidor/profil"
    );
    assert!(
        preview["html"]
            .as_str()
            .unwrap()
            .contains("Klicka &lt;här&gt;")
    );
    let hanna = app.login_staff("handlaggare").await;
    problem(
        send(
            &app,
            reqwest::Method::PUT,
            path,
            &hanna,
            Some(texts.clone()),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let saved = json_of(
        send(&app, reqwest::Method::PUT, path, &admin, Some(texts)).await,
        200,
    )
    .await;
    assert_eq!(saved["customized"], true);

    let (_, anna) = app.login_citizen(ANNA).await;
    save_profile(
        &app,
        &anna,
        json!({"email": "anna@exempel.se", "notify_email": true, "notify_sms": false}),
    )
    .await;
    test_notice(&app, &anna).await;
    eventually("the e-mail", || async { smtp.messages().len() == 1 }).await;
    assert_eq!(smtp.messages()[0]["subject"], "Prov från Testby kommun");

    let reset = json_of(
        send(&app, reqwest::Method::DELETE, path, &admin, None).await,
        200,
    )
    .await;
    assert_eq!(reset["customized"], false);
    assert_eq!(reset["texts"]["subject"], "Testavisering från Mina sidor");
    // The audit log names both changes.
    let audit = json_of(app.get_with_token("/api/v1/admin/audit", &admin).await, 200).await;
    let changes = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "notice_template_changed")
        .count();
    assert_eq!(changes, 2);
}

#[tokio::test]
async fn every_template_in_both_languages_renders_without_personal_data() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let case = submitted_fault_report(&app, &anna).await;
    let id = uuid::Uuid::parse_str(case["id"].as_str().unwrap()).unwrap();
    for kind in domain::NoticeKind::ALL {
        for language in [api_types::NoticeLanguage::Sv, api_types::NoticeLanguage::En] {
            let (texts, _) = server::notify::templates::effective(&app.state.db, kind, language)
                .await
                .unwrap();
            let link = server::notify::link(&app.state.notifier.public_url, kind, Some(id));
            let rendered =
                server::notify::templates::render(&texts, language, &link, "Testby kommun");
            for part in [
                &rendered.subject,
                &rendered.text,
                &rendered.html,
                &rendered.sms,
            ] {
                assert_no_content(part, &case, "\u{0}");
            }
            // The only link is to Mina sidor, and it carries nothing but the case id.
            assert!(
                link == format!("{}/arenden/{id}", app.address)
                    || link == format!("{}/mina-sidor/profil", app.address),
                "{link}"
            );
            assert!(!rendered.text.contains('?') || !rendered.text.contains("http"));
        }
    }
}

#[tokio::test]
async fn a_draft_about_to_expire_warns_its_owner_once_per_expiry_date() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    save_profile(
        &app,
        &anna,
        json!({"email": "anna@exempel.se", "notify_email": true, "notify_sms": false}),
    )
    .await;
    let draft = crate::cases::new_draft(&app, &anna, "felanmalan-gata-park").await;
    let id = uuid::Uuid::parse_str(draft["id"].as_str().unwrap()).unwrap();
    let expires = server::entities::cases::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .expires_at
        .unwrap();
    let warned = || async {
        server::cases::retention::warn_expiring_drafts(&app.state)
            .await
            .unwrap()
    };
    assert_eq!(warned().await, 0, "not yet");
    app.clock
        .advance(expires - app.clock_now() - Duration::days(7) + Duration::minutes(1));
    assert_eq!(warned().await, 1);
    assert_eq!(warned().await, 0, "once");
    let row = notifications::Entity::find()
        .filter(notifications::Column::CaseId.eq(id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.kind, "draft_expiring");
}
