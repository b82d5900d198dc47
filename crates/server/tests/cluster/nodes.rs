//! The parts of the cluster: a PostgreSQL database, moto (S3), the BankID simulator, two
//! `mina-sidor` nodes and HAProxy with `deploy/haproxy.cfg`; each a real process.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};

#[path = "../support/s3_server.rs"]
mod s3_server;
use s3_server::S3Server;

const VERIFIER: &str = "cluster-test-verifier-0123456789-abcdefghijklmnopqrs";
const BUCKET: &str = "minasidor-cluster";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A child process killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Everything running, and a client for the load balancer.
pub struct Cluster {
    pub client: reqwest::Client,
    balancer_url: String,
    simulator_url: String,
    db: DatabaseConnection,
    env: Vec<(String, String)>,
    ports: [u16; 2],
    nodes: std::sync::Mutex<[Option<Process>; 2]>,
    _haproxy: Process,
    _simulator: Process,
    s3: S3Server,
    _dir: tempfile::TempDir,
}

impl Cluster {
    /// Starts every part, migrates with `mina-sidor migrate` and imports the fault report
    /// e-service, as the README's production section does.
    pub async fn start() -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let dir = tempfile::tempdir().unwrap();
        let base = std::env::var("TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let name = format!("ms_test_cluster_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(base.as_str()).await.expect("PostgreSQL");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        admin.close().await.unwrap();
        let database_url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);

        let s3 = S3Server::start().await;
        s3.create_bucket(BUCKET).await;
        let (simulator, simulator_url) = start_simulator();
        let balancer_port = free_port();
        let balancer_url = format!("http://127.0.0.1:{balancer_port}");
        let env: Vec<(String, String)> = [
            ("APP_ENV", "development"),
            ("APP__DEV__BANKID_SIMULATOR", "false"),
            ("APP__DEV__MAILBOX", "false"),
            ("APP__DEV__DEMO_DATA", "false"),
            (
                "APP__BANKID__BASE_URL",
                &format!("{simulator_url}/rp/v6.0/"),
            ),
            ("APP__DATABASE__URL", &database_url),
            ("APP__DATABASE__AUTO_MIGRATE", "false"),
            ("APP__DATABASE__MAX_CONNECTIONS", "8"),
            (
                "APP__AUTH__JWT_SECRET",
                "cluster-test-secret-0123456789-abcdefghijkl",
            ),
            ("APP__SERVER__PUBLIC_URL", &balancer_url),
            ("APP__SERVER__TRUSTED_PROXIES", "127.0.0.1"),
            ("APP__SERVER__SHUTDOWN_DRAIN_SECONDS", "2"),
            (
                "APP__SERVER__STATIC_DIR",
                &dir.path().join("no-spa").display().to_string(),
            ),
            ("APP__STORAGE__BACKEND", "s3"),
            (
                "APP__STORAGE__ATTACHMENTS_DIR",
                &dir.path().join("files").display().to_string(),
            ),
            ("APP__STORAGE__S3__BUCKET", BUCKET),
            ("APP__STORAGE__S3__ENDPOINT", &s3.endpoint),
            ("APP__STORAGE__S3__ACCESS_KEY_ID", "test"),
            ("APP__STORAGE__S3__SECRET_ACCESS_KEY", "test"),
            ("APP__RATE_LIMIT__STORE", "database"),
            // The test's own clients come from few addresses: only the login budget stays.
            ("APP__RATE_LIMIT__BUDGETS__DRAFT_CREATE__PER_IP", "100000"),
            ("APP__RATE_LIMIT__BUDGETS__DRAFT_CREATE__PER_USER", "100000"),
            ("APP__RATE_LIMIT__BUDGETS__WRITE__PER_IP", "100000"),
            ("APP__RATE_LIMIT__BUDGETS__WRITE__PER_USER", "100000"),
            ("APP__RATE_LIMIT__BUDGETS__BANKID_POLL__PER_IP", "100000"),
            ("APP__LIMITS__OPEN_DRAFTS_PER_CITIZEN", "100000"),
            ("APP__LOG__LEVEL", "error"),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect();

        run(&env, &["migrate"]);
        let definition = repo_root().join("eservices/demo/felanmalan-gata-park.json");
        run(&env, &["eservice", "import", definition.to_str().unwrap()]);

        let ports = [free_port(), free_port()];
        let nodes = [
            Some(start_node(&env, ports[0])),
            Some(start_node(&env, ports[1])),
        ];
        for port in ports {
            wait_ready(&format!("http://127.0.0.1:{port}/readyz")).await;
        }
        let haproxy = Command::new("haproxy")
            .args(["-db", "-f"])
            .arg(repo_root().join("deploy/haproxy.cfg"))
            .env("MS_LISTEN", format!("127.0.0.1:{balancer_port}"))
            .env("MS_NODE1", format!("127.0.0.1:{}", ports[0]))
            .env("MS_NODE2", format!("127.0.0.1:{}", ports[1]))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("haproxy (run `just setup-cluster`)");
        let db = Database::connect(database_url.as_str()).await.unwrap();
        let cluster = Self {
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
            balancer_url,
            simulator_url,
            db,
            env,
            ports,
            nodes: std::sync::Mutex::new(nodes),
            _haproxy: Process(haproxy),
            _simulator: simulator,
            s3,
            _dir: dir,
        };
        cluster.wait_in_rotation("node1").await;
        cluster.wait_in_rotation("node2").await;
        cluster
    }

