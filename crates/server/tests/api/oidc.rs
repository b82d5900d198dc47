//! Staff login with OpenID Connect against a real OpenID provider (node-oidc-provider, in
//! `tools/oidc-provider`), started here on 127.0.0.1: a good login, an administrator, a wrong
//! `state`, a wrong `nonce`, and a person without a group.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::helpers::{TestApp, TestOptions, problem, spawn_app_with};

const REDIRECT: &str = "http://127.0.0.1:9/api/v1/staff/oidc/callback";

/// The provider process; killed when dropped.
struct Provider {
    child: Child,
    issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_provider() -> Provider {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/oidc-provider");
    assert!(
        dir.join("node_modules/oidc-provider").exists(),
        "run `just setup-e2e` (npm ci in tools/oidc-provider) first"
    );
    let mut child = Command::new("node")
        .arg("provider.mjs")
        .current_dir(&dir)
        .env("PORT", port.to_string())
        .env("REDIRECT_URI", REDIRECT)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node starts the OpenID provider");
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut out, &mut line).unwrap();
    assert_eq!(line.trim(), "ready", "the provider did not start");
    // Keep reading what it prints, or it dies writing to a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    Provider {
        child,
        issuer: format!("http://127.0.0.1:{port}"),
    }
}

async fn app_with(provider: &Provider) -> TestApp {
    spawn_app_with(TestOptions {
        oidc: Some(server::config::OidcSettings {
            issuer_url: Some(provider.issuer.clone()),
            client_id: "mina-sidor".into(),
            client_secret: Some("test-secret-that-is-long-enough".into()),
            redirect_url: Some(REDIRECT.into()),
            scopes: "profile groups".into(),
            groups_claim: "groups".into(),
            admin_group: "mina-sidor-admin".into(),
        }),
        ..TestOptions::default()
    })
    .await
}

/// Cookies by name, as a browser keeps them for one site.
#[derive(Default)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn take(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all("set-cookie") {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.0.insert(name.trim().into(), value.into());
        }
    }

    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no redirect: {}", response.status()))
        .to_str()
        .unwrap()
        .to_owned()
}

