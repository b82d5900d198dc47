use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use sea_orm::{ConnectionTrait, Database};
use server::clock::ManualClock;
use server::config::{Environment, Settings};
use server::entities::users;
use server::startup::Application;
use server::state::AppState;
use std::sync::Arc;
use tokio::sync::oneshot;

/// The inline loader a Trunk build puts into index.html, for CSP tests.
pub const INLINE_LOADER: &str = "import init from '/frontend.js';init('/frontend_bg.wasm');";

/// The PKCE-style verifier the tests' bearer logins are bound to (sent as `X-Code-Verifier`).
pub const TEST_VERIFIER: &str = "test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

/// `BASE64URL(SHA-256(TEST_VERIFIER))`.
pub fn test_challenge() -> String {
    server::auth::bankid_login::code_challenge(TEST_VERIFIER)
}

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub clock: Arc<ManualClock>,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: tempfile::TempDir,
}

/// Knobs for one test's server.
#[derive(Default)]
pub struct TestOptions {
    pub auto_migrate: Option<bool>,
    pub shutdown_drain_seconds: Option<u64>,
    pub simulator: Option<bool>,
    pub oidc: Option<server::config::OidcSettings>,
    /// Notification settings (the dev mailbox is switched off when given).
    pub notify: Option<server::notify::config::NotifySettings>,
    /// The public URL links are made from.
    pub public_url: Option<String>,
    /// Per-citizen quotas.
    pub limits: Option<server::config::LimitsSettings>,
    /// Another BankID RP API than the built-in simulator (a stand-in in the test).
    pub bankid_base_url: Option<String>,
    /// Rate limits; by default every budget is raised out of the tests' way.
    pub rate_limit: Option<server::rate_limit::RateLimitSettings>,
    /// Another test app's database (two nodes on one database).
    pub database_url: Option<String>,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Demo e-services and accounts (on by default in development).
    pub demo_data: Option<bool>,
    /// Attachments in an S3 bucket instead of the folder.
    pub s3: Option<server::config::S3Settings>,
}

