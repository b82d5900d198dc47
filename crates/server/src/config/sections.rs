//! The sections of the settings, `APP__SECTION__*`, each with its defaults.

use std::net::IpAddr;
use std::path::PathBuf;

use serde::Deserialize;

/// `APP__LIMITS__*`: what one citizen may hold at once.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsSettings {
    /// Drafts one citizen may have open at once.
    pub open_drafts_per_citizen: u32,
    /// Bytes of files one draft may hold in all its file fields together.
    pub file_bytes_per_draft: u64,
}

impl Default for LimitsSettings {
    fn default() -> Self {
        Self {
            open_drafts_per_citizen: 20,
            file_bytes_per_draft: 100 * 1024 * 1024,
        }
    }
}

/// `APP__OIDC__*`: staff login with the municipality's identity provider (Entra ID, Keycloak,
/// …). Off while `issuer_url` is unset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OidcSettings {
    /// The provider's issuer URL (discovery at `<issuer>/.well-known/openid-configuration`).
    pub issuer_url: Option<String>,
    /// The client id registered for Mina sidor.
    pub client_id: String,
    /// The client secret.
    pub client_secret: Option<String>,
    /// Where the provider sends the browser back; by default
    /// `APP__SERVER__PUBLIC_URL` + `/api/v1/staff/oidc/callback`.
    pub redirect_url: Option<String>,
    /// Scopes to ask for besides `openid`, space separated.
    pub scopes: String,
    /// The ID token claim that lists the person's groups or roles.
    pub groups_claim: String,
    /// The group that makes a person an administrator.
    pub admin_group: String,
}

impl Default for OidcSettings {
    fn default() -> Self {
        Self {
            issuer_url: None,
            client_id: "mina-sidor".into(),
            client_secret: None,
            redirect_url: None,
            scopes: "profile".into(),
            groups_claim: "groups".into(),
            admin_group: "mina-sidor-admin".into(),
        }
    }
}

/// `APP__SERVER__*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSettings {
    /// Address to bind.
    pub host: IpAddr,
    /// Port to bind; 0 picks a free one (tests).
    pub port: u16,
    /// The public URL people use, e.g. `https://minasidor.exempelby.se` (links in notifications).
    pub public_url: Option<String>,
    /// Folder with the built SPA (`trunk build` output).
    pub static_dir: PathBuf,
    /// Seconds between readiness turning false and the server stopping to accept connections on
    /// SIGTERM, so that a load balancer can take the node out first.
    pub shutdown_drain_seconds: u64,
    /// Seconds in-flight requests get to finish after that.
    pub shutdown_timeout_seconds: u64,
    /// Proxies whose `X-Forwarded-For` is trusted to name the client IP.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            public_url: None,
            static_dir: PathBuf::from("frontend/dist"),
            shutdown_drain_seconds: 0,
            shutdown_timeout_seconds: 30,
            trusted_proxies: Vec::new(),
        }
    }
}

/// `APP__DATABASE__*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseSettings {
    /// `sqlite://path?mode=rwc` or `postgres://user:password@host/db`.
    pub url: String,
    /// Connection pool size.
    pub max_connections: u32,
    /// Seconds to wait for a connection before giving up.
    pub acquire_timeout_seconds: u64,
    /// Apply pending migrations at start-up (the embedded default). In production with several
    /// nodes, set false and run `mina-sidor migrate` once per release.
    pub auto_migrate: bool,
    /// Seconds between sweeps that delete expired drafts.
    pub draft_expiry_interval_seconds: u64,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: "sqlite://data/mina-sidor.db?mode=rwc".into(),
            max_connections: 10,
            acquire_timeout_seconds: 5,
            auto_migrate: true,
            draft_expiry_interval_seconds: 3600,
        }
    }
}

impl DatabaseSettings {
    /// The URL with any password replaced, for messages and logs.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

/// Replaces the password of a `scheme://user:password@host` URL with `***`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// `APP__AUTH__*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthSettings {
    /// HMAC secret for session tokens, at least 32 bytes. Unset in development: a random one is
    /// made at start-up (sessions then end with the process). Required in production, and the
    /// same on every node.
    pub jwt_secret: Option<String>,
    /// Minutes of inactivity before a session ends.
    pub idle_timeout_minutes: u32,
    /// Hours after login when a session ends however active it is.
    pub absolute_lifetime_hours: u32,
    /// Seconds between writes of a session's last activity: requests within them do not
    /// write (the idle timeout is exact to within this); 0 writes on every request.
    pub session_touch_seconds: u32,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            jwt_secret: None,
            idle_timeout_minutes: 30,
            absolute_lifetime_hours: 12,
            session_touch_seconds: 60,
        }
    }
}

