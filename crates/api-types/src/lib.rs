//! Request and response types of the Mina sidor REST API.
//!
//! This crate compiles for the server and for `wasm32-unknown-unknown` (the Leptos frontend), so
//! both sides agree on the wire format. OpenAPI schema derives sit behind the `server` feature.

pub use domain::{
    AttachmentId, CaseGroup, CaseId, CaseOutcome, CaseStatus, EServiceVersion, UserId,
};
use serde::{Deserialize, Serialize};

mod notices;
mod staff;
pub use notices::*;
pub use staff::*;

/// An error response, `application/problem+json` (RFC 9457) with a stable snake_case `code`.
///
/// The SPA translates `code`; `title` and `detail` are English and Swedish texts for people and
/// integrators who read the raw response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI reference naming the problem type (`about:blank` when the code says it all).
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short English summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// Stable machine-readable code, e.g. `not_found`, `validation_failed`.
    pub code: String,
    /// Human-readable explanation in English.
    pub detail: String,
    /// The same explanation in Swedish.
    pub detail_sv: String,
    /// The request id, also sent as the `x-request-id` header; quote it to support.
    pub request_id: String,
    /// Per-field errors for `validation_failed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field in a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name or JSON pointer.
    pub field: String,
    /// Stable snake_case code, e.g. `required`, `invalid_personnummer`.
    pub code: String,
    /// English message.
    pub message: String,
    /// Swedish message.
    pub message_sv: String,
}

/// Liveness and readiness answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    /// `ok` for `/livez`, `ready` for `/readyz`.
    pub status: String,
}

/// Public facts about this installation that the SPA shows: the municipality, its contacts and
/// the texts of the privacy page. All of it is configured by the municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SiteInfo {
    /// The municipality running the service, e.g. "Exempelby kommun".
    pub municipality_name: String,
    /// General contact e-mail for the service.
    pub contact_email: String,
    /// Texts of the privacy page.
    pub privacy: PrivacyInfo,
    /// Facts for the accessibility statement page.
    pub accessibility: AccessibilityInfo,
    /// Staff can log in with the municipality's identity provider (OpenID Connect).
    #[serde(default)]
    pub staff_oidc_login: bool,
}

/// The privacy page (GDPR Art. 13): controller, purposes, legal basis, retention, the data
/// protection officer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PrivacyInfo {
    /// The controller (personuppgiftsansvarig), usually the municipality's board.
    pub controller: String,
    /// E-mail of the data protection officer (dataskyddsombud).
    pub dpo_email: String,
    /// Purposes of the processing.
    pub purposes: Localized<Vec<String>>,
    /// Legal basis of the processing.
    pub legal_basis: Localized<String>,
    /// How long data is kept.
    pub retention: Localized<String>,
    /// Optional link to the municipality's full privacy policy.
    pub policy_url: Option<String>,
}

/// Facts for the accessibility statement (tillgänglighetsredogörelse).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AccessibilityInfo {
    /// Where to report accessibility problems.
    pub contact_email: String,
    /// Date the statement was last reviewed (YYYY-MM-DD).
    pub reviewed: String,
    /// Known shortcomings, if any.
    pub known_issues: Localized<Vec<String>>,
}

/// A text in Swedish and English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Localized<T> {
    /// Swedish.
    pub sv: T,
    /// English.
    pub en: T,
}

/// The logged-in person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UserResponse {
    /// Random user id.
    pub id: UserId,
    /// Given name from BankID.
    pub given_name: String,
    /// Surname from BankID.
    pub surname: String,
    /// Personnummer with the last four digits masked, e.g. `19811218-****`.
    pub personnummer_masked: String,
    /// What the person may do.
    pub role: UserRole,
}

/// A user's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    /// A citizen using Mina sidor.
    Citizen,
    /// A case officer ("handläggare").
    Officer,
    /// An administrator (e-service definitions).
    Admin,
}

impl UserRole {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::Officer => "officer",
            Self::Admin => "admin",
        }
    }

    /// The role stored as `name`, if it is one.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Citizen, Self::Officer, Self::Admin]
            .into_iter()
            .find(|role| role.as_str() == name)
    }
}

