//! Notices: which case events tell someone that something waits on Mina sidor, and the rules
//! for delivering them (SMS quiet hours in Swedish time, retry backoff). A notice never carries
//! the content of a case, only its kind; the server renders it from a template.

use chrono::{DateTime, Duration, NaiveTime, Timelike, Utc};

use crate::lifecycle::{Actor, CaseEventKind};
use crate::sweden::{swedish_local_time, utc_offset_seconds};

/// What a notice is about. The snake_case names are stored and appear in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeKind {
    /// The case was submitted: a confirmation with a link to follow it.
    CaseSubmitted,
    /// The case officer wrote a message.
    OfficerMessage,
    /// The case officer published a status note.
    StatusNote,
    /// The case was closed (the decision is on Mina sidor, never in the notice).
    CaseClosed,
    /// A closed case is being handled again.
    CaseReopened,
    /// Someone is asked to co-sign.
    CosignatureRequested,
    /// A reminder to co-sign.
    CosignatureReminder,
    /// Every party has signed.
    CosignatureCompleted,
    /// A co-signer declined; the case is back to draft.
    CosignatureDeclined,
    /// The co-signing deadline passed; the case is back to draft.
    CosignatureExpired,
    /// A draft will be deleted soon.
    DraftExpiring,
    /// The citizen asked for a test notice from the profile page.
    TestNotice,
}

impl NoticeKind {
    /// Every kind, in a stable order (templates, tests).
    pub const ALL: [Self; 12] = [
        Self::CaseSubmitted,
        Self::OfficerMessage,
        Self::StatusNote,
        Self::CaseClosed,
        Self::CaseReopened,
        Self::CosignatureRequested,
        Self::CosignatureReminder,
        Self::CosignatureCompleted,
        Self::CosignatureDeclined,
        Self::CosignatureExpired,
        Self::DraftExpiring,
        Self::TestNotice,
    ];

    /// The stored name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CaseSubmitted => "case_submitted",
            Self::OfficerMessage => "officer_message",
            Self::StatusNote => "status_note",
            Self::CaseClosed => "case_closed",
            Self::CaseReopened => "case_reopened",
            Self::CosignatureRequested => "cosignature_requested",
            Self::CosignatureReminder => "cosignature_reminder",
            Self::CosignatureCompleted => "cosignature_completed",
            Self::CosignatureDeclined => "cosignature_declined",
            Self::CosignatureExpired => "cosignature_expired",
            Self::DraftExpiring => "draft_expiring",
            Self::TestNotice => "test_notice",
        }
    }

    /// The kind with this stored name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// Whether the notice's link leads to a case (otherwise to the profile or the draft list).
    #[must_use]
    pub const fn is_about_a_case(self) -> bool {
        !matches!(self, Self::TestNotice)
    }
}

impl CaseEventKind {
    /// The notice this event sends the case's owner, if any. Only what the owner did not do
    /// themselves is worth a notice, except the submission receipt.
    #[must_use]
    pub const fn owner_notice(&self, actor: &Actor) -> Option<NoticeKind> {
        match self {
            Self::CaseSubmitted => Some(NoticeKind::CaseSubmitted),
            Self::CaseCosigned {
                remaining_after: 0, ..
            } => Some(NoticeKind::CaseSubmitted),
            Self::CosignatureDeclined { .. } => Some(NoticeKind::CosignatureDeclined),
            Self::CosignatureExpired => Some(NoticeKind::CosignatureExpired),
            Self::MessagePosted { .. } if matches!(actor, Actor::Officer { .. }) => {
                Some(NoticeKind::OfficerMessage)
            }
            Self::StatusNotePublished { .. } => Some(NoticeKind::StatusNote),
            Self::CaseClosed { .. } => Some(NoticeKind::CaseClosed),
            Self::CaseReopened { .. } => Some(NoticeKind::CaseReopened),
            _ => None,
        }
    }
}

/// Hours in Swedish time when no SMS is sent, e.g. 21–08. Equal hours mean no quiet hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    start: u8,
    end: u8,
}

/// Quiet hours were not written as `HH-HH` with hours 0–23.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("quiet hours must be written HH-HH with hours 0-23, e.g. 21-08")]
pub struct QuietHoursError;

impl QuietHours {
    /// From the hour they start and the hour they end (both 0–23).
    pub fn new(start: u8, end: u8) -> Result<Self, QuietHoursError> {
        if start > 23 || end > 23 {
            return Err(QuietHoursError);
        }
        Ok(Self { start, end })
    }

    /// Parses `21-08` (or `21:00-08:00`); an empty string or `off` means none.
    pub fn parse(text: &str) -> Result<Option<Self>, QuietHoursError> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("off") {
            return Ok(None);
        }
        let (start, end) = text.split_once('-').ok_or(QuietHoursError)?;
        let hour = |part: &str| -> Result<u8, QuietHoursError> {
            let part = part.trim();
            let part = part.strip_suffix(":00").unwrap_or(part);
            part.parse::<u8>().map_err(|_| QuietHoursError)
        };
        Self::new(hour(start)?, hour(end)?).map(Some)
    }

    /// Whether the Swedish hour `hour` is quiet.
    const fn is_quiet_hour(self, hour: u32) -> bool {
        let (start, end) = (self.start as u32, self.end as u32);
        if start == end {
            false
        } else if start < end {
            hour >= start && hour < end
        } else {
            hour >= start || hour < end
        }
    }

    /// `None` when an SMS may be sent at `at`, else the instant the quiet hours end.
    #[must_use]
    pub fn wait_until(self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = swedish_local_time(at);
        if !self.is_quiet_hour(local.hour()) {
            return None;
        }
        let end = NaiveTime::from_hms_opt(u32::from(self.end), 0, 0)?;
        let mut day = local.date();
        if local.time() >= end {
            day = day.succ_opt()?;
        }
        let local_end = day.and_time(end);
        // The offset at the end may differ from now's (summer time): take the offset of the
        // guess, which is right except within the hour of a change.
        let guess = local_end.and_utc() - Duration::seconds(i64::from(utc_offset_seconds(at)));
        let offset = utc_offset_seconds(guess);
        Some(local_end.and_utc() - Duration::seconds(i64::from(offset)))
    }
}

