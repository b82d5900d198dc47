//! `APP__NOTIFY__*`: how notices are delivered. E-mail goes over SMTP when `smtp.host` is set,
//! SMS through `sms.provider`; in development the dev mailbox catches both instead.

use serde::Deserialize;

/// `APP__NOTIFY__*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NotifySettings {
    /// Run the delivery worker in this process (every node may; each row goes to one).
    pub worker: bool,
    /// Milliseconds between looks at the outbox when it was empty.
    pub poll_interval_ms: u64,
    /// Rows one look takes at most.
    pub batch_size: u32,
    /// Seconds a worker's claim on a row lasts; after that another worker may retry it
    /// (a worker that died mid-send).
    pub lease_seconds: u64,
    /// Hours a notice is retried after temporary failures before it is marked failed.
    pub retry_hours: u64,
    /// Hours in Swedish time when no SMS is sent (`21-08`; `off` for none). E-mail never waits.
    pub sms_quiet_hours: String,
    /// Days before a draft is deleted that its owner is warned (0: no warning).
    pub draft_expiry_warning_days: u32,
    /// Test notices a citizen may ask for per hour.
    pub test_notices_per_hour: u32,
    /// E-mail.
    pub smtp: SmtpSettings,
    /// SMS.
    pub sms: SmsSettings,
}

impl Default for NotifySettings {
    fn default() -> Self {
        Self {
            worker: true,
            poll_interval_ms: 1000,
            batch_size: 20,
            lease_seconds: 300,
            retry_hours: 4,
            sms_quiet_hours: "21-08".into(),
            draft_expiry_warning_days: 7,
            test_notices_per_hour: 5,
            smtp: SmtpSettings::default(),
            sms: SmsSettings::default(),
        }
    }
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS (required), usually port 587.
    Starttls,
    /// TLS from the first byte ("implicit TLS", SMTPS), usually port 465.
    Tls,
    /// No encryption: only for a relay on the same host or network.
    None,
}

/// `APP__NOTIFY__SMTP__*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpSettings {
    /// The mail server; unset means no e-mail.
    pub host: Option<String>,
    /// Its port.
    pub port: u16,
    /// `starttls`, `tls` or `none`.
    pub tls: SmtpTls,
    /// Login name, if the server wants one.
    pub username: Option<String>,
    /// Password.
    pub password: Option<String>,
    /// The sender, e.g. `Exempelby kommun <minasidor@exempelby.se>`.
    pub from: Option<String>,
    /// Where replies go, e.g. the contact centre (people cannot answer a case by e-mail).
    pub reply_to: Option<String>,
    /// Seconds one delivery may take.
    pub timeout_seconds: u64,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            host: None,
            port: 587,
            tls: SmtpTls::Starttls,
            username: None,
            password: None,
            from: None,
            reply_to: None,
            timeout_seconds: 30,
        }
    }
}

/// Which SMS gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsProviderKind {
    /// No SMS.
    None,
    /// 46elks' REST API (`https://api.46elks.com/a1/sms`).
    #[serde(rename = "46elks")]
    Elks46,
    /// A JSON webhook, for any other gateway behind a small adapter.
    Webhook,
}

/// `APP__NOTIFY__SMS__*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmsSettings {
    /// `none`, `46elks` or `webhook`.
    pub provider: SmsProviderKind,
    /// The gateway's URL (46elks: `https://api.46elks.com/a1/sms`).
    pub url: Option<String>,
    /// API user name (46elks).
    pub username: Option<String>,
    /// API password (46elks).
    pub password: Option<String>,
    /// The sender shown on the phone: up to 11 letters, e.g. `Exempelby`.
    pub from: String,
    /// Secret that signs webhook requests (`X-Signature: sha256=…`).
    pub webhook_secret: Option<String>,
    /// Seconds one request may take.
    pub timeout_seconds: u64,
}

impl Default for SmsSettings {
    fn default() -> Self {
        Self {
            provider: SmsProviderKind::None,
            url: None,
            username: None,
            password: None,
            from: "MinaSidor".into(),
            webhook_secret: None,
            timeout_seconds: 15,
        }
    }
}

impl NotifySettings {
    /// Rules the settings must follow, as `(setting, expected, found)`.
    pub fn problems(&self) -> Vec<(String, String, String)> {
        let mut problems = Vec::new();
        if domain::QuietHours::parse(&self.sms_quiet_hours).is_err() {
            problems.push((
                "APP__NOTIFY__SMS_QUIET_HOURS".into(),
                "HH-HH with hours 0-23, e.g. 21-08, or off".into(),
                self.sms_quiet_hours.clone(),
            ));
        }
        if self.batch_size == 0 || self.batch_size > 1000 {
            problems.push((
                "APP__NOTIFY__BATCH_SIZE".into(),
                "1 to 1000".into(),
                self.batch_size.to_string(),
            ));
        }
        if self.lease_seconds == 0 {
            problems.push((
                "APP__NOTIFY__LEASE_SECONDS".into(),
                "at least 1".into(),
                "0".into(),
            ));
        }
        if self.poll_interval_ms == 0 {
            problems.push((
                "APP__NOTIFY__POLL_INTERVAL_MS".into(),
                "at least 1".into(),
                "0".into(),
            ));
        }
        if self.smtp.host.is_some() && self.smtp.from.is_none() {
            problems.push((
                "APP__NOTIFY__SMTP__FROM".into(),
                "the sender's address when APP__NOTIFY__SMTP__HOST is set".into(),
                String::new(),
            ));
        }
        for (setting, value) in [
            ("APP__NOTIFY__SMTP__FROM", &self.smtp.from),
            ("APP__NOTIFY__SMTP__REPLY_TO", &self.smtp.reply_to),
        ] {
            if let Some(value) = value
                && value.parse::<lettre::message::Mailbox>().is_err()
            {
                problems.push((
                    setting.into(),
                    "an address such as Exempelby kommun <minasidor@exempelby.se>".into(),
                    value.clone(),
                ));
            }
        }
        match self.sms.provider {
            SmsProviderKind::None => {}
            SmsProviderKind::Elks46 => {
                if self.sms.username.is_none() || self.sms.password.is_none() {
                    problems.push((
                        "APP__NOTIFY__SMS__USERNAME / APP__NOTIFY__SMS__PASSWORD".into(),
                        "the 46elks API credentials".into(),
                        String::new(),
                    ));
                }
            }
            SmsProviderKind::Webhook => {
                if self.sms.url.is_none() || self.sms.webhook_secret.is_none() {
                    problems.push((
                        "APP__NOTIFY__SMS__URL / APP__NOTIFY__SMS__WEBHOOK_SECRET".into(),
                        "the webhook's URL and signing secret".into(),
                        String::new(),
                    ));
                }
            }
        }
        let from = &self.sms.from;
        let alphanumeric = from.chars().all(|c| c.is_ascii_alphanumeric());
        let numeric = from.starts_with('+') && from[1..].chars().all(|c| c.is_ascii_digit());
        if from.is_empty() || !(alphanumeric && from.len() <= 11 || numeric && from.len() <= 16) {
            problems.push((
                "APP__NOTIFY__SMS__FROM".into(),
                "up to 11 letters and digits, or a number such as +46766861004".into(),
                from.clone(),
            ));
        }
        problems
    }
}
