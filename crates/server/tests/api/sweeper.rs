//! Nothing kept longer than needed: the sweeper deletes ended sessions, finished BankID logins,
//! signings that never completed and old idempotency keys after their periods, with the
//! injected clock, and keeps what is still live.

use chrono::Duration;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::cases::{ANNA, BERTIL, send};
use crate::helpers::spawn_app;
use crate::signing::{complete_parking_permit, start_signing};
use server::entities::{bankid_logins, case_signatures, idempotency_keys, sessions};

async fn count<E: EntityTrait>(app: &crate::helpers::TestApp, _entity: E) -> u64
where
    E::Model: Sync,
{
    E::find().count(&app.state.db).await.unwrap()
}

async fn sweep(app: &crate::helpers::TestApp) -> server::sweeper::Swept {
    server::sweeper::sweep(&app.state.db, app.clock_now(), 30)
        .await
        .unwrap()
}

#[tokio::test]
async fn ended_sessions_finished_logins_stale_signings_and_old_keys_are_deleted_in_time() {
    let app = spawn_app().await;
    // Anna logs out; Bertil stays logged in and keeps using the site.
    let (_, anna) = app.login_citizen(ANNA).await;
    let (_, bertil) = app.login_citizen(BERTIL).await;
    // Bertil: a permit with a signing started and abandoned, and a submitted case's key.
    let permit = complete_parking_permit(&app, &bertil).await;
    start_signing(&app, &bertil, permit["id"].as_str().unwrap()).await;
    crate::officer::submitted_fault_report(&app, &bertil).await;
    let out = send(
        &app,
        reqwest::Method::DELETE,
        "/api/v1/session",
        &anna,
        None,
    )
    .await;
    assert_eq!(out.status(), 204);
    // A BankID login that is started and cancelled.
    let (login_id, cookies) = app.start_login(json!({"device": "other_device"})).await;
    let cancelled = app
        .post_json(
            &format!("/api/v1/auth/bankid/{login_id}/cancel"),
            &json!({}),
            &cookies,
        )
        .await;
    assert!(cancelled.status().is_success(), "{}", cancelled.status());
    let keys = count(&app, idempotency_keys::Entity).await;
    assert!(keys >= 1, "the submit left its key");

    // Nothing is due yet.
    assert_eq!(sweep(&app).await, server::sweeper::Swept::default());

    // After an hour: the login and the abandoned signing are gone.
    app.clock.advance(Duration::minutes(61));
    let swept = sweep(&app).await;
    assert!(swept.bankid_logins >= 1, "{swept:?}");
    assert_eq!(swept.signings, 1, "{swept:?}");
    assert_eq!(count(&app, bankid_logins::Entity).await, 0);
    assert_eq!(count(&app, case_signatures::Entity).await, 0);
    assert_eq!(swept.sessions, 0);

    // Bertil is active; a day later Anna's ended session and the day-old key are gone.
    app.clock.advance(Duration::hours(24));
    assert_eq!(
        app.get_with_token("/api/v1/session", &bertil)
            .await
            .status(),
        401,
        "idle for a day, Bertil's session ended too"
    );
    let (_, bertil) = app.login_citizen_again(BERTIL).await;
    let swept = sweep(&app).await;
    assert_eq!(
        swept.sessions, 2,
        "Anna's ended and Bertil's idle one: {swept:?}"
    );
    assert_eq!(swept.idempotency_keys, keys);
    assert_eq!(count(&app, sessions::Entity).await, 1);
    assert_eq!(
        app.get_with_token("/api/v1/session", &bertil)
            .await
            .status(),
        200
    );
}