/// The current session and when it ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SessionResponse {
    /// Who is logged in.
    pub user: UserResponse,
    /// Seconds of inactivity after which the session ends (1800 by default).
    pub idle_timeout_seconds: u64,
    /// When the session ends unless another request is made (RFC 3339).
    pub idle_expires_at: String,
    /// When the session ends however active it is (RFC 3339).
    pub absolute_expires_at: String,
}

/// Where the citizen's BankID app is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LoginDevice {
    /// On this device: the client opens the app with the autostart token.
    ThisDevice,
    /// On another device: the client shows the animated QR code.
    OtherDevice,
}

/// How the session token is handed over when the login completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TokenDelivery {
    /// A `__Host-` HttpOnly cookie (the web app); the token is never readable by scripts.
    #[default]
    Cookie,
    /// In the response body, for `Authorization: Bearer` (mobile apps, integrators).
    Bearer,
}

/// Starts a BankID login.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StartLoginRequest {
    /// Where the BankID app is.
    pub device: LoginDevice,
    /// How to deliver the session token; `cookie` when left out.
    #[serde(default)]
    pub token_delivery: TokenDelivery,
    /// For `bearer` (required there): `BASE64URL(SHA-256(verifier))` of a random verifier of
    /// 43–128 characters that the app keeps and sends as `X-Code-Verifier` on every call about
    /// this login (QR, collect, cancel), as in PKCE (RFC 7636, S256). A relayed login id alone
    /// then cannot collect anybody's token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_challenge: Option<String>,
}

/// A started BankID login.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StartLoginResponse {
    /// Id to poll with (`/auth/bankid/{login_id}/collect`) and to fetch the QR code.
    pub login_id: String,
    /// For `this_device`: the link that opens the BankID app on this device.
    pub autostart_url: Option<String>,
    /// How often to poll, in milliseconds (BankID asks for 2 s).
    pub poll_interval_ms: u32,
}

/// The current frame of the animated QR code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct QrCodeResponse {
    /// `bankid.<qrStartToken>.<seconds>.<qrAuthCode>`; changes every second.
    pub qr_content: String,
}

/// State of a BankID login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LoginStatus {
    /// Waiting for the user; keep polling.
    Pending,
    /// Failed or cancelled; start a new login to try again.
    Failed,
    /// Logged in.
    Complete,
}

/// A message for the user from BankID's recommended texts (RFA codes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UserMessage {
    /// BankID's message code, e.g. `RFA1`.
    pub code: String,
    /// Swedish text.
    pub sv: String,
    /// English text.
    pub en: String,
}

/// The answer to a poll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CollectLoginResponse {
    /// Pending, failed or complete.
    pub status: LoginStatus,
    /// BankID's hint code, when there is one (e.g. `outstandingTransaction`, `userCancel`).
    pub hint_code: Option<String>,
    /// What to tell the user now.
    pub message: UserMessage,
    /// The new session, when complete.
    pub session: Option<SessionResponse>,
    /// The bearer token, when complete and `token_delivery` was `bearer`.
    pub token: Option<String>,
}

/// A postal address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PostalAddress {
    /// Street and number, e.g. "Storgatan 1".
    pub street: String,
    /// Five digits, e.g. "733 30".
    pub postal_code: String,
    /// City, e.g. "Sala".
    pub city: String,
}

/// The citizen's saved details, used to prefill e-services and for notifications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProfileResponse {
    /// Given name, from BankID (read-only).
    pub given_name: String,
    /// Surname, from BankID (read-only).
    pub surname: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Mobile number (E.164, e.g. `+46701234567`).
    pub phone: Option<String>,
    /// Postal address.
    pub postal_address: Option<PostalAddress>,
    /// Send notifications by e-mail.
    pub notify_email: bool,
    /// Send notifications by SMS.
    pub notify_sms: bool,
    /// The language of notices.
    #[serde(default)]
    pub language: NoticeLanguage,
}

/// Replaces the citizen's saved details. Empty strings clear a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateProfileRequest {
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Mobile number (Swedish or E.164).
    #[serde(default)]
    pub phone: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub postal_address: Option<PostalAddress>,
    /// Send notifications by e-mail (needs an e-mail address).
    pub notify_email: bool,
    /// Send notifications by SMS (needs a mobile number).
    pub notify_sms: bool,
    /// The language of notices; unchanged when left out (Swedish for a new profile).
    #[serde(default)]
    pub language: Option<NoticeLanguage>,
}