    /// A URL on the load balancer.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.balancer_url)
    }

    /// Starts a bearer login from `from` (the client address the balancer passes on).
    pub async fn start_login(&self, from: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/auth/bankid"))
            .header("x-forwarded-for", from)
            .json(
                &json!({"device": "other_device", "token_delivery": "bearer",
                          "code_challenge": server::auth::bankid_login::code_challenge(VERIFIER)}),
            )
            .send()
            .await
            .unwrap()
    }

    /// Logs `personnummer` in through the balancer with the shared BankID simulator; the token
    /// and the nodes that answered the start and the collects.
    pub async fn login(&self, personnummer: &str, from: &str) -> (String, Vec<String>) {
        let start = self.start_login(from).await;
        let mut nodes = vec![served_by(&start)];
        let started: Value = start.json().await.unwrap();
        let login_id = started["login_id"].as_str().expect("a login").to_owned();
        let orders: Vec<Value> = self
            .client
            .get(format!("{}/control/orders", self.simulator_url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let order = orders.last().unwrap()["orderRef"]
            .as_str()
            .unwrap()
            .to_owned();
        let approved = self
            .client
            .post(format!(
                "{}/control/orders/{order}/approve",
                self.simulator_url
            ))
            .json(&json!({"personalNumber": personnummer}))
            .send()
            .await
            .unwrap();
        assert!(approved.status().is_success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let collected = self
                .client
                .post(self.url(&format!("/api/v1/auth/bankid/{login_id}/collect")))
                .header("x-code-verifier", VERIFIER)
                .header("x-forwarded-for", from)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            nodes.push(served_by(&collected));
            let done: Value = collected.json().await.unwrap();
            if let Some(token) = done["token"].as_str() {
                return (token.to_owned(), nodes);
            }
            assert!(Instant::now() < deadline, "no token: {done}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The objects in the bucket (each answering a HEAD).
    pub async fn stored_objects(&self) -> Vec<String> {
        let keys = self.s3.keys(BUCKET).await;
        for key in &keys {
            self.s3.head(BUCKET, key).await;
        }
        keys
    }

    /// Every case number given so far (the running number of `YYYY-NNNNNN`).
    pub async fn case_numbers(&self) -> Vec<u64> {
        server::entities::cases::Entity::find()
            .filter(server::entities::cases::Column::CaseNumber.is_not_null())
            .all(&self.db)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|case| case.case_number)
            .map(|number| number.rsplit('-').next().unwrap().parse().unwrap())
            .collect()
    }

    /// The case number the database holds for case `id`.
    pub async fn case_number_in_db(&self, id: &str) -> Option<u64> {
        let id: uuid::Uuid = id.parse().unwrap();
        server::entities::cases::Entity::find_by_id(id)
            .one(&self.db)
            .await
            .unwrap()
            .and_then(|case| case.case_number)
            .map(|number| number.rsplit('-').next().unwrap().parse().unwrap())
    }

    /// SIGKILL: no drain, no cleanup.
    pub fn kill(&self, node: usize) {
        let process = self.nodes.lock().unwrap()[node].take();
        drop(process);
    }

    /// SIGTERM, and wait for the node to finish its drain and exit.
    pub async fn terminate(&self, node: usize) {
        let taken = self.nodes.lock().unwrap()[node].take();
        let Some(mut process) = taken else {
            return;
        };
        let status = Command::new("kill")
            .args(["-TERM", &process.0.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(30);
        while process.0.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "the node did not stop");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts the node again on its port and waits until the balancer sends it requests.
    pub async fn restart(&self, node: usize) {
        let old = self.nodes.lock().unwrap()[node].take();
        drop(old);
        let process = start_node(&self.env, self.ports[node]);
        self.nodes.lock().unwrap()[node] = Some(process);
        wait_ready(&format!("http://127.0.0.1:{}/readyz", self.ports[node])).await;
        self.wait_in_rotation(&format!("node{}", node + 1)).await;
    }

    async fn wait_in_rotation(&self, name: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(response) = self.client.get(self.url("/readyz")).send().await
                && response
                    .headers()
                    .get("x-served-by")
                    .and_then(|v| v.to_str().ok())
                    == Some(name)
            {
                return;
            }
            assert!(Instant::now() < deadline, "{name} never came into rotation");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The node HAProxy sent the request to (`X-Served-By`).
pub fn served_by(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("x-served-by")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn command(env: &[(String, String)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mina-sidor"));
    command.env_clear();
    if let Ok(path) = std::env::var("PATH") {
        command.env("PATH", path);
    }
    command.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    command
}

fn run(env: &[(String, String)], args: &[&str]) {
    let output = command(env).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "mina-sidor {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn start_node(env: &[(String, String)], port: u16) -> Process {
    let child = command(env)
        .arg("serve")
        .env("APP__SERVER__PORT", port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    Process(child)
}

async fn wait_ready(url: &str) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(response) = client.get(url).send().await
            && response.status() == 200
        {
            return;
        }
        assert!(Instant::now() < deadline, "{url} never became ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn start_simulator() -> (Process, String) {
    let binary = std::env::var("BANKID_SIMULATOR_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo_root().join("target/debug/bankid-simulator"));
    let mut child = Command::new(&binary)
        .args(["--port", "0", "--step-ms", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|error| panic!("{}: {error} (run `just test-cluster`)", binary.display()));
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    // "bankid-simulator listening on http://HOST:PORT/rp/v6.0/ (test app: …)"
    let url = line
        .split("listening on ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the simulator's address")
        .trim_end_matches("/rp/v6.0/")
        .to_owned();
    (Process(child), url)
}
