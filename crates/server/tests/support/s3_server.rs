//! A real S3-compatible server for the tests: moto in server mode (PyPI `moto[server]`,
//! installed by `just setup` from `tools/s3/requirements.txt`), started on a free port and
//! stopped when dropped.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running moto server.
pub struct S3Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
}

impl S3Server {
    /// Starts moto and waits until it answers.
    pub async fn start() -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("python3")
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m moto.server (run `just setup`)");
        let server = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while client.get(&server.endpoint).send().await.is_err() {
            assert!(
                Instant::now() < deadline,
                "moto did not start (run `just setup`)"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        server
    }

    /// Creates `bucket`.
    pub async fn create_bucket(&self, bucket: &str) {
        let response = reqwest::Client::new()
            .put(format!("{}/{bucket}", self.endpoint))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
    }

    /// The keys in `bucket` (one listing page is enough for the tests).
    pub async fn keys(&self, bucket: &str) -> Vec<String> {
        let listing = reqwest::Client::new()
            .get(format!("{}/{bucket}?list-type=2", self.endpoint))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        listing
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split("</Key>").next())
            .map(str::to_owned)
            .collect()
    }

    /// The headers S3 answers a HEAD of `key` with.
    pub async fn head(&self, bucket: &str, key: &str) -> reqwest::header::HeaderMap {
        let response = reqwest::Client::new()
            .head(format!("{}/{bucket}/{key}", self.endpoint))
            // moto refuses anonymous object reads but does not check signatures.
            .header(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=test/20261201/us-east-1/s3/aws4_request, \
                 SignedHeaders=host, Signature=0",
            )
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        response.headers().clone()
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
