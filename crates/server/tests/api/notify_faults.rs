//! Fault tests with real server processes (the `mina-sidor` binary) on one database: a node
//! killed with SIGKILL in the middle of a send leaves the notice to another node, which delivers
//! it once; two nodes deliver 1 000 notices between them, none twice, none lost. On SQLite by
//! default (one file, one writer), on PostgreSQL with `TEST_DATABASE_URL`.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, EntityTrait, PaginatorTrait};
use server::entities::notifications;
use server::notify::{Recipient, to_person};

use crate::notify_tools::{SmtpSink, free_port};

/// A database for several processes: a SQLite file, or a new PostgreSQL database.
async fn shared_database(dir: &std::path::Path) -> (String, DatabaseConnection) {
    let url = match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let name = format!("ms_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(base.as_str()).await.unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin.close().await.unwrap();
            let (server, _) = base.rsplit_once('/').unwrap();
            format!("{server}/{name}")
        }
        _ => format!("sqlite://{}/shared.db?mode=rwc", dir.display()),
    };
    let mut settings = server::config::Settings::defaults(server::config::Environment::Development);
    settings.database.url = url.clone();
    let db = server::db::connect(&settings.database).await.unwrap();
    server::db::migrate(&db, &settings.database).await.unwrap();
    (url, db)
}

/// A server process on `database_url` delivering e-mail to `smtp_port`.
struct Node(Child);

impl Node {
    fn start(
        database_url: &str,
        smtp_port: u16,
        dir: &std::path::Path,
        lease_seconds: u64,
    ) -> Self {
        let child = Command::new(env!("CARGO_BIN_EXE_mina-sidor"))
            .arg("serve")
            .env("APP_ENV", "development")
            .env("APP__SERVER__PORT", free_port().to_string())
            .env("APP__SERVER__STATIC_DIR", dir.join("no-spa"))
            .env("APP__DATABASE__URL", database_url)
            .env("APP__DATABASE__MAX_CONNECTIONS", "4")
            .env("APP__STORAGE__ATTACHMENTS_DIR", dir.join("files"))
            .env("APP__DEV__MAILBOX", "false")
            .env("APP__DEV__DEMO_DATA", "false")
            .env("APP__NOTIFY__POLL_INTERVAL_MS", "50")
            .env("APP__NOTIFY__BATCH_SIZE", "25")
            .env("APP__NOTIFY__LEASE_SECONDS", lease_seconds.to_string())
            .env("APP__NOTIFY__SMTP__HOST", "127.0.0.1")
            .env("APP__NOTIFY__SMTP__PORT", smtp_port.to_string())
            .env("APP__NOTIFY__SMTP__TLS", "none")
            .env("APP__NOTIFY__SMTP__TIMEOUT_SECONDS", "60")
            .env("APP__NOTIFY__SMTP__FROM", "minasidor@testby.se")
            .env("APP__LOG__LEVEL", "warn")
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Self(child)
    }

    fn kill(&mut self) {
        // SIGKILL: no shutdown, no cleanup.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

async fn queue(db: &DatabaseConnection, count: usize) -> Vec<uuid::Uuid> {
    let now = chrono::Utc::now();
    let mut ids = Vec::new();
    for n in 0..count {
        let recipient = Recipient {
            email: Some(format!("person{n}@exempel.se")),
            ..Recipient::default()
        };
        let rows = to_person(db, &recipient, domain::NoticeKind::TestNotice, None, now)
            .await
            .unwrap();
        ids.extend(rows.iter().map(|row| row.id));
    }
    ids
}

async fn wait_for(what: &str, limit: Duration, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn count_status(db: &DatabaseConnection, status: &str) -> u64 {
    use sea_orm::{ColumnTrait, QueryFilter};
    notifications::Entity::find()
        .filter(notifications::Column::Status.eq(status))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_node_killed_mid_send_leaves_the_notice_to_another_which_delivers_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let (url, db) = shared_database(dir.path()).await;
    // A mail server that takes the connection and never answers the message.
    let stalled = SmtpSink::start_on(free_port(), true);
    let mut first = Node::start(&url, stalled.port, dir.path(), 3);
    let ids = queue(&db, 1).await;
    wait_for(
        "the first node to take the notice",
        Duration::from_secs(30),
        async || count_status(&db, "sending").await == 1,
    )
    .await;
    first.kill();
    drop(stalled);

    let smtp = SmtpSink::start();
    let _second = Node::start(&url, smtp.port, dir.path(), 3);
    wait_for(
        "the second node to deliver it",
        Duration::from_secs(40),
        async || count_status(&db, "sent").await == 1,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = smtp.messages();
    assert_eq!(mails.len(), 1, "delivered once");
    assert!(
        mails[0]["message_id"]
            .as_str()
            .unwrap()
            .contains(&ids[0].simple().to_string()),
        "the notice id is the message's reference"
    );
    let row = notifications::Entity::find_by_id(ids[0])
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.attempts, 2, "the killed attempt and the delivery");
}

#[tokio::test]
async fn two_nodes_deliver_a_thousand_notices_none_twice_none_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (url, db) = shared_database(dir.path()).await;
    let smtp = SmtpSink::start();
    let ids = queue(&db, 1000).await;
    let _one = Node::start(&url, smtp.port, dir.path(), 300);
    let _two = Node::start(&url, smtp.port, dir.path(), 300);
    wait_for("1 000 deliveries", Duration::from_secs(240), async || {
        count_status(&db, "sent").await == 1000
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = smtp.messages();
    assert_eq!(mails.len(), 1000, "none twice, none lost");
    let mut seen: Vec<String> = mails
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_owned())
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 1000);
    for id in ids {
        assert!(seen.iter().any(|m| m.contains(&id.simple().to_string())));
    }
}
