//! The JSON bodies of the Relying Party API v6.0, spelled exactly as BankID spells them
//! (camelCase). Optional fields are left out when `None`.
//!
//! Codes that BankID may extend over time ([`HintCode`], [`ErrorCode`], [`CollectStatus`] and the
//! small enumerations) carry an `Unknown(String)` fallback: a new code deserializes into it and
//! serializes back unchanged, so a new code never makes a response undecodable.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Serialize};

/// Defines a string enumeration with an `Unknown(String)` fallback that round-trips.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A code this version does not know; kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// Every known value (without `Unknown`).
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The wire spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )*
                    $name::Unknown(other) => other,
                }
            }

            /// Parses the wire spelling; never fails (unknown text becomes `Unknown`).
            pub fn parse(text: &str) -> Self {
                match text {
                    $( $text => $name::$variant, )*
                    other => $name::Unknown(other.to_owned()),
                }
            }

            /// Whether this is a value this version knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::parse(text)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok(Self::parse(&text))
            }
        }
    };
}

string_enum! {
    /// `hintCode` of a pending or failed collect.
    pub enum HintCode {
        /// Pending: the order is waiting for the user's app (QR not scanned, app not started).
        OutstandingTransaction => "outstandingTransaction",
        /// Pending: the user's app has not been started or has no BankID (older clients).
        NoClient => "noClient",
        /// Pending: the app has the order and is looking for a usable BankID.
        Started => "started",
        /// Pending: the app asks the user to scan an ID document.
        UserMrtd => "userMrtd",
        /// Pending: phone orders; the app asks whether the user is in a call with the RP.
        UserCallConfirm => "userCallConfirm",
        /// Pending: the app asks for the security code.
        UserSign => "userSign",
        /// Failed: the order expired before the user finished.
        ExpiredTransaction => "expiredTransaction",
        /// Failed: the user's BankID is blocked, revoked or too old for the requirement.
        CertificateErr => "certificateErr",
        /// Failed: the user cancelled in the app.
        UserCancel => "userCancel",
        /// Failed: a newer order for the same user replaced this one.
        Cancelled => "cancelled",
        /// Failed: no app picked the order up in time (QR never scanned, app never started).
        StartFailed => "startFailed",
        /// Failed: phone orders; the user declined the call confirmation.
        UserDeclinedCall => "userDeclinedCall",
        /// Failed: the user's app version does not support the order.
        NotSupportedByUserApp => "notSupportedByUserApp",
        /// Failed: BankID's risk assessment blocked the order.
        TransactionRiskBlocked => "transactionRiskBlocked",
    }
}

impl HintCode {
    /// Whether the code is one BankID uses for a pending order (unknown codes: `false`).
    pub fn is_pending_code(&self) -> bool {
        matches!(
            self,
            HintCode::OutstandingTransaction
                | HintCode::NoClient
                | HintCode::Started
                | HintCode::UserMrtd
                | HintCode::UserCallConfirm
                | HintCode::UserSign
        )
    }
}

string_enum! {
    /// `errorCode` of an error response.
    pub enum ErrorCode {
        /// 400: an order for this user is already in progress.
        AlreadyInProgress => "alreadyInProgress",
        /// 400: bad input, or an unknown, expired or already finished `orderRef`.
        InvalidParameters => "invalidParameters",
        /// 401/403: the RP certificate is missing, wrong or not allowed.
        Unauthorized => "unauthorized",
        /// 404: no such endpoint.
        NotFound => "notFound",
        /// 405: only `POST` is allowed.
        MethodNotAllowed => "methodNotAllowed",
        /// 408: the request took too long to send.
        RequestTimeout => "requestTimeout",
        /// 415: the `Content-Type` is not exactly `application/json`.
        UnsupportedMediaType => "unsupportedMediaType",
        /// 500: BankID's internal error.
        InternalError => "internalError",
        /// 503: BankID is down for maintenance (may be retried).
        Maintenance => "maintenance",
    }
}