/// `APP__STORAGE__*`: where uploaded files are kept.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StorageSettings {
    /// `filesystem` (the folder below) or `s3` (an S3-compatible bucket).
    pub backend: StorageBackend,
    /// Folder for attachment contents with `filesystem`; with `s3` only its `incoming/` is
    /// used, for uploads being received.
    pub attachments_dir: PathBuf,
    /// Uploads received at once per node; more wait their turn.
    pub concurrent_uploads: u32,
    /// The bucket with `s3`.
    pub s3: S3Settings,
}

impl Default for StorageSettings {
    fn default() -> Self {
        Self {
            backend: StorageBackend::Filesystem,
            attachments_dir: PathBuf::from("data/attachments"),
            concurrent_uploads: 8,
            s3: S3Settings::default(),
        }
    }
}

/// Where attachment contents are kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageBackend {
    /// A folder on this node (one node, or a shared file system).
    #[default]
    Filesystem,
    /// An S3-compatible object store, shared by every node.
    S3,
}

/// `APP__STORAGE__S3__*`: an S3-compatible bucket.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct S3Settings {
    /// The bucket (required with `s3`).
    pub bucket: Option<String>,
    /// The service's URL (unset: AWS in `region`), e.g. `https://s3.example.se` for MinIO,
    /// Ceph RGW or Garage.
    pub endpoint: Option<String>,
    /// The region (what the service expects in signatures; MinIO and Garage accept any).
    pub region: String,
    /// Access key id (unset: the environment's AWS credentials, e.g. an instance role).
    pub access_key_id: Option<String>,
    /// Secret access key.
    pub secret_access_key: Option<String>,
    /// Path-style requests (`https://host/bucket/key`), which most self-hosted stores need;
    /// `false` for virtual-hosted style (`https://bucket.host/key`).
    pub path_style: bool,
    /// A key prefix inside the bucket (e.g. `attachments`).
    pub prefix: String,
    /// Server-side encryption asked for on every object: `AES256` (SSE-S3), `aws:kms` or
    /// `aws:kms:dsse`; unset: the bucket's default.
    pub server_side_encryption: Option<String>,
    /// The KMS key with `aws:kms`.
    pub kms_key_id: Option<String>,
}

impl Default for S3Settings {
    fn default() -> Self {
        Self {
            bucket: None,
            endpoint: None,
            region: "us-east-1".into(),
            access_key_id: None,
            secret_access_key: None,
            path_style: true,
            prefix: String::new(),
            server_side_encryption: None,
            kms_key_id: None,
        }
    }
}

/// `APP__BANKID__*`: the BankID Relying Party API.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BankIdSettings {
    /// Base URL of the RP API. Unset: the built-in simulator when it is on, else BankID's
    /// production service (`https://appapi2.bankid.com/rp/v6.0/`). BankID's test service is
    /// `https://appapi2.test.bankid.com/rp/v6.0/`.
    pub base_url: Option<String>,
    /// The relying party certificate (PKCS#12 file) for mutual TLS with BankID.
    pub pkcs12_path: Option<PathBuf>,
    /// Its password.
    pub pkcs12_password: Option<String>,
    /// PEM of the BankID server root to pin. Unset: BankID's production root, or its test root
    /// when `base_url` is the test service.
    pub ca_pem_path: Option<PathBuf>,
    /// Seconds per step of the simulator's orders (started, userSign, complete).
    pub simulator_step_seconds: f64,
    /// Production may use BankID's test service only when this says so on purpose (a staging
    /// installation): test BankIDs are free for anyone to make.
    pub allow_test_service: bool,
}

impl Default for BankIdSettings {
    fn default() -> Self {
        Self {
            base_url: None,
            pkcs12_path: None,
            pkcs12_password: None,
            ca_pem_path: None,
            simulator_step_seconds: 1.0,
            allow_test_service: false,
        }
    }
}

