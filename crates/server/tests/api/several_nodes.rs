//! What several nodes on one database need: nodes started at once migrate once, a node refuses a
//! schema newer than it knows, and housekeeping runs on one node at a time (PostgreSQL's
//! advisory lock; SQLite has one node).

use std::process::Command;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::helpers::{TestOptions, fresh_database_url, spawn_app_with};

async fn count(db: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

#[tokio::test]
async fn two_nodes_started_at_once_on_a_new_database_migrate_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path().to_path_buf()).await;
    // Production nodes: no demo data (it is for one development node).
    let options = || TestOptions {
        database_url: Some(url.clone()),
        demo_data: Some(false),
        ..Default::default()
    };
    let (first, second) = tokio::join!(spawn_app_with(options()), spawn_app_with(options()));
    let known =
        i64::try_from(<migration::Migrator as migration::MigratorTrait>::migrations().len())
            .unwrap();
    let db = &first.state.db;
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM seaql_migrations").await,
        known
    );
    // Both serve.
    assert_eq!(first.get("/readyz").await.status(), 200);
    assert_eq!(second.get("/readyz").await.status(), 200);
}

#[tokio::test]
async fn a_node_refuses_to_start_on_a_newer_schema_and_a_running_one_serves_on() {
    let app = spawn_app_with(TestOptions::default()).await;
    let url = app.state.settings.database.url.clone();
    app.state
        .db
        .execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) \
             VALUES ('m20991231_000001_from_a_newer_release', 0)",
        )
        .await
        .unwrap();
    // A node of the old release that is already running keeps serving through the upgrade.
    assert_eq!(app.get("/readyz").await.status(), 200);
    let dir = tempfile::tempdir().unwrap();
    for (command, auto_migrate) in [("migrate", "true"), ("serve", "false"), ("serve", "true")] {
        let output = Command::new(env!("CARGO_BIN_EXE_mina-sidor"))
            .arg(command)
            .env_clear()
            .env("APP_ENV", "development")
            .env("APP__SERVER__PORT", "0")
            .env("APP__DATABASE__URL", &url)
            .env("APP__DATABASE__AUTO_MIGRATE", auto_migrate)
            .env("APP__STORAGE__ATTACHMENTS_DIR", dir.path().join("files"))
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{command}: {stderr}");
        assert!(
            stderr.contains("m20991231_000001_from_a_newer_release")
                && stderr.contains("newer release"),
            "{command}: {stderr}"
        );
    }
}

#[tokio::test]
async fn housekeeping_runs_on_one_node_at_a_time() {
    let first = spawn_app_with(TestOptions::default()).await;
    let second = spawn_app_with(TestOptions {
        database_url: Some(first.state.settings.database.url.clone()),
        ..Default::default()
    })
    .await;
    let slow = || tokio::time::sleep(Duration::from_millis(500));
    let job = server::jobs::Job::Housekeeping;
    let postgres = first.state.db.get_database_backend() == DbBackend::Postgres;
    // The nodes' own first rounds may hold the lock for a moment: race until one side ran.
    let mut outcome = 0;
    for _ in 0..10 {
        let (a, b) = tokio::join!(
            server::jobs::run_alone(&first.state.db, job, slow()),
            server::jobs::run_alone(&second.state.db, job, slow()),
        );
        let ran = [a.unwrap(), b.unwrap()]
            .iter()
            .filter(|outcome| outcome.is_some())
            .count();
        if postgres {
            assert!(ran <= 1, "both nodes ran it at once");
        }
        outcome = ran;
        if ran > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Exactly one node on PostgreSQL; one node per SQLite file, which always runs it.
    assert_eq!(outcome, if postgres { 1 } else { 2 });
    // Once the holder is done, the next round runs.
    let again = server::jobs::run_alone(&second.state.db, job, async {}).await;
    assert_eq!(again.unwrap(), Some(()));
}

#[tokio::test]
async fn uploads_a_crash_left_half_received_are_removed_after_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join("stale.upload");
    let fresh = dir.path().join("fresh.upload");
    std::fs::write(&stale, b"half").unwrap();
    std::fs::write(&fresh, b"in progress").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(2 * 86_400))
        .unwrap();
    let removed =
        server::cases::retention::remove_stale_uploads(dir.path(), Duration::from_secs(86_400))
            .await;
    assert_eq!(removed, 1);
    assert!(!stale.exists());
    assert!(fresh.exists());
}
