//! Configuration: defaults for the embedded setup, an optional TOML file, then environment
//! variables `APP__SECTION__KEY` (double underscores), e.g. `APP__DATABASE__URL`.
//!
//! `APP_ENV=production` switches the defaults of dev-only features off and refuses to start when
//! one of them is switched on, or when a secret is weak. Every setting is listed in README.md.

use serde::Deserialize;

mod sections;
pub use sections::*;

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
    /// Rate limits.
    #[serde(default)]
    pub rate_limit: crate::rate_limit::RateLimitSettings,
}

fn default_environment() -> Environment {
    Environment::Development
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
            rate_limit: crate::rate_limit::RateLimitSettings::default(),
        }
    }

    /// Checks rules that span settings or depend on the environment.
    pub fn check(&self) -> Result<(), ConfigError> {
        if let Some((setting, expected, found)) = self.rate_limit.problem() {
            return Err(ConfigError::Invalid {
                setting,
                expected,
                found,
            });
        }
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
mod tests;