/// `APP__DEV__*`: features for laptops and tests. Each defaults to on in development and off in
/// production, where switching one on refuses start-up.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DevSettings {
    /// The built-in BankID simulator at `/bankid-sim/rp/v6.0/`.
    pub bankid_simulator: Option<bool>,
    /// The dev mailbox that catches e-mail and SMS instead of sending them.
    pub mailbox: Option<bool>,
    /// Demo e-services and demo staff accounts.
    pub demo_data: Option<bool>,
}

/// `APP__LOG__*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogSettings {
    /// `pretty` or `json`; unset: pretty in development, json in production.
    pub format: Option<LogFormat>,
    /// A `tracing` filter, e.g. `info` or `info,server=debug`. `RUST_LOG` wins when set.
    pub level: String,
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            format: None,
            level: "info".into(),
        }
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object per line, for log shippers.
    Json,
}

/// `APP__MUNICIPALITY__*`: what the privacy and accessibility pages say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MunicipalitySettings {
    /// Name shown in the header, e.g. "Sala kommun".
    pub name: String,
    /// General contact e-mail.
    pub contact_email: String,
    /// Controller of the personal data.
    pub controller: String,
    /// Data protection officer's e-mail.
    pub dpo_email: String,
    /// Link to the full privacy policy.
    pub privacy_policy_url: Option<String>,
    /// Purposes of processing, Swedish.
    pub purposes_sv: Vec<String>,
    /// Purposes of processing, English.
    pub purposes_en: Vec<String>,
    /// Legal basis, Swedish.
    pub legal_basis_sv: String,
    /// Legal basis, English.
    pub legal_basis_en: String,
    /// Retention, Swedish.
    pub retention_sv: String,
    /// Retention, English.
    pub retention_en: String,
    /// Where to report accessibility problems.
    pub accessibility_contact_email: String,
    /// When the accessibility statement was last reviewed (YYYY-MM-DD).
    pub accessibility_reviewed: String,
    /// Known accessibility shortcomings, Swedish.
    pub accessibility_known_issues_sv: Vec<String>,
    /// Known accessibility shortcomings, English.
    pub accessibility_known_issues_en: Vec<String>,
}

impl Default for MunicipalitySettings {
    fn default() -> Self {
        Self {
            name: "Exempelby kommun".into(),
            contact_email: "kontakt@exempelby.se".into(),
            controller: "Kommunstyrelsen i Exempelby kommun".into(),
            dpo_email: "dataskyddsombud@exempelby.se".into(),
            privacy_policy_url: None,
            purposes_sv: vec![
                "Att handlägga de ärenden du skickar in via kommunens e-tjänster.".into(),
                "Att låta dig följa dina ärenden och kommunicera med din handläggare.".into(),
                "Att skicka aviseringar som du har bett om.".into(),
                "Att föra statistik över kommunens verksamhet (utan att peka ut dig).".into(),
            ],
            purposes_en: vec![
                "To handle the cases you submit through the municipality's e-services.".into(),
                "To let you follow your cases and communicate with your case officer.".into(),
                "To send the notifications you have asked for.".into(),
                "To compile statistics on the municipality's work (without identifying you)."
                    .into(),
            ],
            legal_basis_sv: "Myndighetsutövning och uppgift av allmänt intresse (artikel 6.1 e i \
                             dataskyddsförordningen)."
                .into(),
            legal_basis_en: "Exercise of official authority and a task in the public interest \
                             (Article 6(1)(e) GDPR)."
                .into(),
            retention_sv: "Utkast raderas när de har gått ut. Inskickade ärenden är allmänna \
                           handlingar och bevaras eller gallras enligt kommunens \
                           dokumenthanteringsplan."
                .into(),
            retention_en:
                "Drafts are deleted when they expire. Submitted cases are public records \
                           and are kept or disposed of according to the municipality's records \
                           management plan."
                    .into(),
            accessibility_contact_email: "tillganglighet@exempelby.se".into(),
            accessibility_reviewed: "2026-11-26".into(),
            accessibility_known_issues_sv: Vec::new(),
            accessibility_known_issues_en: Vec::new(),
        }
    }
}
