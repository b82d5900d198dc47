//! The channels a notice travels by: e-mail over SMTP (`lettre`), SMS through a gateway
//! (46elks' REST API or a signed JSON webhook), and the dev mailbox that catches both in
//! development. Each send says whether a failure is worth retrying.

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;
use hmac::{Hmac, Mac};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};
use serde::Deserialize;
use sha2::Sha256;
use uuid::Uuid;

use super::config::{SmsProviderKind, SmsSettings, SmtpSettings, SmtpTls};
use super::templates::Rendered;
use crate::entities::dev_outbox;

/// Why a send did not work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later (server down, timeout, 4xx SMTP reply, 5xx HTTP).
    #[error("temporary: {0}")]
    Temporary(String),
    /// Will never work (address rejected, invalid number): stop at once.
    #[error("permanent: {0}")]
    Permanent(String),
}

/// A channel took the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The provider's id, if it gave one (delivery reports name it).
    pub provider_ref: Option<String>,
    /// Already at its destination (the dev mailbox).
    pub delivered: bool,
}

/// One notice to send.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    /// The outbox row: the idempotency key and reference.
    pub id: Uuid,
    /// Address or E.164 number.
    pub to: &'a str,
    /// The texts.
    pub rendered: &'a Rendered,
    /// Where the gateway reports delivery.
    pub callback: Option<&'a str>,
    /// When.
    pub now: DateTime<Utc>,
}

/// Sends e-mail.
pub trait Mailer: Send + Sync + std::fmt::Debug {
    /// Hands one e-mail to the mail server.
    fn send<'a>(&'a self, mail: Outgoing<'a>) -> BoxFuture<'a, Result<Accepted, SendError>>;
}

/// Sends SMS.
pub trait SmsProvider: Send + Sync + std::fmt::Debug {
    /// Hands one SMS to the gateway.
    fn send<'a>(&'a self, sms: Outgoing<'a>) -> BoxFuture<'a, Result<Accepted, SendError>>;
}

/// E-mail over SMTP.
#[derive(Debug)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    reply_to: Option<Mailbox>,
}

impl SmtpMailer {
    /// From the settings (`host` and `from` set).
    ///
    /// # Errors
    ///
    /// A host or address lettre cannot use.
    pub fn new(settings: &SmtpSettings) -> Result<Option<Self>, String> {
        let Some(host) = settings.host.as_deref() else {
            return Ok(None);
        };
        let from = settings
            .from
            .as_deref()
            .ok_or("APP__NOTIFY__SMTP__FROM is not set")?
            .parse::<Mailbox>()
            .map_err(|e| format!("APP__NOTIFY__SMTP__FROM: {e}"))?;
        let reply_to = settings
            .reply_to
            .as_deref()
            .map(str::parse::<Mailbox>)
            .transpose()
            .map_err(|e| format!("APP__NOTIFY__SMTP__REPLY_TO: {e}"))?;
        let builder = match settings.tls {
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .map_err(|e| e.to_string())?,
            SmtpTls::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(|e| e.to_string())?
            }
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(Duration::from_secs(settings.timeout_seconds)));
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Some(Self {
            transport: builder.build(),
            from,
            reply_to,
        }))
    }
}

/// The e-mail for a notice, with the notice id in its `Message-ID`.
fn message(
    mail: &Outgoing<'_>,
    from: &Mailbox,
    reply_to: Option<&Mailbox>,
) -> Result<Message, SendError> {
    let to = mail
        .to
        .parse::<Mailbox>()
        .map_err(|e| SendError::Permanent(format!("the address cannot be used: {e}")))?;
    let domain = from.email.domain().to_owned();
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.rendered.subject.clone())
        .message_id(Some(format!("<{}@{domain}>", mail.id.simple())))
        .date(mail.now.into());
    if let Some(reply_to) = reply_to {
        builder = builder.reply_to(reply_to.clone());
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            mail.rendered.text.clone(),
            mail.rendered.html.clone(),
        ))
        .map_err(|e| SendError::Permanent(format!("the e-mail cannot be built: {e}")))
}

impl Mailer for SmtpMailer {
    fn send<'a>(&'a self, mail: Outgoing<'a>) -> BoxFuture<'a, Result<Accepted, SendError>> {
        Box::pin(async move {
            let email = message(&mail, &self.from, self.reply_to.as_ref())?;
            match self.transport.send(email).await {
                Ok(response) => Ok(Accepted {
                    provider_ref: response
                        .first_line()
                        .map(|line| line.chars().take(100).collect()),
                    delivered: false,
                }),
                Err(error) if error.is_permanent() => Err(SendError::Permanent(short(&error))),
                Err(error) => Err(SendError::Temporary(short(&error))),
            }
        })
    }
}

fn short(error: &impl std::fmt::Display) -> String {
    error.to_string().chars().take(400).collect()
}

/// The dev mailbox: keeps e-mail and SMS in the database for `/dev/outbox`.
#[derive(Debug)]
pub struct DevMailbox {
    db: DatabaseConnection,
    channel: &'static str,
}

impl DevMailbox {
    /// Catches `channel` (`email` or `sms`).
    #[must_use]
    pub const fn new(db: DatabaseConnection, channel: &'static str) -> Self {
        Self { db, channel }
    }