/// Rate limits with every budget at `per_minute` per address and per person.
pub fn budgets_at(per_minute: u32) -> server::rate_limit::RateLimitSettings {
    use server::rate_limit::{Budget, config::BudgetOverride};
    server::rate_limit::RateLimitSettings {
        budgets: Budget::ALL
            .iter()
            .map(|budget| {
                (
                    budget.name().to_owned(),
                    BudgetOverride {
                        per_ip: Some(per_minute),
                        per_user: Some(per_minute),
                    },
                )
            })
            .collect(),
        ..Default::default()
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(TestOptions::default()).await
}

pub async fn spawn_app_with(options: TestOptions) -> TestApp {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().expect("temp dir");
    let static_dir = dir.path().join("dist");
    std::fs::create_dir_all(&static_dir).expect("static dir");
    std::fs::write(
        static_dir.join("index.html"),
        format!(
            "<!doctype html><html lang=\"sv\"><head><title>Mina sidor</title>\
             <script type=\"module\">{INLINE_LOADER}</script></head><body></body></html>"
        ),
    )
    .expect("index.html");
    std::fs::write(static_dir.join("app.css"), "body{}").expect("css");

    let mut settings = Settings::defaults(Environment::Development);
    settings.server.port = 0;
    settings.server.static_dir = static_dir;
    settings.database.url = match options.database_url {
        Some(url) => url,
        None => fresh_database_url(dir.path().to_path_buf()).await,
    };
    settings.rate_limit = options.rate_limit.unwrap_or_else(|| budgets_at(1_000_000));
    settings.server.trusted_proxies = options.trusted_proxies;
    settings.storage.attachments_dir = dir.path().join("attachments");
    settings.database.auto_migrate = options.auto_migrate.unwrap_or(true);
    settings.server.shutdown_drain_seconds = options.shutdown_drain_seconds.unwrap_or(0);
    settings.server.shutdown_timeout_seconds = 5;
    settings.municipality.name = "Testby kommun".into();
    // Approved orders complete at once.
    settings.bankid.simulator_step_seconds = 0.0;
    settings.dev.bankid_simulator = options.simulator;
    settings.dev.demo_data = options.demo_data;
    if let Some(s3) = options.s3 {
        settings.storage.backend = server::config::StorageBackend::S3;
        settings.storage.s3 = s3;
    }
    if let Some(oidc) = options.oidc {
        settings.oidc = oidc;
    }
    settings.notify.poll_interval_ms = 50;
    if let Some(notify) = options.notify {
        settings.notify = notify;
        settings.dev.mailbox = Some(false);
    }
    settings.server.public_url = options.public_url;
    if let Some(limits) = options.limits {
        settings.limits = limits;
    }
    if let Some(url) = options.bankid_base_url {
        settings.bankid.base_url = Some(url);
    }
    if options.simulator == Some(false) {
        // Without the simulator the server needs a real BankID setup: BankID's public test
        // certificate against its test service (nothing is called in these tests).
        let pkcs12 = dir.path().join("bankid-test.p12");
        std::fs::write(&pkcs12, bankid::certs::TEST_RP_PKCS12).expect("write p12");
        settings.bankid.base_url = Some(bankid::certs::TEST_BASE_URL.into());
        settings.bankid.pkcs12_path = Some(pkcs12);
        settings.bankid.pkcs12_password = Some(bankid::certs::TEST_RP_PKCS12_PASSWORD.into());
    }

    let clock = Arc::new(ManualClock::new(Utc::now()));
    let application = Application::build_with_clock(settings, clock.clone())
        .await
        .expect("server starts");
    let state = application.state().clone();
    let address = format!("http://127.0.0.1:{}", application.port());
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let server = tokio::spawn(application.run_until(async move {
        let _ = stop_rx.await;
    }));
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(20))
            .build()
            .expect("client"),
        clock,
        state,
        stop: Some(stop_tx),
        server: Some(server),
        _dir: dir,
    }
}

