//! Real parts for the notification tests: an SMTP server (aiosmtpd, `tools/smtp-sink/sink.py`)
//! in its own process, and a local HTTP server in the shape of 46elks' SMS API that sends
//! delivery reports back to the callback URL.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::Value;

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// aiosmtpd writing each accepted message as a JSON line.
pub struct SmtpSink {
    pub port: u16,
    out: PathBuf,
    child: Option<Child>,
    _dir: tempfile::TempDir,
}

impl SmtpSink {
    /// Starts on a free port.
    pub fn start() -> Self {
        Self::start_on(free_port(), false)
    }

    /// Starts on `port`; with `hang` it never answers DATA.
    pub fn start_on(port: u16, hang: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mail.jsonl");
        let mut sink = Self {
            port,
            out,
            child: None,
            _dir: dir,
        };
        sink.run(hang);
        sink
    }

    fn run(&mut self, hang: bool) {
        let mut command = Command::new("python3");
        command
            .arg(repo_root().join("tools/smtp-sink/sink.py"))
            .arg("--port")
            .arg(self.port.to_string())
            .arg("--out")
            .arg(&self.out)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        if hang {
            command.arg("--hang");
        }
        self.child = Some(command.spawn().expect("python3 with aiosmtpd (just setup)"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "the SMTP sink did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server (the port refuses connections until [`SmtpSink::restart`]).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received so far.
    pub fn messages(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.out)
            .unwrap_or_default()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What the SMS gateway stand-in received.
#[derive(Debug, Clone)]
pub struct SmsReceived {
    pub to: String,
    pub from: String,
    pub message: String,
    pub callback: Option<String>,
}

/// A local server shaped like 46elks' `POST /a1/sms`.
pub struct FakeElks {
    pub url: String,
    pub received: Arc<Mutex<Vec<SmsReceived>>>,
    handle: actix_web::dev::ServerHandle,
}

pub const ELKS_USER: &str = "u0123456789abcdef";
pub const ELKS_PASSWORD: &str = "hemligt-elks-losenord";

async fn elks_sms(
    request: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
    received: web::Data<Arc<Mutex<Vec<SmsReceived>>>>,
) -> HttpResponse {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{ELKS_USER}:{ELKS_PASSWORD}"))
    );
    if request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        != Some(expected.as_str())
    {
        return HttpResponse::Unauthorized().body("API access requires Basic HTTP authentication");
    }
    let field = |name: &str| {
        form.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    };
    let to = field("to").unwrap_or_default();
    if to.contains("0000000") {
        return HttpResponse::Forbidden().body("Invalid to number");
    }
    let id = format!("s{}", uuid::Uuid::new_v4().simple());
    let sms = SmsReceived {
        to: to.clone(),
        from: field("from").unwrap_or_default(),
        message: field("message").unwrap_or_default(),
        callback: field("whendelivered"),
    };
    received.lock().unwrap().push(sms.clone());
    if let Some(callback) = sms.callback.clone() {
        let report_id = id.clone();
        // 46elks reports when the phone has the message, some time after answering.
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            for _ in 0..50 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                let answer = client
                    .post(&callback)
                    .form(&[
                        ("id", report_id.as_str()),
                        ("status", "delivered"),
                        ("delivered", "2026-12-01T10:00:00.000000"),
                    ])
                    .send()
                    .await;
                // 503: the server has not stored the send yet; report again.
                if answer.is_ok_and(|a| a.status() != 503) {
                    break;
                }
            }
        });
    }
    HttpResponse::Ok().json(serde_json::json!({
        "status": "created",
        "direction": "outgoing",
        "from": sms.from,
        "to": to,
        "message": sms.message,
        "parts": 1,
        "cost": 3500,
        "id": id,
    }))
}

impl FakeElks {
    /// Starts on a free port.
    pub fn start() -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        let data = web::Data::new(received.clone());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .route("/a1/sms", web::post().to(elks_sms))
        })
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        Self {
            url: format!("http://127.0.0.1:{port}/a1/sms"),
            received,
            handle,
        }
    }

    pub fn messages(&self) -> Vec<SmsReceived> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for FakeElks {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        tokio::spawn(async move { handle.stop(false).await });
    }
}

/// Notification settings for SMTP on `smtp_port` without TLS and 46elks at `elks_url`; no quiet
/// hours, quick polling.
pub fn settings(smtp_port: u16, elks_url: Option<&str>) -> server::notify::config::NotifySettings {
    use server::notify::config::{NotifySettings, SmsProviderKind, SmtpTls};
    let mut notify = NotifySettings {
        poll_interval_ms: 50,
        sms_quiet_hours: "off".into(),
        ..NotifySettings::default()
    };
    notify.smtp.host = Some("127.0.0.1".into());
    notify.smtp.port = smtp_port;
    notify.smtp.tls = SmtpTls::None;
    notify.smtp.timeout_seconds = 5;
    notify.smtp.from = Some("Testby kommun <minasidor@testby.se>".into());
    notify.smtp.reply_to = Some("kontakt@testby.se".into());
    if let Some(url) = elks_url {
        notify.sms.provider = SmsProviderKind::Elks46;
        notify.sms.url = Some(url.into());
        notify.sms.username = Some(ELKS_USER.into());
        notify.sms.password = Some(ELKS_PASSWORD.into());
        notify.sms.from = "Testby".into();
    }
    notify
}

/// Waits (up to 20 s) until `check` is true.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
