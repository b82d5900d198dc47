//! The officer side of the API: staff login, the queue, the officer's view of a case and its
//! handling, the message thread both ways, internal notes and the audit log.
//!
//! Request bodies carry their length and range rules as `validator` attributes (checked by the
//! server; the SPA shows the same limits).

use serde::{Deserialize, Serialize};

use crate::{
    AttachmentId, CaseId, CaseOutcome, CaseStatus, EServiceVersion, Localized, TokenDelivery,
};
pub use domain::{MessageId, StaffId};

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// A case officer ("handläggare"): handles the cases of their groups.
    Officer,
    /// An administrator: staff, e-services and the audit log; does not handle cases.
    Admin,
}

impl StaffRole {
    /// The stored name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Officer => "officer",
            Self::Admin => "admin",
        }
    }

    /// The role stored as `name`, if it is one.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Officer, Self::Admin]
            .into_iter()
            .find(|role| role.as_str() == name)
    }
}

/// A logged-in staff member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StaffMemberResponse {
    /// Random id.
    pub id: StaffId,
    /// Login name.
    pub username: String,
    /// Name shown to colleagues and citizens.
    pub display_name: String,
    /// Officer or administrator.
    pub role: StaffRole,
    /// The officer groups whose queues the member sees.
    pub groups: Vec<String>,
}

/// A colleague, as shown in lists and when assigning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ColleagueResponse {
    /// Random id.
    pub id: StaffId,
    /// Name.
    pub display_name: String,
}

/// Logs a staff member in with a local account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema, validator::Validate))]
#[serde(deny_unknown_fields)]
pub struct StaffLoginRequest {
    /// Login name (case does not matter).
    #[cfg_attr(feature = "server", validate(length(min = 1, max = 100)))]
    pub username: String,
    /// Password.
    #[cfg_attr(feature = "server", validate(length(min = 1, max = 1000)))]
    pub password: String,
    /// How to deliver the session token; `cookie` when left out.
    #[serde(default)]
    pub token_delivery: TokenDelivery,
}

/// The staff member's session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StaffSessionResponse {
    /// Who is logged in.
    pub staff: StaffMemberResponse,
    /// Seconds of inactivity after which the session ends.
    pub idle_timeout_seconds: u64,
    /// When the session ends unless another request is made (RFC 3339).
    pub idle_expires_at: String,
    /// When the session ends however active it is (RFC 3339).
    pub absolute_expires_at: String,
    /// The bearer token, only at login with `token_delivery: bearer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

/// Whose cases the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueAssignee {
    /// Everyone's and no one's.
    #[default]
    Anyone,
    /// Assigned to me.
    Me,
    /// Not assigned to anyone.
    Unassigned,
}

/// The queue's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueSort {
    /// Oldest received first (first come, first served).
    #[default]
    ReceivedAsc,
    /// Newest received first.
    ReceivedDesc,
}

/// One case in the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct QueueItem {
    /// Random id.
    pub id: CaseId,
    /// Case number.
    pub case_number: String,
    /// The e-service.
    pub eservice_slug: String,
    /// Its title.
    pub eservice_title: Localized<String>,
    /// Status.
    pub status: CaseStatus,
    /// The applicant's name.
    pub applicant_name: String,
    /// Received (RFC 3339).
    pub submitted_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// The officer it is assigned to.
    pub assigned_to: Option<ColleagueResponse>,
    /// Messages from the citizen that no officer has read.
    pub unread_messages: u32,
}

/// A page of the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct QueuePage {
    /// The cases, in the requested order.
    pub items: Vec<QueueItem>,
    /// Pass as `after` for the next page; none on the last page.
    pub next_cursor: Option<String>,
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageAuthor {
    /// The applicant.
    Citizen,
    /// An officer of the municipality.
    Officer,
}

/// A file sent with a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MessageAttachmentResponse {
    /// Random id.
    pub id: AttachmentId,
    /// The cleaned original name.
    pub file_name: String,
    /// The type found from the content.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: u64,
}

/// A message in a case's thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MessageResponse {
    /// Random id.
    pub id: MessageId,
    /// Citizen or officer.
    pub author: MessageAuthor,
    /// The writer's name.
    pub author_name: String,
    /// The text as typed; show it as text.
    pub body: String,
    /// Written (RFC 3339).
    pub created_at: String,
    /// When the other side read it (RFC 3339).
    pub read_at: Option<String>,
    /// Files sent with it.
    pub attachments: Vec<MessageAttachmentResponse>,
}

/// A case's messages and whether the reader may write now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MessageThreadResponse {
    /// Oldest first.
    pub messages: Vec<MessageResponse>,
    /// The reader may write a new message.
    pub can_write: bool,
    /// Until when the applicant may write on a closed case (RFC 3339).
    pub writable_until: Option<String>,
}

/// A new message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema, validator::Validate))]
#[serde(deny_unknown_fields)]
pub struct PostMessageRequest {
    /// The text, 1–5000 characters.
    #[cfg_attr(feature = "server", validate(length(min = 1, max = 5000)))]
    pub body: String,
    /// Files uploaded for this message first (at most 5).
    #[serde(default)]
    #[cfg_attr(feature = "server", validate(length(max = 5)))]
    pub attachment_ids: Vec<AttachmentId>,
}

