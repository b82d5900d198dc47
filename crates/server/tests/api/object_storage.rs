//! Attachments in an S3-compatible bucket (a real moto server): uploads go up (in parts when
//! large) with the server-side encryption asked for, downloads stream back, deletes remove the
//! object, nothing stays on the node's disk, and a node whose bucket does not answer refuses to
//! start.

use sha2::{Digest, Sha256};

use crate::cases::{ANNA, JPEG, attach, new_draft, send};
use crate::helpers::{TestApp, TestOptions, spawn_app_with};

#[path = "../support/s3_server.rs"]
mod s3_server;
use s3_server::S3Server;

const BUCKET: &str = "minasidor-test";

async fn app_on(s3: &S3Server) -> TestApp {
    s3.create_bucket(BUCKET).await;
    spawn_app_with(TestOptions {
        s3: Some(server::config::S3Settings {
            bucket: Some(BUCKET.into()),
            endpoint: Some(s3.endpoint.clone()),
            access_key_id: Some("test".into()),
            secret_access_key: Some("test".into()),
            prefix: "attachments".into(),
            server_side_encryption: Some("AES256".into()),
            ..Default::default()
        }),
        ..Default::default()
    })
    .await
}

async fn download(app: &TestApp, token: &str, attachment: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/api/v1/attachments/{attachment}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

fn files_in(dir: &std::path::Path) -> usize {
    walk(dir).len()
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

#[tokio::test]
async fn attachments_go_to_the_bucket_encrypted_come_back_and_are_deleted_from_it() {
    let s3 = S3Server::start().await;
    let app = app_on(&s3).await;
    let (_, token) = app.login_citizen(ANNA).await;
    let mut draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    let attachment = attach(&app, &token, &mut draft, "photos", "hål.jpg", JPEG.to_vec()).await;

    let keys = s3.keys(BUCKET).await;
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(keys[0].starts_with("attachments/"), "{keys:?}");
    let head = s3.head(BUCKET, &keys[0]).await;
    assert_eq!(head["x-amz-server-side-encryption"], "AES256");

    let response = download(&app, &token, &attachment.id.to_string()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.unwrap().as_ref(), JPEG);

    let draft_id = draft["id"].as_str().unwrap();
    let removed = send(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/v1/drafts/{draft_id}/attachments/{}", attachment.id),
        &token,
        None,
    )
    .await;
    assert!(removed.status().is_success(), "{}", removed.status());
    assert!(s3.keys(BUCKET).await.is_empty(), "the object is deleted");
    // Nothing stayed on the node: the received upload went up and was removed.
    assert_eq!(files_in(&app.state.settings.storage.attachments_dir), 0);
}

#[tokio::test]
async fn a_large_upload_goes_up_in_parts_and_streams_back_whole() {
    let s3 = S3Server::start().await;
    let app = app_on(&s3).await;
    let (_, token) = app.login_citizen(ANNA).await;
    let mut draft = new_draft(&app, &token, "felanmalan-gata-park").await;
    // The photo field's limit, 10 MiB: two parts of 5 MiB.
    let mut photo = JPEG.to_vec();
    photo.resize(10 * 1024 * 1024, 0x5a);
    let attachment = attach(
        &app,
        &token,
        &mut draft,
        "photos",
        "stor.jpg",
        photo.clone(),
    )
    .await;

    let keys = s3.keys(BUCKET).await;
    let etag = s3.head(BUCKET, &keys[0]).await["etag"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        etag.trim_matches('"').ends_with("-2"),
        "a two-part upload: {etag}"
    );
    let head = s3.head(BUCKET, &keys[0]).await;
    assert_eq!(head["x-amz-server-side-encryption"], "AES256");

    let response = download(&app, &token, &attachment.id.to_string()).await;
    assert_eq!(response.status(), 200);
    let body = response.bytes().await.unwrap();
    assert_eq!(body.len(), photo.len());
    assert_eq!(Sha256::digest(&body), Sha256::digest(&photo));
}

#[tokio::test]
async fn a_node_whose_bucket_does_not_answer_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mina-sidor"))
        .arg("serve")
        .env_clear()
        .env("APP_ENV", "development")
        .env("APP__SERVER__PORT", "0")
        .env(
            "APP__DATABASE__URL",
            format!("sqlite://{}/db.sqlite?mode=rwc", dir.path().display()),
        )
        .env("APP__STORAGE__ATTACHMENTS_DIR", dir.path().join("files"))
        .env("APP__STORAGE__BACKEND", "s3")
        .env("APP__STORAGE__S3__BUCKET", "nowhere")
        .env("APP__STORAGE__S3__ENDPOINT", &endpoint)
        .env("APP__STORAGE__S3__ACCESS_KEY_ID", "test")
        .env("APP__STORAGE__S3__SECRET_ACCESS_KEY", "test")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("bucket nowhere does not answer"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_download_resumes_with_a_byte_range_from_the_bucket() {
    let s3 = S3Server::start().await;
    let app = app_on(&s3).await;
    let (id, photo, token) = crate::downloads::stored_photo(&app, 300_000).await;
    crate::downloads::ranges_are_served(&app, &id, &photo, &token).await;
}
