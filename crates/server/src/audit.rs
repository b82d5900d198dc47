//! The audit log: every staff read of a case's personal data, every change and every download,
//! with who, when, what and the request id. Rows are only ever inserted; nothing in the server
//! updates or deletes them. A read whose audit row cannot be written is refused (fail closed).

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ConnectionTrait};
use uuid::Uuid;

use crate::entities::audit_log;

/// What a staff member did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Opened a case (answers, files list, messages, notes).
    CaseViewed,
    /// Downloaded a form file or a message file.
    AttachmentDownloaded,
    /// Assigned a case.
    CaseAssigned,
    /// Started handling.
    HandlingStarted,
    /// Published a status note.
    StatusNotePublished,
    /// Closed a case.
    CaseClosed,
    /// Reopened a case.
    CaseReopened,
    /// Wrote to the citizen.
    MessageSent,
    /// Uploaded a file for a message.
    MessageAttachmentUploaded,
    /// Marked the citizen's messages as read.
    MessagesRead,
    /// Wrote an internal note.
    NoteAdded,
    /// Read the audit log.
    AuditLogRead,
    /// Changed or reset a notice template.
    NoticeTemplateChanged,
}

impl Action {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CaseViewed => "case_viewed",
            Self::AttachmentDownloaded => "attachment_downloaded",
            Self::CaseAssigned => "case_assigned",
            Self::HandlingStarted => "handling_started",
            Self::StatusNotePublished => "status_note_published",
            Self::CaseClosed => "case_closed",
            Self::CaseReopened => "case_reopened",
            Self::MessageSent => "message_sent",
            Self::MessageAttachmentUploaded => "message_attachment_uploaded",
            Self::MessagesRead => "messages_read",
            Self::NoteAdded => "note_added",
            Self::AuditLogRead => "audit_log_read",
            Self::NoticeTemplateChanged => "notice_template_changed",
        }
    }
}

/// Appends one entry, on `db` (the caller's transaction for changes).
pub async fn record(
    db: &impl ConnectionTrait,
    staff_id: Uuid,
    action: Action,
    case_id: Option<Uuid>,
    subject: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    audit_log::ActiveModel {
        id: Set(Uuid::new_v4()),
        at: Set(now),
        staff_id: Set(staff_id),
        action: Set(action.as_str().to_owned()),
        case_id: Set(case_id),
        subject: Set(subject),
        request_id: Set(crate::request_id::current().unwrap_or_else(|| "none".into())),
    }
    .insert(db)
    .await?;
    Ok(())
}