string_enum! {
    /// `status` of a collect response.
    pub enum CollectStatus {
        /// The order is still in progress: collect again in 2 seconds.
        Pending => "pending",
        /// The order failed: see the hint code.
        Failed => "failed",
        /// The order is complete: `completionData` is present.
        Complete => "complete",
    }
}

string_enum! {
    /// `userVisibleDataFormat`.
    pub enum UserVisibleDataFormat {
        /// BankID's simple Markdown dialect.
        SimpleMarkdownV1 => "simpleMarkdownV1",
        /// Plain text.
        Plaintext => "plaintext",
    }
}

string_enum! {
    /// `callInitiator` of phone orders.
    pub enum CallInitiator {
        /// The user called the RP.
        User => "user",
        /// The RP called the user.
        Rp => "RP",
    }
}

string_enum! {
    /// A risk level (`completionData.risk`, `requirement.risk`).
    pub enum Risk {
        /// Low risk.
        Low => "low",
        /// Moderate risk.
        Moderate => "moderate",
        /// High risk: the RP must refuse the order.
        High => "high",
    }
}

/// Base64 (standard alphabet, padded) of the UTF-8 bytes of `text`, as `userVisibleData` wants.
pub fn encode_text(text: &str) -> String {
    BASE64.encode(text.as_bytes())
}

/// Decodes base64 of UTF-8 text; `None` if it is not valid base64 or not UTF-8.
pub fn decode_text(data: &str) -> Option<String> {
    let bytes = BASE64.decode(data.as_bytes()).ok()?;
    String::from_utf8(bytes).ok()
}

/// `requirement`: conditions on how the order may be completed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Requirement {
    /// Require the security code (PIN) rather than biometrics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin_code: Option<bool>,
    /// Require an ID document check (MRTD) in the app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mrtd: Option<bool>,
    /// `class1` or `class2` card readers (BankID on card).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_reader: Option<String>,
    /// Certificate policy OIDs allowed for the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_policies: Option<Vec<String>>,
    /// Only this user (12 digits) may complete the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<String>,
    /// The highest risk level accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<Risk>,
}

/// `web`: information about the browser the order was started from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebDevice {
    /// The domain the user came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referring_domain: Option<String>,
    /// The browser's `User-Agent`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// A stable, hashed identifier of the browser (e.g. of a session cookie).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_identifier: Option<String>,
}

/// `app`: information about the RP's own app the order was started from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppDevice {
    /// The app's identifier (package name / bundle id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_identifier: Option<String>,
    /// The device's operating system.
    #[serde(rename = "deviceOS", skip_serializing_if = "Option::is_none")]
    pub device_os: Option<String>,
    /// The device's model name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_model_name: Option<String>,
    /// A stable, hashed identifier of the device.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_identifier: Option<String>,
}

/// `POST /auth`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthRequest {
    /// The end user's IP address as the RP sees it (required).
    pub end_user_ip: String,
    /// Base64 of UTF-8 text shown to the user (see [`AuthRequest::with_visible_text`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_visible_data: Option<String>,
    /// The format of `userVisibleData`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_visible_data_format: Option<UserVisibleDataFormat>,
    /// Base64 data not shown to the user (e.g. a document hash).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_non_visible_data: Option<String>,
    /// Same-device flow: where the app returns to (put a nonce in it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    /// Ask for `completionData.risk`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_risk: Option<bool>,
    /// Conditions on the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<Requirement>,
    /// Browser information (not together with `app`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<WebDevice>,
    /// App information (not together with `web`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<AppDevice>,
}

impl AuthRequest {
    /// An auth order for the user at `end_user_ip`, with nothing else set.
    pub fn new(end_user_ip: impl Into<String>) -> Self {
        Self {
            end_user_ip: end_user_ip.into(),
            ..Self::default()
        }
    }

    /// Sets `userVisibleData` to the base64 of `text` (plain text).
    pub fn with_visible_text(mut self, text: &str) -> Self {
        self.user_visible_data = Some(encode_text(text));
        self.user_visible_data_format = Some(UserVisibleDataFormat::Plaintext);
        self
    }
}