/// A published e-service in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EServiceSummary {
    /// Stable id in URLs, e.g. `felanmalan-gata-park`.
    pub slug: String,
    /// The published version.
    pub version: EServiceVersion,
    /// Title.
    pub title: Localized<String>,
    /// Short description.
    pub description: Localized<String>,
    /// Submitting needs a BankID signature.
    pub signature_required: bool,
    /// Number of co-signers (other guardians etc.), 0 for none.
    pub cosigners: u8,
    /// Expected handling time in days, if stated.
    pub expected_handling_days: Option<u32>,
}

/// An e-service definition: the versioned JSON document (see
/// `api-spec/eservice-definition.schema.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EServiceResponse {
    /// Slug.
    pub slug: String,
    /// Version.
    pub version: EServiceVersion,
    /// The definition document.
    pub definition: serde_json::Value,
}

/// Result of importing a definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportEServiceResponse {
    /// Slug.
    pub slug: String,
    /// The stored version.
    pub version: EServiceVersion,
    /// Whether that version is published.
    pub published: bool,
}

/// Starts a draft of an e-service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateDraftRequest {
    /// The e-service's slug.
    pub eservice: String,
}

/// Saves a draft's answers. Saving never loses anything typed: invalid values are stored as
/// they are and reported by validation and at submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SaveDraftRequest {
    /// All answers, keyed by field id.
    pub answers: serde_json::Map<String, serde_json::Value>,
    /// The `lock_version` the client last saw; a stale one gives 409 `edit_conflict`.
    #[serde(deserialize_with = "whole_number")]
    pub lock_version: i32,
    /// The step id the citizen is on, so that the draft reopens there (an unknown id is
    /// ignored); unchanged when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}

/// Asks which answers are invalid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ValidateDraftRequest {
    /// Only this step's fields; all visible fields when left out.
    #[serde(default)]
    pub step: Option<String>,
}

/// Which answers are invalid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ValidationResponse {
    /// Empty when everything checked is valid.
    pub errors: Vec<FieldError>,
}

/// An uploaded file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AttachmentResponse {
    /// Random id; the answer of a file field lists these.
    pub id: AttachmentId,
    /// The form field.
    pub field_id: String,
    /// The original name (cleaned).
    pub file_name: String,
    /// The type found from the content.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: u64,
}

/// The answer to an upload: the stored file, and the draft's new `lock_version` (every change
/// of a draft's files is a new revision).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UploadedAttachmentResponse {
    /// The stored file.
    #[serde(flatten)]
    pub attachment: AttachmentResponse,
    /// The draft's `lock_version` after the upload.
    pub lock_version: i32,
}

/// The draft's `lock_version` after a change that returns nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DraftRevisionResponse {
    /// The draft's `lock_version` now.
    pub lock_version: i32,
}

/// One dated entry in a case's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaseEventResponse {
    /// The domain event's name, e.g. `draft_created`, `answers_saved`, `attachment_added`,
    /// `attachment_removed`, `draft_signed`, `case_submitted`, `handling_started`,
    /// `status_note_published`, `case_closed`, `case_reopened`.
    pub kind: String,
    /// When (RFC 3339).
    pub at: String,
    /// The officer's published note, the decision, or the reason for reopening.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A case (a draft included) as its owner sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaseResponse {
    /// Random id.
    pub id: CaseId,
    /// The e-service.
    pub eservice_slug: String,
    /// The definition version the case uses.
    pub eservice_version: EServiceVersion,
    /// The e-service's title.
    pub eservice_title: Localized<String>,
    /// Where the case is in its lifecycle.
    pub status: CaseStatus,
    /// The list of Mina sidor it is shown in.
    pub group: CaseGroup,
    /// Given at submission, e.g. `2026-000123`.
    pub case_number: Option<String>,
    /// The answers.
    pub answers: serde_json::Map<String, serde_json::Value>,
    /// Optimistic lock for saving.
    pub lock_version: i32,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// Submitted (RFC 3339).
    pub submitted_at: Option<String>,
    /// When the draft expires (RFC 3339).
    pub expires_at: Option<String>,
    /// A draft's step the citizen was on at the last save (a step id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_step: Option<String>,
    /// Uploaded files.
    pub attachments: Vec<AttachmentResponse>,
    /// Dated history.
    pub history: Vec<CaseEventResponse>,
    /// How it ended, once closed.
    #[serde(default)]
    pub outcome: Option<CaseOutcome>,
    /// The decision, once closed with one.
    #[serde(default)]
    pub decision: Option<String>,
    /// The expected handling time in days (from the e-service), for submitted and ongoing
    /// cases.
    #[serde(default)]
    pub expected_handling_days: Option<u32>,
    /// Messages from the officer not read yet.
    #[serde(default)]
    pub unread_messages: u32,
    /// A draft's label: the first text the citizen wrote in it, shortened (drafts only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_label: Option<String>,
}

