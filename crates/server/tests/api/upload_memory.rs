//! Uploads stream to disk: ten files of the largest allowed size (10 MB) sent at once keep the
//! server process (the `mina-sidor` binary, measured by its peak resident memory) below 150 MB,
//! and every file comes back whole from a streamed download.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::notify_tools::free_port;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Peak resident memory of process `pid` in bytes (Linux `VmHWM`).
fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb * 1024
}

#[tokio::test]
async fn ten_largest_uploads_at_once_stay_below_150_mb_of_memory() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_mina-sidor"))
        .arg("serve")
        .env("APP_ENV", "development")
        .env("APP__SERVER__PORT", port.to_string())
        .env("APP__SERVER__STATIC_DIR", dir.path().join("no-spa"))
        .env(
            "APP__DATABASE__URL",
            format!("sqlite://{}/db.sqlite?mode=rwc", dir.path().display()),
        )
        .env("APP__STORAGE__ATTACHMENTS_DIR", dir.path().join("files"))
        .env("APP__BANKID__SIMULATOR_STEP_SECONDS", "0")
        .env("APP__LOG__LEVEL", "warn")
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .map_or(true, |r| r.status() != 200)
    {
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // A citizen logs in through the simulator, as a mobile app does.
    let verifier = "upload-memory-test-verifier-0123456789-abcdefghijklmnop";
    let started: Value = client
        .post(format!("{base}/api/v1/auth/bankid"))
        .json(
            &json!({"device": "other_device", "token_delivery": "bearer",
                      "code_challenge": server::auth::bankid_login::code_challenge(verifier)}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let login_id = started["login_id"].as_str().unwrap();
    let orders: Vec<Value> = client
        .get(format!("{base}/bankid-sim/control/orders"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let order = orders.last().unwrap()["orderRef"].as_str().unwrap();
    client
        .post(format!("{base}/bankid-sim/control/orders/{order}/approve"))
        .json(&json!({"personalNumber": crate::cases::ANNA}))
        .send()
        .await
        .unwrap();
    let token = loop {
        let done: Value = client
            .post(format!("{base}/api/v1/auth/bankid/{login_id}/collect"))
            .header("x-code-verifier", verifier)
            .json(&json!({}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if let Some(token) = done["token"].as_str() {
            break token.to_owned();
        }
        assert!(Instant::now() < deadline, "no token: {done}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mut drafts = Vec::new();
    for _ in 0..10 {
        let draft: Value = client
            .post(format!("{base}/api/v1/drafts"))
            .bearer_auth(&token)
            .json(&json!({"eservice": "felanmalan-gata-park"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        drafts.push(draft["id"].as_str().unwrap().to_owned());
    }
    let before = peak_rss(server.0.id());

    // Ten files of exactly the field's limit, all at once.
    let mut photo = vec![0xFF, 0xD8, 0xFF, 0xE0];
    photo.resize(10 * 1024 * 1024, 0x5A);
    let digest = hex::encode(Sha256::digest(&photo));
    let uploads = drafts.iter().map(|id| {
        client
            .post(format!(
                "{base}/api/v1/drafts/{id}/attachments?field=photos&name=stor.jpg"
            ))
            .bearer_auth(&token)
            .header("content-type", "application/octet-stream")
            .body(photo.clone())
            .send()
    });
    let answers = futures_util::future::join_all(uploads).await;
    let mut ids = Vec::new();
    for answer in answers {
        let answer = answer.unwrap();
        assert_eq!(answer.status(), 201);
        let body: Value = answer.json().await.unwrap();
        ids.push(body["id"].as_str().unwrap().to_owned());
    }
    let peak = peak_rss(server.0.id());
    assert!(
        peak < 150 * 1024 * 1024,
        "peak RSS {} MB (before the uploads {} MB)",
        peak / (1024 * 1024),
        before / (1024 * 1024)
    );
    // Streamed back whole.
    for id in ids.iter().take(2) {
        let back = client
            .get(format!("{base}/api/v1/attachments/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(back.status(), 200);
        let bytes = back.bytes().await.unwrap();
        assert_eq!(hex::encode(Sha256::digest(&bytes)), digest);
    }
    // Nothing is left behind in the folder of uploads being received.
    let incoming = dir.path().join("files/incoming");
    let left = std::fs::read_dir(&incoming).map_or(0, Iterator::count);
    assert_eq!(left, 0);
    drop(server);
}