/// `POST /sign`: like [`AuthRequest`] but `userVisibleData` is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignRequest {
    /// The end user's IP address as the RP sees it (required).
    pub end_user_ip: String,
    /// Base64 of the UTF-8 text the user signs (required; see [`SignRequest::new`]).
    pub user_visible_data: String,
    /// The format of `userVisibleData`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_visible_data_format: Option<UserVisibleDataFormat>,
    /// Base64 data not shown but signed (e.g. a hash of the signed document).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_non_visible_data: Option<String>,
    /// Same-device flow: where the app returns to (put a nonce in it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    /// Ask for `completionData.risk`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_risk: Option<bool>,
    /// Conditions on the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<Requirement>,
    /// Browser information (not together with `app`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<WebDevice>,
    /// App information (not together with `web`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<AppDevice>,
}

impl SignRequest {
    /// A sign order of the plain `text` (encoded to base64 here) by the user at `end_user_ip`.
    pub fn new(end_user_ip: impl Into<String>, text: &str) -> Self {
        Self {
            end_user_ip: end_user_ip.into(),
            user_visible_data: encode_text(text),
            user_visible_data_format: Some(UserVisibleDataFormat::Plaintext),
            ..Self::default()
        }
    }

    /// Sets `userNonVisibleData` to the base64 of `data` (e.g. the bytes of a document hash).
    pub fn with_non_visible_data(mut self, data: &[u8]) -> Self {
        self.user_non_visible_data = Some(BASE64.encode(data));
        self
    }
}

/// `POST /phone/auth`: the user is on the phone with the RP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneAuthRequest {
    /// The user's personal number, 12 digits.
    pub personal_number: String,
    /// Who made the call.
    pub call_initiator: CallInitiator,
    /// Base64 of UTF-8 text shown to the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_visible_data: Option<String>,
    /// The format of `userVisibleData`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_visible_data_format: Option<UserVisibleDataFormat>,
    /// Base64 data not shown to the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_non_visible_data: Option<String>,
    /// Conditions on the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<Requirement>,
}

impl PhoneAuthRequest {
    /// A phone auth order for `personal_number`.
    pub fn new(personal_number: impl Into<String>, call_initiator: CallInitiator) -> Self {
        Self {
            personal_number: personal_number.into(),
            call_initiator,
            user_visible_data: None,
            user_visible_data_format: None,
            user_non_visible_data: None,
            requirement: None,
        }
    }
}

/// `POST /phone/sign`: the user is on the phone with the RP; `userVisibleData` is required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneSignRequest {
    /// The user's personal number, 12 digits.
    pub personal_number: String,
    /// Who made the call.
    pub call_initiator: CallInitiator,
    /// Base64 of the UTF-8 text the user signs.
    pub user_visible_data: String,
    /// The format of `userVisibleData`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_visible_data_format: Option<UserVisibleDataFormat>,
    /// Base64 data not shown but signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_non_visible_data: Option<String>,
    /// Conditions on the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<Requirement>,
}

impl PhoneSignRequest {
    /// A phone sign order of the plain `text` for `personal_number`.
    pub fn new(
        personal_number: impl Into<String>,
        call_initiator: CallInitiator,
        text: &str,
    ) -> Self {
        Self {
            personal_number: personal_number.into(),
            call_initiator,
            user_visible_data: encode_text(text),
            user_visible_data_format: Some(UserVisibleDataFormat::Plaintext),
            user_non_visible_data: None,
            requirement: None,
        }
    }
}

/// The answer to `/auth` and `/sign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderResponse {
    /// The order's reference for collect and cancel.
    pub order_ref: String,
    /// Starts the app on the same device (`bankid:///?autostarttoken=...`).
    pub auto_start_token: String,
    /// The public part of the animated QR code.
    pub qr_start_token: String,
    /// The HMAC key of the animated QR code: keep it on the server.
    pub qr_start_secret: String,
}

/// The answer to `/phone/auth` and `/phone/sign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneOrderResponse {
    /// The order's reference for collect and cancel.
    pub order_ref: String,
}

