//! Configuration: defaults for the embedded setup, an optional TOML file, then environment
//! variables `APP__SECTION__KEY` (double underscores), e.g. `APP__DATABASE__URL`.
//!
//! `APP_ENV=production` switches the defaults of dev-only features off and refuses to start when
//! one of them is switched on, or when a secret is weak. Every setting is listed in README.md.

use std::net::IpAddr;
use std::path::PathBuf;

use serde::Deserialize;

/// Where the server runs: production (the default: safe without any setting) or development.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// Laptop and CI, asked for with `APP_ENV=development`: simulator, dev mailbox and demo data
    /// on by default, and only on a loopback address.
    Development,
    /// A municipality's installation, and any start without `APP_ENV`: dev-only features are
    /// refused.
    Production,
}

impl Environment {
    /// Reads `APP_ENV` (`development` or `production`; unset or empty means production, so a
    /// forgotten variable never switches the BankID simulator on).
    pub fn from_env() -> Result<Self, ConfigError> {
        match std::env::var("APP_ENV") {
            Err(_) => Ok(Self::Production),
            Ok(value) => match value.trim().to_ascii_lowercase().as_str() {
                "" => Ok(Self::Production),
                "development" | "dev" => Ok(Self::Development),
                "production" | "prod" => Ok(Self::Production),
                _ => Err(ConfigError::Invalid {
                    setting: "APP_ENV".into(),
                    expected: "`development` or `production`".into(),
                    found: value,
                }),
            },
        }
    }
}

/// A setting that could not be used. Printed to the operator at start-up, never a backtrace.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file or an environment variable could not be read into the settings.
    #[error("configuration could not be read: {0}")]
    Load(#[from] config::ConfigError),
    /// A value was read but is not acceptable.
    #[error("{setting}: expected {expected}, found {found:?}")]
    Invalid {
        /// The setting's name as the operator writes it.
        setting: String,
        /// What would have been accepted.
        expected: String,
        /// What was given (never a secret).
        found: String,
    },
    /// A production installation asked for something that is only for development.
    #[error(
        "refusing to start in production (APP_ENV is production or not set; on a laptop use \
         APP_ENV=development, which `just run` sets): {0}"
    )]
    NotForProduction(String),
}

/// All settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Development or production (from `APP_ENV`, not from the file).
    #[serde(skip, default = "default_environment")]
    pub environment: Environment,
    /// HTTP server.
    #[serde(default)]
    pub server: ServerSettings,
    /// Database.
    #[serde(default)]
    pub database: DatabaseSettings,
    /// Sessions and tokens.
    #[serde(default)]
    pub auth: AuthSettings,
    /// BankID.
    #[serde(default)]
    pub bankid: BankIdSettings,
    /// File storage.
    #[serde(default)]
    pub storage: StorageSettings,
    /// Dev-only features.
    #[serde(default)]
    pub dev: DevSettings,
    /// Logging.
    #[serde(default)]
    pub log: LogSettings,
    /// The municipality's texts and contacts.
    #[serde(default)]
    pub municipality: MunicipalitySettings,
    /// Staff login with OpenID Connect.
    #[serde(default)]
    pub oidc: OidcSettings,
    /// E-mail and SMS notices.
    #[serde(default)]
    pub notify: crate::notify::config::NotifySettings,
    /// Per-citizen quotas.
    #[serde(default)]
    pub limits: LimitsSettings,
}

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

fn default_environment() -> Environment {
    Environment::Development
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
    /// BankID logins a client IP may start per minute.
    pub login_rate_limit_per_minute: u32,
    /// Staff password logins a client IP may try per minute.
    pub staff_login_rate_limit_per_minute: u32,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            jwt_secret: None,
            idle_timeout_minutes: 30,
            absolute_lifetime_hours: 12,
            login_rate_limit_per_minute: 10,
            staff_login_rate_limit_per_minute: 10,
        }
    }
}

/// `APP__STORAGE__*`: where uploaded files are kept.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StorageSettings {
    /// Folder for attachment contents (shared by all nodes when there are several).
    pub attachments_dir: PathBuf,
    /// Uploads received at once per node; more wait their turn.
    pub concurrent_uploads: u32,
}