    async fn keep(&self, item: Outgoing<'_>) -> Result<Accepted, SendError> {
        let email = self.channel == "email";
        if email && item.to.parse::<Mailbox>().is_err() {
            return Err(SendError::Permanent("the address cannot be used".into()));
        }
        dev_outbox::ActiveModel {
            id: Set(Uuid::new_v4()),
            notification_id: Set(item.id),
            channel: Set(self.channel.to_owned()),
            recipient: Set(item.to.to_owned()),
            subject: Set(email.then(|| item.rendered.subject.clone())),
            text_body: Set(if email {
                item.rendered.text.clone()
            } else {
                item.rendered.sms.clone()
            }),
            html_body: Set(email.then(|| item.rendered.html.clone())),
            created_at: Set(item.now),
        }
        .insert(&self.db)
        .await
        .map_err(|e| SendError::Temporary(short(&e)))?;
        Ok(Accepted {
            provider_ref: None,
            delivered: true,
        })
    }
}

impl Mailer for DevMailbox {
    fn send<'a>(&'a self, mail: Outgoing<'a>) -> BoxFuture<'a, Result<Accepted, SendError>> {
        Box::pin(self.keep(mail))
    }
}

impl SmsProvider for DevMailbox {
    fn send<'a>(&'a self, sms: Outgoing<'a>) -> BoxFuture<'a, Result<Accepted, SendError>> {
        Box::pin(self.keep(sms))
    }
}

/// 46elks' `POST /a1/sms`: form-encoded, HTTP basic auth, a JSON answer with `id` and `status`;
/// delivery reports are posted to `whendelivered`.
#[derive(Debug)]
pub struct Elks46 {
    http: reqwest::Client,
    url: String,
    username: String,
    password: String,
    from: String,
}

/// 46elks' answer.
#[derive(Debug, Deserialize)]
struct ElksAnswer {
    id: String,
}

/// Classifies an HTTP answer: 5xx and 429 are worth retrying, other 4xx are not.
async fn classify(response: reqwest::Response) -> Result<reqwest::Response, SendError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let body: String = response
        .text()
        .await
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let reason = format!("the gateway answered {status}: {body}");
    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        Err(SendError::Temporary(reason))
    } else {
        Err(SendError::Permanent(reason))
    }
}

fn http_client(timeout_seconds: u64) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(timeout_seconds))
        .build()
        .map_err(|e| e.to_string())
}

impl SmsProvider for Elks46 {
    fn send<'a>(&'a self, sms: Outgoing<'a>) -> BoxFuture<'a, Result<Accepted, SendError>> {
        Box::pin(async move {
            let mut form = vec![
                ("from", self.from.as_str()),
                ("to", sms.to),
                ("message", sms.rendered.sms.as_str()),
            ];
            if let Some(callback) = sms.callback {
                form.push(("whendelivered", callback));
            }
            let response = self
                .http
                .post(&self.url)
                .basic_auth(&self.username, Some(&self.password))
                .form(&form)
                .send()
                .await
                .map_err(|e| SendError::Temporary(short(&e)))?;
            let answer: ElksAnswer = classify(response)
                .await?
                .json()
                .await
                .map_err(|e| SendError::Temporary(format!("unreadable answer: {e}")))?;
            Ok(Accepted {
                provider_ref: Some(answer.id.chars().take(100).collect()),
                delivered: false,
            })
        })
    }
}

/// A JSON webhook: `{"id", "to", "message", "status_callback"}` with `Idempotency-Key` (the
/// notice id) and `X-Signature: sha256=<HMAC of the body>`; any 2xx is accepted, and an `id` in
/// a JSON answer is kept as the reference.
#[derive(Debug)]
pub struct WebhookSms {
    http: reqwest::Client,
    url: String,
    secret: String,
}

#[derive(Debug, Default, Deserialize)]
struct WebhookAnswer {
    #[serde(default)]
    id: Option<String>,
}

/// `sha256=<hex HMAC-SHA256 of body>`.
#[must_use]
pub fn signature(secret: &[u8], body: &[u8]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

impl SmsProvider for WebhookSms {
    fn send<'a>(&'a self, sms: Outgoing<'a>) -> BoxFuture<'a, Result<Accepted, SendError>> {
        Box::pin(async move {
            let body = serde_json::json!({
                "id": sms.id,
                "to": sms.to,
                "message": sms.rendered.sms,
                "status_callback": sms.callback,
            })
            .to_string();
            let response = self
                .http
                .post(&self.url)
                .header("content-type", "application/json")
                .header("idempotency-key", sms.id.to_string())
                .header(
                    "x-signature",
                    signature(self.secret.as_bytes(), body.as_bytes()),
                )
                .body(body)
                .send()
                .await
                .map_err(|e| SendError::Temporary(short(&e)))?;
            let answer: WebhookAnswer = classify(response).await?.json().await.unwrap_or_default();
            Ok(Accepted {
                provider_ref: answer.id.map(|id| id.chars().take(100).collect()),
                delivered: false,
            })
        })
    }
}

/// The configured SMS gateway.
///
/// # Errors
///
/// An HTTP client that cannot be built.
pub fn sms_provider(settings: &SmsSettings) -> Result<Option<Box<dyn SmsProvider>>, String> {
    Ok(match settings.provider {
        SmsProviderKind::None => None,
        SmsProviderKind::Elks46 => Some(Box::new(Elks46 {
            http: http_client(settings.timeout_seconds)?,
            url: settings
                .url
                .clone()
                .unwrap_or_else(|| "https://api.46elks.com/a1/sms".into()),
            username: settings.username.clone().unwrap_or_default(),
            password: settings.password.clone().unwrap_or_default(),
            from: settings.from.clone(),
        })),
        SmsProviderKind::Webhook => Some(Box::new(WebhookSms {
            http: http_client(settings.timeout_seconds)?,
            url: settings.url.clone().unwrap_or_default(),
            secret: settings.webhook_secret.clone().unwrap_or_default(),
        })),
    })
}
