//! Notifications: the citizen's log of notices about a case, the profile's test notice, and the
//! administrators' templates and failed deliveries.

use serde::{Deserialize, Serialize};

use crate::CaseId;

/// The language a citizen gets notices in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeLanguage {
    /// Swedish (the default).
    #[default]
    Sv,
    /// English.
    En,
}

impl NoticeLanguage {
    /// The stored code.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sv => "sv",
            Self::En => "en",
        }
    }

    /// From the stored code (anything else is Swedish).
    #[must_use]
    pub fn from_code(code: &str) -> Self {
        if code == "en" { Self::En } else { Self::Sv }
    }
}

/// How a notice travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeChannel {
    /// E-mail.
    Email,
    /// SMS.
    Sms,
}

impl NoticeChannel {
    /// The stored name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }

    /// From the stored name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            _ => None,
        }
    }
}

/// Where a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeStatus {
    /// Waiting to be sent (or to be tried again, or for the SMS quiet hours to end).
    Pending,
    /// Being handed over right now.
    Sending,
    /// Accepted by the mail server or SMS gateway.
    Sent,
    /// The SMS gateway (or the dev mailbox) reported it delivered.
    Delivered,
    /// Could not be delivered.
    Failed,
}

impl NoticeStatus {
    /// The stored name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
        }
    }

    /// From the stored name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Sending,
            Self::Sent,
            Self::Delivered,
            Self::Failed,
        ]
        .into_iter()
        .find(|status| status.as_str() == name)
    }
}

/// One notice in a case's notification log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NoticeResponse {
    /// The notice.
    pub id: String,
    /// What it was about, e.g. `officer_message`, `case_submitted`.
    pub kind: String,
    /// By which channel.
    pub channel: NoticeChannel,
    /// Where it is.
    pub status: NoticeStatus,
    /// Recorded (RFC 3339).
    pub created_at: String,
    /// Handed over (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
    /// Reported delivered (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<String>,
}

/// The notices sent about one case, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NoticeLog {
    /// The notices.
    pub notices: Vec<NoticeResponse>,
}

/// A failed or waiting delivery, for administrators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutboxEntryResponse {
    /// The notice.
    pub id: String,
    /// What it was about.
    pub kind: String,
    /// By which channel.
    pub channel: NoticeChannel,
    /// To whom, masked (`a•••@exempel.se`).
    pub recipient_hint: String,
    /// Where it is.
    pub status: NoticeStatus,
    /// Attempts so far.
    pub attempts: u32,
    /// Why the last attempt failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// The case, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<CaseId>,
    /// Recorded (RFC 3339).
    pub created_at: String,
    /// Next attempt (RFC 3339), while pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt_at: Option<String>,
    /// Given up (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_at: Option<String>,
}

/// A page of the outbox, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutboxPage {
    /// The entries.
    pub entries: Vec<OutboxEntryResponse>,
    /// Pass as `before` for the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// The texts of one kind of notice in one language. `{link}` becomes the link to Mina sidor and
/// `{municipality}` the municipality's name; nothing else is filled in, so no case content can
/// reach a notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema, validator::Validate))]
#[serde(deny_unknown_fields)]
pub struct NoticeTemplateTexts {
    /// The e-mail subject.
    #[cfg_attr(feature = "server", validate(length(min = 1, max = 200)))]
    pub subject: String,
    /// The e-mail text; paragraphs separated by an empty line. Must contain `{link}`.
    #[cfg_attr(feature = "server", validate(length(min = 1, max = 4000)))]
    pub body: String,
    /// The SMS text. Must contain `{link}`.
    #[cfg_attr(feature = "server", validate(length(min = 1, max = 480)))]
    pub sms: String,
}

/// One template as administrators see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NoticeTemplateResponse {
    /// The kind of notice, e.g. `officer_message`.
    pub kind: String,
    /// The language.
    pub language: NoticeLanguage,
    /// The texts in use.
    pub texts: NoticeTemplateTexts,
    /// True when an administrator changed the built-in texts.
    pub customized: bool,
}

/// Every template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NoticeTemplateList {
    /// One per kind and language.
    pub templates: Vec<NoticeTemplateResponse>,
}

/// A notice as it would be sent (a preview, with an example link).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NoticePreview {
    /// The e-mail subject.
    pub subject: String,
    /// The e-mail's text part.
    pub text: String,
    /// The e-mail's HTML part.
    pub html: String,
    /// The SMS.
    pub sms: String,
}

/// The test notices queued from the profile page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TestNoticeResponse {
    /// One per chosen channel.
    pub notices: Vec<NoticeResponse>,
}
