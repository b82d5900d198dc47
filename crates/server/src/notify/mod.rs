//! Notices by e-mail and SMS through a transactional outbox.
//!
//! A change that should notify someone writes one `notifications` row per channel in its own
//! transaction ([`to_owner`], [`to_person`]): the notice exists exactly when the change does.
//! The [`worker`] of any node claims due rows (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has
//! one writer), renders them from the [`templates`] and hands them to a [`channels`] sender.
//! The row id is the provider's reference and idempotency key; a claim is a lease, so a worker
//! that dies mid-send leaves the row to be retried, never lost.

pub mod channels;
pub mod config;
pub mod dev_outbox;
pub mod reports;
pub mod service;
pub mod templates;
pub mod worker;

use api_types::{NoticeChannel, NoticeLanguage, NoticeResponse, NoticeStatus};
use chrono::{DateTime, Utc};
use domain::NoticeKind;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use uuid::Uuid;

use crate::entities::{cases, notifications, profiles};

/// Whom a notice goes to and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recipient {
    /// Their account, when they have one.
    pub user_id: Option<Uuid>,
    /// E-mail address, when they want e-mail.
    pub email: Option<String>,
    /// E.164 mobile number, when they want SMS.
    pub phone: Option<String>,
    /// Their language.
    pub language: NoticeLanguage,
}

impl Recipient {
    /// The channels a saved profile asks for (an address without the choice is not used).
    #[must_use]
    pub fn from_profile(profile: &profiles::Model) -> Self {
        Self {
            user_id: Some(profile.user_id),
            email: profile.email.clone().filter(|_| profile.notify_email),
            phone: profile.phone.clone().filter(|_| profile.notify_sms),
            language: profile
                .language
                .as_deref()
                .map(NoticeLanguage::from_code)
                .unwrap_or_default(),
        }
    }
}

/// Notifies the case's owner of `kind` by the channels of their profile (none without a
/// profile or contact details: the news is then on Mina sidor only). Returns the rows written.
///
/// # Errors
///
/// The database's.
pub async fn to_owner(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    kind: NoticeKind,
    now: DateTime<Utc>,
) -> Result<Vec<notifications::Model>, DbErr> {
    let Some(profile) = profiles::Entity::find_by_id(case.owner_id).one(db).await? else {
        return Ok(Vec::new());
    };
    to_person(
        db,
        &Recipient::from_profile(&profile),
        kind,
        Some(case.id),
        now,
    )
    .await
}

/// Writes the outbox rows of one notice to `recipient`, one per channel.
///
/// # Errors
///
/// The database's.
pub async fn to_person(
    db: &impl ConnectionTrait,
    recipient: &Recipient,
    kind: NoticeKind,
    case_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Vec<notifications::Model>, DbErr> {
    let mut rows = Vec::new();
    for (channel, address) in [
        (NoticeChannel::Email, &recipient.email),
        (NoticeChannel::Sms, &recipient.phone),
    ] {
        let Some(address) = address else { continue };
        let row = notifications::ActiveModel {
            id: Set(Uuid::new_v4()),
            kind: Set(kind.as_str().to_owned()),
            case_id: Set(case_id),
            user_id: Set(recipient.user_id),
            channel: Set(channel.as_str().to_owned()),
            recipient: Set(Some(address.clone())),
            recipient_hint: Set(mask(channel, address)),
            language: Set(recipient.language.as_str().to_owned()),
            status: Set(NoticeStatus::Pending.as_str().to_owned()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            lease_until: Set(None),
            last_error: Set(None),
            provider_ref: Set(None),
            created_at: Set(now),
            sent_at: Set(None),
            delivered_at: Set(None),
            failed_at: Set(None),
        }
        .insert(db)
        .await?;
        rows.push(row);
    }
    Ok(rows)
}

/// A masked address for administrators: `a•••@exempel.se`, `+4670•••••67`.
#[must_use]
pub fn mask(channel: NoticeChannel, address: &str) -> String {
    match channel {
        NoticeChannel::Email => match address.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}•••@{domain}")
            }
            None => "•••".into(),
        },
        NoticeChannel::Sms => {
            let chars: Vec<char> = address.chars().collect();
            if chars.len() < 8 {
                return "•••".into();
            }
            let head: String = chars[..5].iter().collect();
            let tail: String = chars[chars.len() - 2..].iter().collect();
            format!("{head}{}{tail}", "•".repeat(chars.len() - 7))
        }
    }
}

/// The link a notice carries: to the case, or for a test notice to the profile. It holds no
/// token; opening it asks for a BankID login first.
#[must_use]
pub fn link(public_url: &str, kind: NoticeKind, case_id: Option<Uuid>) -> String {
    let base = public_url.trim_end_matches('/');
    match case_id {
        Some(id) if kind.is_about_a_case() => format!("{base}/arenden/{id}"),
        _ => format!("{base}/mina-sidor/profil"),
    }
}

/// A row as the citizen's notification log shows it.
#[must_use]
pub fn response(row: &notifications::Model) -> NoticeResponse {
    NoticeResponse {
        id: row.id.to_string(),
        kind: row.kind.clone(),
        channel: NoticeChannel::parse(&row.channel).unwrap_or(NoticeChannel::Email),
        status: NoticeStatus::parse(&row.status).unwrap_or(NoticeStatus::Pending),
        created_at: row.created_at.to_rfc3339(),
        sent_at: row.sent_at.map(|at| at.to_rfc3339()),
        delivered_at: row.delivered_at.map(|at| at.to_rfc3339()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_masked() {
        assert_eq!(
            mask(NoticeChannel::Email, "anna@exempel.se"),
            "a•••@exempel.se"
        );
        assert_eq!(mask(NoticeChannel::Sms, "+46701234567"), "+4670•••••67");
        assert_eq!(mask(NoticeChannel::Sms, "+4670"), "•••");
    }

    #[test]
    fn links_carry_no_token() {
        let id = Uuid::nil();
        assert_eq!(
            link("https://m.se/", NoticeKind::OfficerMessage, Some(id)),
            format!("https://m.se/arenden/{id}")
        );
        assert_eq!(
            link("https://m.se", NoticeKind::TestNotice, None),
            "https://m.se/mina-sidor/profil"
        );
    }
}
