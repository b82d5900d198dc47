//! Random sequences of a citizen's commands through the API: after every answer, accepted or
//! refused, the stored case equals the domain's `replay` of its stored events, and the history
//! the API shows is those events in order.

use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::cases::{ANNA, JPEG, complete_fault_report, new_draft, save, send, submit, upload};
use crate::helpers::{TestApp, spawn_app};
use crate::signing::collect_signing;

/// A small deterministic generator (xorshift64*), so a failing sequence can be replayed from
/// its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// The stored state must be what the stored events fold to; `None` when the case is gone.
async fn check_stored_state(app: &TestApp, token: &str, id: &str, step: &str) -> Option<Value> {
    let case_id: uuid::Uuid = id.parse().unwrap();
    let row = server::entities::cases::Entity::find_by_id(case_id)
        .one(&app.state.db)
        .await
        .unwrap();
    let events = server::cases::history(&app.state.db, case_id)
        .await
        .unwrap();
    let Some(row) = row else {
        assert!(events.is_empty(), "{step}: events outlived their case");
        return None;
    };
    let stored = server::cases::state_of(&row).unwrap();
    let replayed = domain::replay(&events).unwrap();
    assert_eq!(
        Some(stored),
        replayed,
        "{step}: stored state differs from the events"
    );
    let shown: Value = app
        .get_with_token(&format!("/api/v1/cases/{id}"), token)
        .await
        .json()
        .await
        .unwrap();
    let kinds: Vec<&str> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["kind"].as_str().unwrap())
        .collect();
    let names: Vec<&str> = events.iter().map(|event| event.kind.name()).collect();
    assert_eq!(kinds, names, "{step}: the history shown is not the events");
    assert_eq!(shown["lock_version"], json!(row.lock_version));
    Some(shown)
}

async fn run_sequence(app: &TestApp, token: &str, seed: u64, eservice: &str) {
    let mut rng = Rng(seed);
    let mut case = new_draft(app, token, eservice).await;
    let id = case["id"].as_str().unwrap().to_owned();
    let permit = eservice == "parkeringstillstand";
    for step in 0..20 {
        let command = rng.below(8);
        let label = format!("seed {seed}, step {step}, command {command}");
        let attachments = case["attachments"].as_array().unwrap().clone();
        let files: Vec<String> = attachments
            .iter()
            .map(|file| file["id"].as_str().unwrap().to_owned())
            .collect();
        let first_in = |field: &str| {
            attachments
                .iter()
                .find(|file| file["field_id"] == field)
                .map(|file| file["id"].clone())
                .unwrap_or(json!("saknas"))
        };
        let status = match command {
            // Save complete answers at the current revision (or, half the time, a stale one).
            0 | 1 => {
                let mut sent = case.clone();
                if command == 1 {
                    sent["lock_version"] = json!(case["lock_version"].as_i64().unwrap() - 1);
                }
                let answers = if permit {
                    json!({
                        "phone": "0701234567",
                        "address": {"street": "Storgatan 1", "postal_code": "733 30", "city": "Sala"},
                        "permit_for": "driver",
                        "walking_distance": 50,
                        "period": "up_to_1_year",
                        "medical_certificate": [first_in("medical_certificate")],
                        "photo": [first_in("photo")],
                        "contact_doctor": true,
                        "information_correct": true
                    })
                } else {
                    complete_fault_report(first_in("photos").as_str().unwrap())
                };
                save(app, token, &sent, answers).await.status()
            }
            2 => {
                let (field, name, bytes) = match (permit, rng.below(2)) {
                    (true, 0) => ("medical_certificate", "intyg.pdf", b"%PDF-1.7\n".to_vec()),
                    (true, _) => ("photo", "foto.jpg", JPEG.to_vec()),
                    (false, _) => ("photos", "a.jpg", JPEG.to_vec()),
                };
                upload(app, token, &id, field, name, bytes).await.status()
            }
            3 => match files.get(rng.below(3) as usize) {
                Some(file) => send(
                    app,
                    reqwest::Method::DELETE,
                    &format!("/api/v1/drafts/{id}/attachments/{file}"),
                    token,
                    None,
                )
                .await
                .status(),
                None => reqwest::StatusCode::OK,
            },
            4 | 5 => submit(app, token, &id, &format!("{seed}-{step}"))
                .await
                .status(),
            6 if permit => {
                let started = send(
                    app,
                    reqwest::Method::POST,
                    &format!("/api/v1/drafts/{id}/sign"),
                    token,
                    Some(json!({"device": "other_device"})),
                )
                .await;
                let status = started.status();
                if status == 201 {
                    let signing: Value = started.json().await.unwrap();
                    app.approve_latest_order(ANNA).await;
                    for _ in 0..50 {
                        if collect_signing(app, token, &signing).await["status"] != "pending" {
                            break;
                        }
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    }
                }
                status
            }
            6 => send(
                app,
                reqwest::Method::POST,
                &format!("/api/v1/drafts/{id}/validate"),
                token,
                Some(json!({})),
            )
            .await
            .status(),
            _ => {
                if rng.below(4) == 0 {
                    send(
                        app,
                        reqwest::Method::DELETE,
                        &format!("/api/v1/drafts/{id}"),
                        token,
                        None,
                    )
                    .await
                    .status()
                } else {
                    reqwest::StatusCode::OK
                }
            }
        };
        assert!(!status.is_server_error(), "{label}: {status}");
        match check_stored_state(app, token, &id, &label).await {
            Some(shown) => case = shown,
            None => return,
        }
    }
}

#[tokio::test]
async fn random_command_sequences_keep_the_stored_state_equal_to_the_replayed_events() {
    let app = spawn_app().await;
    let (_, token) = app.login_citizen(ANNA).await;
    let seeds: u64 = std::env::var("CASE_HISTORY_SEEDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    for seed in 1..=seeds {
        let eservice = if seed % 3 == 0 {
            "parkeringstillstand"
        } else {
            "felanmalan-gata-park"
        };
        run_sequence(
            &app,
            &token,
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            eservice,
        )
        .await;
    }
}