/// A line in the citizen's case lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    /// Random id.
    pub id: CaseId,
    /// The e-service.
    pub eservice_slug: String,
    /// The e-service's title.
    pub eservice_title: Localized<String>,
    /// Where the case is in its lifecycle.
    pub status: CaseStatus,
    /// The list of Mina sidor it is shown in.
    pub group: CaseGroup,
    /// Case number once submitted.
    pub case_number: Option<String>,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// Submitted (RFC 3339).
    pub submitted_at: Option<String>,
    /// When the draft expires (RFC 3339).
    pub expires_at: Option<String>,
    /// Messages from the officer not read yet.
    #[serde(default)]
    pub unread_messages: u32,
    /// A draft's label: the first text the citizen wrote in it, shortened (drafts only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_label: Option<String>,
}

/// Starts signing a draft with BankID.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StartSigningRequest {
    /// Where the BankID app is.
    pub device: LoginDevice,
}

/// A started signing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StartSigningResponse {
    /// Id to poll with (`/signings/{signing_id}/collect`) and to fetch the QR code.
    pub signing_id: String,
    /// For `this_device`: the link that opens the BankID app on this device.
    pub autostart_url: Option<String>,
    /// How often to poll, in milliseconds.
    pub poll_interval_ms: u32,
    /// The text shown in the BankID app (what the citizen signs).
    pub signed_text: String,
}

/// The answer to a signing poll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CollectSigningResponse {
    /// Pending, failed or complete. When complete, submit the draft.
    pub status: LoginStatus,
    /// BankID's hint code.
    pub hint_code: Option<String>,
    /// What to tell the user now.
    pub message: UserMessage,
}

/// An `i32` from any JSON number with no fraction (`3` and `3.0` alike, as JSON Schema's
/// `integer` allows); a fraction or a value out of range is an error.
fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<i32, D::Error> {
    use serde::de::Error;
    let number = serde_json::Number::deserialize(deserializer)?;
    let whole = match (number.as_i64(), number.as_f64()) {
        (Some(value), _) => i32::try_from(value).ok(),
        (None, Some(value)) if value.fract() == 0.0 && value.abs() <= f64::from(i32::MAX) => {
            // In range and whole, so the conversion is exact.
            #[expect(
                clippy::cast_possible_truncation,
                reason = "checked to be whole and in range"
            )]
            Some(value as i32)
        }
        _ => None,
    };
    whole.ok_or_else(|| {
        D::Error::custom(format!(
            "expected a whole number in the i32 range, got {number}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_version_may_be_written_with_a_zero_fraction_but_not_a_real_one() {
        let parse = |json: &str| serde_json::from_str::<SaveDraftRequest>(json);
        assert_eq!(
            parse(r#"{"answers":{},"lock_version":-84.0}"#)
                .unwrap()
                .lock_version,
            -84
        );
        assert_eq!(
            parse(r#"{"answers":{},"lock_version":7}"#)
                .unwrap()
                .lock_version,
            7
        );
        assert!(parse(r#"{"answers":{},"lock_version":1.5}"#).is_err());
        assert!(parse(r#"{"answers":{},"lock_version":99999999999}"#).is_err());
        assert!(parse(r#"{"answers":{},"lock_version":"1"}"#).is_err());
    }
}