/// An officer's handling step on a case, with the case version the officer saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseVersionRequest {
    /// The `version` of the case the officer acted on; a different current version is
    /// `edit_conflict` (a colleague got there first). Left out: no check.
    #[serde(default)]
    pub version: Option<u32>,
}

/// Assigns a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignCaseRequest {
    /// The officer (oneself or a colleague in the case's group).
    pub officer_id: StaffId,
    /// See [`CaseVersionRequest::version`].
    #[serde(default)]
    pub version: Option<u32>,
}

/// A status note the citizen sees in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema, validator::Validate))]
#[serde(deny_unknown_fields)]
pub struct StatusNoteRequest {
    /// The note, 1–2000 characters.
    #[cfg_attr(feature = "server", validate(length(min = 1, max = 2000)))]
    pub text: String,
    /// See [`CaseVersionRequest::version`].
    #[serde(default)]
    pub version: Option<u32>,
}

/// Closes a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema, validator::Validate))]
#[serde(deny_unknown_fields)]
pub struct CloseCaseRequest {
    /// How it ended.
    pub outcome: CaseOutcome,
    /// The decision as the citizen reads it (at most 5000 characters).
    #[serde(default)]
    #[cfg_attr(feature = "server", validate(length(max = 5000)))]
    pub decision: Option<String>,
    /// See [`CaseVersionRequest::version`].
    #[serde(default)]
    pub version: Option<u32>,
}

/// Reopens a closed case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema, validator::Validate))]
#[serde(deny_unknown_fields)]
pub struct ReopenCaseRequest {
    /// Why, 1–1000 characters; shown in the history.
    #[cfg_attr(feature = "server", validate(length(min = 1, max = 1000)))]
    pub reason: String,
    /// See [`CaseVersionRequest::version`].
    #[serde(default)]
    pub version: Option<u32>,
}

/// A new internal note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema, validator::Validate))]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    /// The note, 1–5000 characters.
    #[cfg_attr(feature = "server", validate(length(min = 1, max = 5000)))]
    pub body: String,
}

/// An internal note: officers only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NoteResponse {
    /// The officer.
    pub author_name: String,
    /// The note.
    pub body: String,
    /// Written (RFC 3339).
    pub created_at: String,
}

/// One entry of a case's history as officers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfficerHistoryEntry {
    /// The domain event's name.
    pub kind: String,
    /// When (RFC 3339).
    pub at: String,
    /// `citizen`, `cosigner`, `officer` or `system`.
    pub actor_role: String,
    /// The officer's name, for officers' events.
    pub actor_name: Option<String>,
    /// The text of a status note, a decision or a reopening reason.
    pub text: Option<String>,
}

/// A completed BankID signature of the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SignatureResponse {
    /// Who signed.
    pub signer_name: String,
    /// When (RFC 3339).
    pub signed_at: String,
    /// SHA-256 (hex) of the canonical answers and files that were signed.
    pub signed_digest: String,
}

/// The applicant, for the officer handling the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicantResponse {
    /// Given name and surname.
    pub name: String,
    /// Personnummer, `YYYYMMDD-NNNN`.
    pub personnummer: String,
}

/// A case as the officer handling it sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfficerCaseResponse {
    /// Random id.
    pub id: CaseId,
    /// Case number.
    pub case_number: String,
    /// The e-service.
    pub eservice_slug: String,
    /// The definition version it was filed on.
    pub eservice_version: EServiceVersion,
    /// The e-service's title.
    pub eservice_title: Localized<String>,
    /// Status.
    pub status: CaseStatus,
    /// How it ended, when closed.
    pub outcome: Option<CaseOutcome>,
    /// The decision text, when closed with one.
    pub decision: Option<String>,
    /// The applicant.
    pub applicant: ApplicantResponse,
    /// The officer it is assigned to.
    pub assigned_to: Option<ColleagueResponse>,
    /// The answers as submitted.
    pub answers: serde_json::Map<String, serde_json::Value>,
    /// The form's files.
    pub attachments: Vec<crate::AttachmentResponse>,
    /// The completed BankID signatures.
    pub signatures: Vec<SignatureResponse>,
    /// Received (RFC 3339).
    pub submitted_at: String,
    /// The case's version: send it back with a handling step.
    pub version: u32,
    /// The dated history.
    pub history: Vec<OfficerHistoryEntry>,
    /// The message thread.
    pub messages: Vec<MessageResponse>,
    /// Internal notes, newest last.
    pub notes: Vec<NoteResponse>,
}

/// One audit log entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditEntryResponse {
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub staff: ColleagueResponse,
    /// What, e.g. `case_viewed`, `attachment_downloaded`, `case_closed`.
    pub action: String,
    /// The case.
    pub case_id: Option<CaseId>,
    /// Its case number.
    pub case_number: Option<String>,
    /// What else it concerned (a file id, a colleague's id).
    pub subject: Option<String>,
    /// The request id (find the request in the server's log).
    pub request_id: String,
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// The entries.
    pub entries: Vec<AuditEntryResponse>,
    /// Pass as `before` for older entries; none when there are no more.
    pub next_cursor: Option<String>,
}