/// `POST /collect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectRequest {
    /// The order to collect.
    pub order_ref: String,
}

/// `POST /cancel` (answered with `{}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelRequest {
    /// The order to cancel.
    pub order_ref: String,
}

/// The answer to `/collect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectResponse {
    /// The order collected.
    pub order_ref: String,
    /// `pending`, `failed` or `complete`.
    pub status: CollectStatus,
    /// Why the order is pending or failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint_code: Option<HintCode>,
    /// The result of a complete order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_data: Option<CompletionData>,
}

/// `completionData` of a complete order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionData {
    /// Who completed the order.
    pub user: User,
    /// The device the order was completed on.
    pub device: Device,
    /// The date the user's BankID was issued (`YYYY-MM-DD`).
    #[serde(default)]
    pub bank_id_issue_date: String,
    /// Extra checks that were made (BankID's sample spells it `setUp`; both are accepted).
    #[serde(default, alias = "setUp", skip_serializing_if = "Option::is_none")]
    pub step_up: Option<StepUp>,
    /// Base64 of the XML-DSig signature.
    #[serde(default)]
    pub signature: String,
    /// Base64 of the OCSP response for the user's certificate.
    #[serde(default)]
    pub ocsp_response: String,
    /// The risk of the order, when `returnRisk` was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<Risk>,
}

/// `completionData.user`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// 12 digits.
    pub personal_number: String,
    /// Given name and surname.
    pub name: String,
    /// Given name.
    pub given_name: String,
    /// Surname.
    pub surname: String,
}

/// `completionData.device`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    /// The IP address of the user's device as BankID saw it.
    #[serde(default)]
    pub ip_address: String,
    /// A unique hardware identifier of the user's device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uhi: Option<String>,
}

/// `completionData.stepUp`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepUp {
    /// Whether an ID document check (MRTD) was made.
    #[serde(default)]
    pub mrtd: bool,
}