impl Default for StorageSettings {
    fn default() -> Self {
        Self {
            attachments_dir: PathBuf::from("data/attachments"),
            concurrent_uploads: 8,
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

impl Settings {
    /// Loads defaults, then the TOML file named by `APP_CONFIG_FILE` (if any), then `APP__*`
    /// environment variables, and checks the result for the environment.
    pub fn load() -> Result<Self, ConfigError> {
        let environment = Environment::from_env()?;
        let mut builder = config::Config::builder();
        if let Ok(path) = std::env::var("APP_CONFIG_FILE") {
            builder = builder.add_source(config::File::new(&path, config::FileFormat::Toml));
        }
        let raw = builder
            .add_source(
                config::Environment::with_prefix("APP")
                    .prefix_separator("__")
                    .separator("__")
                    .list_separator(",")
                    .with_list_parse_key("server.trusted_proxies")
                    .with_list_parse_key("municipality.purposes_sv")
                    .with_list_parse_key("municipality.purposes_en")
                    .with_list_parse_key("municipality.accessibility_known_issues_sv")
                    .with_list_parse_key("municipality.accessibility_known_issues_en")
                    .try_parsing(true),
            )
            .build()?;
        let mut settings: Settings = raw.try_deserialize()?;
        settings.environment = environment;
        settings.check()?;
        Ok(settings)
    }

    /// The defaults for an environment, with no file or variables (tests start from this).
    pub fn defaults(environment: Environment) -> Self {
        Self {
            environment,
            server: ServerSettings::default(),
            database: DatabaseSettings::default(),
            auth: AuthSettings::default(),
            bankid: BankIdSettings::default(),
            storage: StorageSettings::default(),
            dev: DevSettings::default(),
            log: LogSettings::default(),
            municipality: MunicipalitySettings::default(),
            oidc: OidcSettings::default(),
            notify: crate::notify::config::NotifySettings::default(),
            limits: LimitsSettings::default(),
        }
    }

    /// Checks rules that span settings or depend on the environment.
    pub fn check(&self) -> Result<(), ConfigError> {
        let production = self.environment == Environment::Production;
        if production {
            let mut refused = Vec::new();
            if self.dev.bankid_simulator == Some(true) {
                refused.push("APP__DEV__BANKID_SIMULATOR (the BankID simulator logs anyone in)");
            }
            if self.dev.mailbox == Some(true) {
                refused.push("APP__DEV__MAILBOX (messages would never reach people)");
            }
            if self.dev.demo_data == Some(true) {
                refused.push("APP__DEV__DEMO_DATA (demo e-services and accounts)");
            }
            if !refused.is_empty() {
                return Err(ConfigError::NotForProduction(format!(
                    "dev-only features are switched on: {}",
                    refused.join(", ")
                )));
            }
            if self.server.public_url.is_none() {
                return Err(ConfigError::NotForProduction(
                    "APP__SERVER__PUBLIC_URL is not set: links in notices and BankID's return \
                     address are made from it, never from a request's Host header"
                        .into(),
                ));
            }
            if self
                .bankid
                .base_url
                .as_deref()
                .is_some_and(|url| url.contains("test.bankid.com"))
                && !self.bankid.allow_test_service
            {
                return Err(ConfigError::NotForProduction(
                    "APP__BANKID__BASE_URL is BankID's test service, where anyone can make a test \
                     BankID; set APP__BANKID__ALLOW_TEST_SERVICE=true only for a staging \
                     installation"
                        .into(),
                ));
            }
            if self.bankid.pkcs12_path.is_none() {
                return Err(ConfigError::NotForProduction(
                    "APP__BANKID__PKCS12_PATH is not set: BankID needs the municipality's relying \
                     party certificate"
                        .into(),
                ));
            }
            match &self.auth.jwt_secret {
                None => {
                    return Err(ConfigError::NotForProduction(
                        "APP__AUTH__JWT_SECRET is not set; every node needs the same secret of at \
                         least 32 random bytes"
                            .into(),
                    ));
                }
                Some(secret) if is_weak_secret(secret) => {
                    return Err(ConfigError::NotForProduction(
                        "APP__AUTH__JWT_SECRET is weak: use at least 32 random bytes, e.g. \
                         `openssl rand -base64 48`"
                            .into(),
                    ));
                }
                Some(_) => {}
            }
        } else if let Some(secret) = &self.auth.jwt_secret
            && secret.len() < 32
        {
            return Err(ConfigError::Invalid {
                setting: "APP__AUTH__JWT_SECRET".into(),
                expected: "at least 32 bytes".into(),
                found: format!("{} bytes", secret.len()),
            });
        }
        if !(self.bankid.simulator_step_seconds >= 0.0
            && self.bankid.simulator_step_seconds <= 60.0)
        {
            return Err(ConfigError::Invalid {
                setting: "APP__BANKID__SIMULATOR_STEP_SECONDS".into(),
                expected: "seconds between 0 and 60".into(),
                found: self.bankid.simulator_step_seconds.to_string(),
            });
        }
        if self.dev.bankid_simulator == Some(true) && !crate::dev_simulator::COMPILED {
            return Err(ConfigError::Invalid {
                setting: "APP__DEV__BANKID_SIMULATOR".into(),
                expected: "a build with the simulator (`cargo build -p server --features \
                           dev-simulator`, as `just run` does); this one has none"
                    .into(),
                found: "true".into(),
            });
        }
        let dev_features: Vec<&str> = [
            (self.bankid_simulator_enabled(), "the BankID simulator"),
            (self.mailbox_enabled(), "the dev mailbox"),
            (self.demo_data_enabled(), "demo data"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        if !dev_features.is_empty() && !self.server.host.is_loopback() {
            return Err(ConfigError::Invalid {
                setting: "APP__SERVER__HOST".into(),
                expected: format!(
                    "a loopback address (127.0.0.1 or ::1) while dev-only features are on ({}): \
                     the simulator's control API logs anyone in as anyone",
                    dev_features.join(", ")
                ),
                found: self.server.host.to_string(),
            });
        }
        if self.auth.idle_timeout_minutes == 0 {
            return Err(ConfigError::Invalid {
                setting: "APP__AUTH__IDLE_TIMEOUT_MINUTES".into(),
                expected: "a number of minutes above 0".into(),
                found: "0".into(),
            });
        }
        if self.auth.absolute_lifetime_hours == 0 {
            return Err(ConfigError::Invalid {
                setting: "APP__AUTH__ABSOLUTE_LIFETIME_HOURS".into(),
                expected: "a number of hours above 0".into(),
                found: "0".into(),
            });
        }
        if !(self.database.url.starts_with("sqlite:")
            || self.database.url.starts_with("postgres://")
            || self.database.url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                setting: "APP__DATABASE__URL".into(),
                expected: "a URL starting with sqlite:, postgres:// or postgresql://".into(),
                found: self.database.redacted_url(),
            });
        }
        if self.database.draft_expiry_interval_seconds == 0 {
            return Err(ConfigError::Invalid {
                setting: "APP__DATABASE__DRAFT_EXPIRY_INTERVAL_SECONDS".into(),
                expected: "at least 1".into(),
                found: "0".into(),
            });
        }
        if let Some((setting, expected, found)) = self.notify.problems().into_iter().next() {
            return Err(ConfigError::Invalid {
                setting,
                expected,
                found,
            });
        }
        if self.database.max_connections == 0 {
            return Err(ConfigError::Invalid {
                setting: "APP__DATABASE__MAX_CONNECTIONS".into(),
                expected: "at least 1".into(),
                found: "0".into(),
            });
        }
        Ok(())
    }

    /// Whether a dev-only feature is on: the explicit setting, else on in development only.
    fn dev_feature(&self, setting: Option<bool>) -> bool {
        setting.unwrap_or(self.environment == Environment::Development)
    }

    /// The BankID simulator is mounted (only in a build with the `dev-simulator` feature).
    pub fn bankid_simulator_enabled(&self) -> bool {
        crate::dev_simulator::COMPILED && self.dev_feature(self.dev.bankid_simulator)
    }

    /// Messages go to the dev mailbox instead of SMTP/SMS.
    pub fn mailbox_enabled(&self) -> bool {
        self.dev_feature(self.dev.mailbox)
    }

    /// Demo e-services and accounts are loaded.
    pub fn demo_data_enabled(&self) -> bool {
        self.dev_feature(self.dev.demo_data)
    }

    /// The effective log format.
    pub fn log_format(&self) -> LogFormat {
        self.log.format.unwrap_or(match self.environment {
            Environment::Development => LogFormat::Pretty,
            Environment::Production => LogFormat::Json,
        })
    }
}

/// Too short, or an example value from documentation.
fn is_weak_secret(secret: &str) -> bool {
    let lowered = secret.to_ascii_lowercase();
    secret.len() < 32
        || ["changeme", "change-me", "secret", "example", "password"]
            .iter()
            .any(|weak| lowered.contains(weak))
        || secret
            .chars()
            .all(|c| c == secret.chars().next().unwrap_or(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_refuses_the_bankid_simulator() {
        let mut settings = Settings::defaults(Environment::Production);
        settings.server.public_url = Some("https://minasidor.exempelby.se".into());
        settings.auth.jwt_secret = Some("q8Vt3kPz0LmW9xYr2NcB7sDf6GhJ1aEu4".into());
        settings.bankid.pkcs12_path = Some("/etc/mina-sidor/bankid.p12".into());
        settings.dev.bankid_simulator = Some(true);
        let error = settings.check().unwrap_err().to_string();
        assert!(error.contains("APP__DEV__BANKID_SIMULATOR"), "{error}");
    }

    #[test]
    fn production_needs_a_bankid_certificate() {
        let mut settings = Settings::defaults(Environment::Production);
        settings.server.public_url = Some("https://minasidor.exempelby.se".into());
        settings.auth.jwt_secret = Some("q8Vt3kPz0LmW9xYr2NcB7sDf6GhJ1aEu4".into());
        let error = settings.check().unwrap_err().to_string();
        assert!(error.contains("APP__BANKID__PKCS12_PATH"), "{error}");
    }

    #[test]
    fn production_refuses_a_missing_or_weak_jwt_secret() {
        let mut settings = Settings::defaults(Environment::Production);
        settings.server.public_url = Some("https://minasidor.exempelby.se".into());
        settings.bankid.pkcs12_path = Some("/etc/mina-sidor/bankid.p12".into());
        assert!(
            settings
                .check()
                .unwrap_err()
                .to_string()
                .contains("JWT_SECRET")
        );
        settings.auth.jwt_secret = Some("changeme-changeme-changeme-changeme".into());
        assert!(settings.check().unwrap_err().to_string().contains("weak"));
        settings.auth.jwt_secret = Some("q8Vt3kPz0LmW9xYr2NcB7sDf6GhJ1aEu4".into());
        assert!(settings.check().is_ok());
    }

    #[test]
    fn production_needs_a_public_url_and_refuses_the_test_service_unless_told() {
        let mut settings = Settings::defaults(Environment::Production);
        settings.auth.jwt_secret = Some("q8Vt3kPz0LmW9xYr2NcB7sDf6GhJ1aEu4".into());
        settings.bankid.pkcs12_path = Some("/etc/mina-sidor/bankid.p12".into());
        let error = settings.check().unwrap_err().to_string();
        assert!(error.contains("APP__SERVER__PUBLIC_URL"), "{error}");
        settings.server.public_url = Some("https://minasidor.exempelby.se".into());
        assert!(settings.check().is_ok());
        settings.bankid.base_url = Some("https://appapi2.test.bankid.com/rp/v6.0/".into());
        let error = settings.check().unwrap_err().to_string();
        assert!(error.contains("APP__BANKID__ALLOW_TEST_SERVICE"), "{error}");
        settings.bankid.allow_test_service = true;
        assert!(settings.check().is_ok());
    }

    #[test]
    fn dev_features_only_on_a_loopback_address() {
        let mut dev = Settings::defaults(Environment::Development);
        assert!(dev.check().is_ok());
        dev.server.host = IpAddr::from([0, 0, 0, 0]);
        let error = dev.check().unwrap_err().to_string();
        assert!(
            error.contains("APP__SERVER__HOST") && error.contains("loopback"),
            "{error}"
        );
        assert!(error.contains("the dev mailbox"), "{error}");
        assert_eq!(
            error.contains("the BankID simulator"),
            crate::dev_simulator::COMPILED,
            "{error}"
        );
        // With every dev feature switched off, development may listen anywhere.
        dev.dev = DevSettings {
            bankid_simulator: Some(false),
            mailbox: Some(false),
            demo_data: Some(false),
        };
        assert!(dev.check().is_ok());
        dev.server.host = IpAddr::from([0, 0, 0, 0, 0, 0, 0, 1]);
        assert!(dev.check().is_ok());
    }

    #[test]
    fn dev_features_default_on_in_development_and_off_in_production() {
        let dev = Settings::defaults(Environment::Development);
        assert!(dev.mailbox_enabled() && dev.demo_data_enabled());
        // The simulator only where it is compiled in.
        assert_eq!(
            dev.bankid_simulator_enabled(),
            crate::dev_simulator::COMPILED
        );
        let prod = Settings::defaults(Environment::Production);
        assert!(
            !prod.bankid_simulator_enabled()
                && !prod.mailbox_enabled()
                && !prod.demo_data_enabled()
        );
    }

    #[test]
    fn asking_a_build_without_the_simulator_for_it_refuses_to_start() {
        let mut dev = Settings::defaults(Environment::Development);
        dev.dev.bankid_simulator = Some(true);
        assert_eq!(dev.check().is_ok(), crate::dev_simulator::COMPILED);
        if !crate::dev_simulator::COMPILED {
            let error = dev.check().unwrap_err().to_string();
            assert!(error.contains("dev-simulator"), "{error}");
        }
    }

    #[test]
    fn a_database_url_of_another_kind_is_named_in_the_error() {
        let mut settings = Settings::defaults(Environment::Development);
        settings.database.url = "mysql://root:hunter2@localhost/db".into();
        let error = settings.check().unwrap_err().to_string();
        assert!(error.contains("APP__DATABASE__URL"), "{error}");
        assert!(!error.contains("hunter2"), "the password leaked: {error}");
    }

    #[test]
    fn redacting_a_url_hides_only_the_password() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/mina"),
            "postgres://app:***@db:5432/mina"
        );
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