/// A SQLite file in the test's temp dir, or a new database on the PostgreSQL server named by
/// `TEST_DATABASE_URL`.
pub async fn fresh_database_url(dir: PathBuf) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let name = format!("ms_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(base.as_str())
                .await
                .expect("connect to TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            admin.close().await.expect("close admin connection");
            let (server, _) = base.rsplit_once('/').expect("URL has a database path");
            format!("{server}/{name}")
        }
        _ => format!("sqlite://{}/test.db?mode=rwc", dir.display()),
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// Creates a citizen directly in the database (as a BankID login would) and a session for
    /// them; returns the user id and the bearer token.
    pub async fn login_citizen(&self, personnummer: &str) -> (uuid::Uuid, String) {
        let user = users::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            personnummer: Set(users::StoredPersonnummer::from_digits(personnummer)
                .expect("a valid test personnummer")),
            given_name: Set("Anna".into()),
            surname: Set("Andersson".into()),
            role: Set("citizen".into()),
            created_at: Set(self.clock_now()),
            last_login_at: Set(Some(self.clock_now())),
        }
        .insert(&self.state.db)
        .await
        .expect("insert user");
        let session = server::auth::sessions::create(&self.state, user.id)
            .await
            .expect("create session");
        (user.id, session.token)
    }

    /// A new session for an existing citizen.
    pub async fn login_citizen_again(&self, personnummer: &str) -> (uuid::Uuid, String) {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let user = users::Entity::find()
            .filter(users::Column::Personnummer.eq(personnummer))
            .one(&self.state.db)
            .await
            .expect("find user")
            .expect("user exists");
        let session = server::auth::sessions::create(&self.state, user.id)
            .await
            .expect("create session");
        (user.id, session.token)
    }

    pub fn clock_now(&self) -> chrono::DateTime<Utc> {
        use server::clock::Clock;
        self.clock.now()
    }

    pub async fn get_with_token(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
        cookies: &[String],
    ) -> reqwest::Response {
        let mut request = self.client.post(self.url(path)).json(body);
        if !cookies.is_empty() {
            request = request.header("cookie", cookies.join("; "));
        }
        request.send().await.expect("request sent")
    }

    /// The simulator's pending orders.
    pub async fn pending_orders(&self) -> Vec<serde_json::Value> {
        self.get("/bankid-sim/control/orders")
            .await
            .json::<Vec<serde_json::Value>>()
            .await
            .expect("orders")
    }

    /// The phone approves the newest pending order as `personnummer`.
    pub async fn approve_latest_order(&self, personnummer: &str) {
        let response = self.try_approve_latest_order(personnummer).await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    }

    /// The phone tries to approve the newest pending order as `personnummer`; BankID's answer.
    pub async fn try_approve_latest_order(&self, personnummer: &str) -> reqwest::Response {
        let orders = self.pending_orders().await;
        let order_ref = orders.last().expect("a pending order")["orderRef"]
            .as_str()
            .expect("orderRef")
            .to_owned();
        self.post_json(
            &format!("/bankid-sim/control/orders/{order_ref}/approve"),
            &serde_json::json!({ "personalNumber": personnummer }),
            &[],
        )
        .await
    }

    /// The phone fails the newest pending order with a hint code.
    pub async fn fail_latest_order(&self, hint_code: &str) {
        let orders = self.pending_orders().await;
        let order_ref = orders.last().expect("a pending order")["orderRef"]
            .as_str()
            .expect("orderRef")
            .to_owned();
        let response = self
            .post_json(
                &format!("/bankid-sim/control/orders/{order_ref}/fail"),
                &serde_json::json!({ "hintCode": hint_code }),
                &[],
            )
            .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    }

    /// Starts a login; returns the login id and the `name=value` of any cookie set.
    pub async fn start_login(&self, mut body: serde_json::Value) -> (String, Vec<String>) {
        // A bearer login is bound to the test's verifier, as an app binds it to its own.
        if body["token_delivery"] == "bearer" && body.get("code_challenge").is_none() {
            body["code_challenge"] = serde_json::Value::String(test_challenge());
        }
        let response = self.post_json("/api/v1/auth/bankid", &body, &[]).await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        let cookies = cookie_pairs(&response);
        let started: serde_json::Value = response.json().await.expect("start response");
        (
            started["login_id"].as_str().expect("login_id").to_owned(),
            cookies,
        )
    }

    /// Starts a graceful shutdown (as SIGTERM would) without waiting for it.
    pub fn begin_shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Waits until the server has stopped.
    pub async fn stopped(&mut self) {
        if let Some(server) = self.server.take() {
            server
                .await
                .expect("server task")
                .expect("server stopped cleanly");
        }
    }
}

/// The body of a problem response, checked for the common shape.
pub async fn problem(response: reqwest::Response, status: u16, code: &str) -> serde_json::Value {
    assert_eq!(response.status().as_u16(), status);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let header_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: serde_json::Value = response.json().await.expect("problem JSON");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert_eq!(
        body["request_id"],
        header_id.as_str(),
        "request id in body and header"
    );
    assert!(body["detail"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(body["detail_sv"].as_str().is_some_and(|s| !s.is_empty()));
    body
}

/// `name=value` of every Set-Cookie header.
pub fn cookie_pairs(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .map(str::to_owned)
        .collect()
}

/// The full Set-Cookie header for a cookie name.
pub fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

impl TestApp {
    /// Logs a demo staff member in (password login, bearer token).
    pub async fn login_staff(&self, username: &str) -> String {
        let response = self
            .client
            .post(self.url("/api/v1/staff/login"))
            .json(&serde_json::json!({
                "username": username,
                "password": server::staff::demo::DEMO_PASSWORD,
                "token_delivery": "bearer"
            }))
            .send()
            .await
            .expect("request sent");
        assert_eq!(response.status(), 200, "staff login of {username}");
        let body: serde_json::Value = response.json().await.expect("json");
        body["token"].as_str().expect("a token").to_owned()
    }
}