/// How long to wait before attempt `attempt + 1` after `attempt` failed temporarily: 30 s
/// doubling per attempt, at most 30 minutes, spread by `jitter` (0.0–1.0) over ±20 %, so that
/// a provider coming back is not hit by every retry at once.
#[must_use]
pub fn retry_delay(attempt: u32, jitter: f64) -> Duration {
    let base = 30_i64.saturating_mul(1_i64 << attempt.saturating_sub(1).min(16));
    let capped = base.min(30 * 60);
    let jitter = jitter.clamp(0.0, 1.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        reason = "at most 1 800 000 ms, well inside f64 and i64"
    )]
    let millis = (capped as f64 * 1000.0 * (0.8 + 0.4 * jitter)) as i64;
    Duration::milliseconds(millis)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NoticeKind::parse("nope"), None);
    }

    #[test]
    fn quiet_hours_parse() {
        assert_eq!(
            QuietHours::parse("21-08").unwrap(),
            Some(QuietHours { start: 21, end: 8 })
        );
        assert_eq!(
            QuietHours::parse("21:00-08:00").unwrap(),
            Some(QuietHours { start: 21, end: 8 })
        );
        assert_eq!(QuietHours::parse("").unwrap(), None);
        assert_eq!(QuietHours::parse("off").unwrap(), None);
        assert!(QuietHours::parse("25-08").is_err());
        assert!(QuietHours::parse("21").is_err());
    }

    #[test]
    fn sms_waits_for_the_morning_in_swedish_time() {
        let quiet = QuietHours::new(21, 8).unwrap();
        // 1 December: CET (UTC+1). 20:59 Swedish time is allowed.
        assert_eq!(quiet.wait_until(utc(2026, 12, 1, 19, 59)), None);
        // 21:00 Swedish time waits until 08:00 the next day = 07:00 UTC.
        assert_eq!(
            quiet.wait_until(utc(2026, 12, 1, 20, 0)),
            Some(utc(2026, 12, 2, 7, 0))
        );
        // 03:00 Swedish time waits until 08:00 the same day.
        assert_eq!(
            quiet.wait_until(utc(2026, 12, 2, 2, 0)),
            Some(utc(2026, 12, 2, 7, 0))
        );
        assert_eq!(quiet.wait_until(utc(2026, 12, 2, 7, 0)), None);
        // Summer (UTC+2): 22:30 Swedish time on 1 July waits until 06:00 UTC.
        assert_eq!(
            quiet.wait_until(utc(2026, 7, 1, 20, 30)),
            Some(utc(2026, 7, 2, 6, 0))
        );
        // The night summer time ends (25 October 2026): 08:00 is then CET again.
        assert_eq!(
            quiet.wait_until(utc(2026, 10, 24, 21, 0)),
            Some(utc(2026, 10, 25, 7, 0))
        );
        // Daytime quiet hours, and none.
        let lunch = QuietHours::new(12, 13).unwrap();
        assert_eq!(
            lunch.wait_until(utc(2026, 12, 1, 11, 30)),
            Some(utc(2026, 12, 1, 12, 0))
        );
        assert_eq!(
            QuietHours::new(8, 8)
                .unwrap()
                .wait_until(utc(2026, 12, 1, 3, 0)),
            None
        );
    }

    #[test]
    fn retries_back_off_exponentially_with_bounded_jitter() {
        assert_eq!(retry_delay(1, 0.5), Duration::seconds(30));
        assert_eq!(retry_delay(2, 0.5), Duration::seconds(60));
        assert_eq!(retry_delay(3, 0.5), Duration::seconds(120));
        assert_eq!(retry_delay(30, 0.5), Duration::minutes(30));
        assert_eq!(retry_delay(1, 0.0), Duration::seconds(24));
        assert_eq!(retry_delay(1, 1.0), Duration::seconds(36));
        assert_eq!(retry_delay(u32::MAX, 7.0), Duration::seconds(36 * 60));
    }

    #[test]
    fn the_owner_is_told_what_others_did() {
        let officer = Actor::Officer {
            id: uuid::Uuid::nil(),
        };
        let citizen = Actor::Citizen {
            id: uuid::Uuid::nil(),
        };
        let message = CaseEventKind::MessagePosted {
            message_id: uuid::Uuid::nil(),
        };
        assert_eq!(
            message.owner_notice(&officer),
            Some(NoticeKind::OfficerMessage)
        );
        assert_eq!(message.owner_notice(&citizen), None);
        assert_eq!(
            CaseEventKind::CaseSubmitted.owner_notice(&citizen),
            Some(NoticeKind::CaseSubmitted)
        );
        assert_eq!(CaseEventKind::AnswersSaved.owner_notice(&citizen), None);
    }
}