/// The body of an error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// The error code.
    pub error_code: ErrorCode,
    /// Free text for the RP's logs (never for the user).
    #[serde(default)]
    pub details: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_auth_request_is_camel_case_and_leaves_out_unset_fields() {
        let mut request = AuthRequest::new("192.0.2.1").with_visible_text("Logga in på Mina sidor");
        request.requirement = Some(Requirement {
            pin_code: Some(true),
            personal_number: Some("199001012384".into()),
            ..Requirement::default()
        });
        request.app = Some(AppDevice {
            device_os: Some("iOS 18".into()),
            ..AppDevice::default()
        });
        let value = serde_json::to_value(&request).unwrap();
        assert_eq!(
            value,
            json!({
                "endUserIp": "192.0.2.1",
                "userVisibleData": "TG9nZ2EgaW4gcMOlIE1pbmEgc2lkb3I=",
                "userVisibleDataFormat": "plaintext",
                "requirement": {"pinCode": true, "personalNumber": "199001012384"},
                "app": {"deviceOS": "iOS 18"}
            })
        );
        let back: AuthRequest = serde_json::from_value(value).unwrap();
        assert_eq!(back, request);
    }

    #[test]
    fn visible_text_is_base64_of_utf8_and_decodes_back() {
        let encoded = encode_text("Jag godkänner ansökan ÅÄÖ");
        assert_eq!(
            decode_text(&encoded).as_deref(),
            Some("Jag godkänner ansökan ÅÄÖ")
        );
        assert_eq!(decode_text("not base64!"), None);
    }

    #[test]
    fn a_sign_request_without_user_visible_data_does_not_deserialize() {
        let result = serde_json::from_value::<SignRequest>(json!({"endUserIp": "192.0.2.1"}));
        assert!(result.is_err());
    }

    #[test]
    fn phone_requests_spell_the_call_initiator_as_bankid_does() {
        let request = PhoneAuthRequest::new("199001012384", CallInitiator::Rp);
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            json!({"personalNumber": "199001012384", "callInitiator": "RP"})
        );
        let sign = PhoneSignRequest::new("199001012384", CallInitiator::User, "Hej");
        assert_eq!(
            serde_json::to_value(&sign).unwrap()["callInitiator"],
            json!("user")
        );
    }

    #[test]
    fn a_complete_collect_round_trips_with_all_completion_data() {
        let value = json!({
            "orderRef": "131daac9-16c6-4618-beb0-365768f37288",
            "status": "complete",
            "completionData": {
                "user": {
                    "personalNumber": "199001012384",
                    "name": "Anna Andersson",
                    "givenName": "Anna",
                    "surname": "Andersson"
                },
                "device": {"ipAddress": "192.0.2.1", "uhi": "OZvYM9VvyiAmG7NA5jU5zRGcBJ2lzlGNhqmgkgNYGE4="},
                "bankIdIssueDate": "2020-02-01",
                "stepUp": {"mrtd": true},
                "signature": "PHNpZ25hdHVyZS8+",
                "ocspResponse": "b2NzcA==",
                "risk": "low"
            }
        });
        let response: CollectResponse = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(response.status, CollectStatus::Complete);
        let data = response.completion_data.as_ref().unwrap();
        assert_eq!(data.user.given_name, "Anna");
        assert_eq!(data.step_up, Some(StepUp { mrtd: true }));
        assert_eq!(data.risk, Some(Risk::Low));
        assert_eq!(serde_json::to_value(&response).unwrap(), value);
    }

    #[test]
    fn the_set_up_spelling_of_step_up_is_accepted() {
        let response: CollectResponse = serde_json::from_value(json!({
            "orderRef": "a",
            "status": "complete",
            "completionData": {
                "user": {"personalNumber": "1", "name": "A B", "givenName": "A", "surname": "B"},
                "device": {"ipAddress": "192.0.2.1"},
                "bankIdIssueDate": "2020-02-01",
                "setUp": {"mrtd": false},
                "signature": "",
                "ocspResponse": ""
            }
        }))
        .unwrap();
        let data = response.completion_data.unwrap();
        assert_eq!(data.step_up, Some(StepUp { mrtd: false }));
        assert_eq!(data.device.uhi, None);
    }

    #[test]
    fn unknown_hint_codes_deserialize_and_round_trip() {
        let value = json!({"orderRef": "a", "status": "pending", "hintCode": "userFaceScan"});
        let response: CollectResponse = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(
            response.hint_code,
            Some(HintCode::Unknown("userFaceScan".into()))
        );
        assert_eq!(serde_json::to_value(&response).unwrap(), value);
    }

    #[test]
    fn unknown_statuses_and_error_codes_deserialize_and_round_trip() {
        let response: CollectResponse =
            serde_json::from_value(json!({"orderRef": "a", "status": "paused"})).unwrap();
        assert_eq!(response.status, CollectStatus::Unknown("paused".into()));

        let value = json!({"errorCode": "tooManyRequests", "details": "slow down"});
        let body: ErrorBody = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(
            body.error_code,
            ErrorCode::Unknown("tooManyRequests".into())
        );
        assert_eq!(serde_json::to_value(&body).unwrap(), value);
    }

    #[test]
    fn every_known_code_round_trips_through_its_wire_spelling() {
        for code in HintCode::KNOWN {
            assert_eq!(HintCode::parse(code.as_str()), *code);
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(serde_json::from_str::<HintCode>(&json).unwrap(), *code);
        }
        for code in ErrorCode::KNOWN {
            assert_eq!(ErrorCode::parse(code.as_str()), *code);
        }
        assert_eq!(
            ErrorCode::parse("alreadyInProgress"),
            ErrorCode::AlreadyInProgress
        );
        assert!(!ErrorCode::parse("somethingNew").is_known());
    }

    #[test]
    fn an_error_body_without_details_still_decodes() {
        let body: ErrorBody =
            serde_json::from_value(json!({"errorCode": "invalidParameters"})).unwrap();
        assert_eq!(body.error_code, ErrorCode::InvalidParameters);
        assert_eq!(body.details, "");
    }
}