/// Runs the browser's part up to the provider's redirect back: returns the app's cookies (the
/// pending login) and the callback's query (`code`, `state`).
async fn through_provider(
    app: &TestApp,
    provider: &Provider,
    account: &str,
) -> (Jar, BTreeMap<String, String>) {
    let mut app_jar = Jar::default();
    let start = app
        .client
        .get(app.url("/api/v1/staff/oidc/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), 303);
    app_jar.take(&start);
    assert!(app_jar.0.contains_key("__Host-minasidor_oidc"));
    let mut url = location(&start);
    assert!(url.starts_with(&provider.issuer), "{url}");
    assert!(url.contains("code_challenge_method=S256"), "PKCE: {url}");
    assert!(url.contains("nonce="), "nonce: {url}");
    let mut jar = Jar::default();
    for _ in 0..6 {
        let response = app
            .client
            .get(&url)
            .header("cookie", jar.header())
            .send()
            .await
            .unwrap();
        jar.take(&response);
        let next = location(&response);
        let next = if next.starts_with('/') {
            format!("{}{next}", provider.issuer)
        } else {
            next
        };
        if next.starts_with(REDIRECT) {
            let query = reqwest::Url::parse(&next)
                .unwrap()
                .query_pairs()
                .into_owned()
                .collect();
            return (app_jar, query);
        }
        url = if next.contains("/interaction/") && !next.contains("/as/") {
            format!("{next}/as/{account}")
        } else {
            next
        };
    }
    panic!("the provider never sent the browser back");
}

async fn callback(app: &TestApp, jar: &Jar, code: &str, state: &str) -> reqwest::Response {
    let url = reqwest::Url::parse_with_params(
        &app.url("/api/v1/staff/oidc/callback"),
        &[("code", code), ("state", state)],
    )
    .unwrap();
    app.client
        .get(url)
        .header("cookie", jar.header())
        .send()
        .await
        .unwrap()
}

async fn staff_session(app: &TestApp, response: &reqwest::Response) -> Value {
    let mut jar = Jar::default();
    jar.take(response);
    let staff = jar
        .0
        .get("__Host-minasidor_staff")
        .expect("a staff session cookie")
        .clone();
    let session = app
        .client
        .get(app.url("/api/v1/staff/session"))
        .header("cookie", format!("__Host-minasidor_staff={staff}"))
        .send()
        .await
        .unwrap();
    assert_eq!(session.status(), 200);
    session.json().await.unwrap()
}

#[tokio::test]
async fn an_officer_logs_in_with_the_identity_provider_and_gets_the_groups_it_names() {
    let provider = start_provider();
    let app = app_with(&provider).await;
    let (jar, query) = through_provider(&app, &provider, "hanna").await;
    let done = callback(&app, &jar, &query["code"], &query["state"]).await;
    assert_eq!(done.status(), 303);
    assert_eq!(location(&done), "/handlaggare");
    let session = staff_session(&app, &done).await;
    assert_eq!(session["staff"]["display_name"], "Hanna OIDC");
    assert_eq!(session["staff"]["role"], "officer");
    // "not a group!" is no group name and is left out.
    assert_eq!(session["staff"]["groups"], serde_json::json!(["gata-park"]));
    // The same person logs in again: the same account.
    let (jar, query) = through_provider(&app, &provider, "hanna").await;
    let again = staff_session(
        &app,
        &callback(&app, &jar, &query["code"], &query["state"]).await,
    )
    .await;
    assert_eq!(again["staff"]["id"], session["staff"]["id"]);
    // A code is used once.
    problem(
        callback(&app, &jar, &query["code"], &query["state"]).await,
        502,
        "oidc_failed",
    )
    .await;

    let (jar, query) = through_provider(&app, &provider, "ada").await;
    let admin = callback(&app, &jar, &query["code"], &query["state"]).await;
    assert_eq!(location(&admin), "/handlaggare/logg");
    assert_eq!(staff_session(&app, &admin).await["staff"]["role"], "admin");
}

#[tokio::test]
async fn a_wrong_state_a_wrong_nonce_and_a_person_without_a_group_are_refused() {
    let provider = start_provider();
    let app = app_with(&provider).await;

    // Wrong state: the callback's state is not the one this browser's login started with.
    let (jar, query) = through_provider(&app, &provider, "hanna").await;
    problem(
        callback(&app, &jar, &query["code"], "forged-state").await,
        400,
        "oidc_state_mismatch",
    )
    .await;
    // No pending-login cookie at all.
    problem(
        callback(&app, &Jar::default(), &query["code"], &query["state"]).await,
        400,
        "oidc_state_mismatch",
    )
    .await;

    // Wrong nonce: the pending login is re-signed with another nonce (as if the ID token had
    // been made for another login); the ID token's nonce no longer matches.
    let (mut jar, query) = through_provider(&app, &provider, "hanna").await;
    let mut pending: Value = app
        .state
        .token_keys
        .open(&jar.0["__Host-minasidor_oidc"])
        .unwrap();
    pending["nonce"] = Value::from("another-nonce");
    jar.0.insert(
        "__Host-minasidor_oidc".into(),
        app.state.token_keys.sign(&pending).unwrap(),
    );
    problem(
        callback(&app, &jar, &query["code"], &query["state"]).await,
        502,
        "oidc_failed",
    )
    .await;

    // A person the provider knows but who is in no officer group.
    let (jar, query) = through_provider(&app, &provider, "nils").await;
    problem(
        callback(&app, &jar, &query["code"], &query["state"]).await,
        403,
        "oidc_no_group",
    )
    .await;

    // Without OpenID Connect configured the routes do not exist.
    let plain = crate::helpers::spawn_app().await;
    problem(
        plain
            .client
            .get(plain.url("/api/v1/staff/oidc/login"))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    let callback = plain.url("/api/v1/staff/oidc/callback?code=c&state=s");
    problem(
        plain.client.get(callback).send().await.unwrap(),
        404,
        "not_found",
    )
    .await;
}
