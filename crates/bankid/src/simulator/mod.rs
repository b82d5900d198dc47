//! An in-memory BankID for development and tests (feature `simulator`).
//!
//! [`configure`] mounts it into an actix-web app, relative to where the caller mounts it: the
//! server mounts it at `/bankid-sim` (so its base URL is `/bankid-sim/rp/v6.0/`); the standalone
//! `bankid-simulator` binary mounts it at the root (base URL `http://127.0.0.1:8088/rp/v6.0/`).
//!
//! # Wire API (`rp/v6.0/…`)
//!
//! `auth`, `sign`, `phone/auth`, `phone/sign`, `collect`, `cancel`, as BankID answers them:
//! `POST` only (anything else: 405 `methodNotAllowed`); `Content-Type` exactly
//! `application/json` (anything else, a `charset` parameter included: 415
//! `unsupportedMediaType`); bad JSON, a missing or bad `endUserIp`, an invalid personal number,
//! bad base64 in `userVisibleData`/`userNonVisibleData`, `web` together with `app`, or an unknown
//! or expired `orderRef`: 400 `invalidParameters`; `sign` requires `userVisibleData`. Other paths
//! under `rp/v6.0/`: 404 `notFound`.
//!
//! # How an order runs
//!
//! 1. `pending`/`outstandingTransaction` until the "phone" picks it up: the control API, the test
//!    app page, a scanned QR code (`control/qr`) or the autostart token (`control/autostart`).
//!    Nobody within [`SimulatorConfig::start_timeout`] (30 s): `failed`/`startFailed`.
//! 2. Picked up: `started`, then `userMrtd` (only with `requirement.mrtd`), then `userSign`, one
//!    [`SimulatorConfig::step`] each (1 s by default, 0 in tests), then `complete`.
//! 3. Not complete within [`SimulatorConfig::order_lifetime`] (3 min): `expiredTransaction`.
//! 4. Complete orders can be collected for 3 min, failed ones for 5 min; then
//!    `invalidParameters`. `cancel` removes an order at once (a later collect or cancel:
//!    `invalidParameters`).
//!
//! Completion data: the chosen test person (see [`persons::TEST_PERSONS`]); `device.ipAddress` is
//! the order's `endUserIp` (phone orders have none: the RP's own address is used); a
//! `bankIdIssueDate`; `signature`, base64 of an XML document shaped like BankID's XML-DSig
//! signature whose signed part holds the order's base64 `userVisibleData` and
//! `userNonVisibleData` (so it binds what was signed) and whose `KeyInfo` names the person; an
//! `ocspResponse` blob; `risk` (`low`) when `returnRisk` was asked; `stepUp` when
//! `requirement.mrtd` was. Nothing is signed with a real key.
//!
//! # One order per person
//!
//! An order whose person is known when it is created (`requirement.personalNumber`, phone
//! orders) is refused with 400 `alreadyInProgress` while another order for that person is
//! pending; as BankID documents it ("the order is aborted"), the pending order then fails with
//! `cancelled` too. An auth or sign order without a personal number belongs to nobody until the
//! phone picks it up; when it does, every other pending order for that person fails with
//! `cancelled` (the newer order wins).
//!
//! # Control API (`control/…`, JSON)
//!
//! | route | body | does |
//! |---|---|---|
//! | `GET control/orders` | | pending orders (`?all=true`: every order still held): `orderRef`, `kind` (`auth`/`sign`), `channel` (`web`/`phone`), `created` (RFC 3339), `status`, `hintCode`, `userVisibleData` (the decoded text), `personalNumber`, `endUserIp`, `autoStartToken` |
//! | `GET control/persons` | | the test persons |
//! | `POST control/orders/{orderRef}/approve` | `{"personalNumber"?}` | the phone picks the order up as that person (default: the order's required person, else the first test person) |
//! | `POST control/orders/{orderRef}/fail` | `{"hintCode"}` | the order fails with any hint code (`userCancel`, `certificateErr`, `startFailed`, `expiredTransaction`, …) |
//! | `POST control/orders/{orderRef}/hint` | `{"hintCode"}` | a pending order shows this hint (e.g. `noClient`, `userMrtd`, `userCallConfirm`) until approved or failed |
//! | `POST control/qr` | `{"qrContent", "personalNumber"?, "action"?, "hintCode"?}` | the phone scans an animated QR code: the order whose current or recent (last [`SimulatorConfig::qr_window`]) code matches, HMAC checked, is approved (`action` `approve`, the default), cancelled by the user (`cancel`) or failed with `hintCode` (`fail`) |
//! | `POST control/autostart` | `{"autoStartToken", "personalNumber"?, "action"?, "hintCode"?}` | the same for the app started on the same device |
//!
//! Answers: 200 with the order (as in the listing); 404 `notFound` for an unknown order or no
//! QR match; 409 `notPending` when the order is no longer waiting for the phone; 400
//! `invalidParameters` for a bad personal number, hint code or action; 403 `wrongPerson` when
//! the order requires another person.
//!
//! # Test app (`app`)
//!
//! `GET app` is a server-rendered page standing in for the phone: the pending orders, each with a
//! test person select and buttons Godkänn (approve), Avbryt (`userCancel`) and a failure hint
//! code select, plus a form to paste QR code content. Plain HTML forms post form-encoded data to
//! `app/orders/{orderRef}/approve|cancel|fail` and `app/qr`, which answer 303 back to the page.
//! No JavaScript and no inline styles (its CSS is `app/style.css`); its own CSP allows exactly
//! that.
//!
//! Time comes from a [`Clock`]: tests use [`ManualClock`] to move it.

mod app;
mod http;
pub mod persons;
mod signature;

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::qr;
use crate::wire::{
    AuthRequest, CallInitiator, CollectResponse, CollectStatus, CompletionData, Device, ErrorBody,
    ErrorCode, HintCode, OrderResponse, PhoneAuthRequest, PhoneOrderResponse, PhoneSignRequest,
    Requirement, Risk, SignRequest, StepUp, User, UserVisibleDataFormat, decode_text,
};

pub use http::configure;
use persons::TestPerson;

/// The longest `userVisibleData` accepted (characters of base64).
const MAX_VISIBLE_DATA: usize = 40_000;
/// The longest `userNonVisibleData` accepted (characters of base64).
const MAX_NON_VISIBLE_DATA: usize = 200_000;

/// A source of time, so tests can move it.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Now.
    fn now(&self) -> Instant;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that only moves when told to.
#[derive(Debug)]
pub struct ManualClock {
    start: Instant,
    offset: Mutex<Duration>,
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl ManualClock {
    /// Starts at the current instant.
    pub fn new() -> Self {
        Self {
            start: Instant::now(),
            offset: Mutex::new(Duration::ZERO),
        }
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        let mut offset = self.offset.lock().unwrap_or_else(|e| e.into_inner());
        *offset += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.start + *self.offset.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// How the simulator paces orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatorConfig {
    /// How long each pending stage (`started`, `userMrtd`, `userSign`) lasts once the phone has
    /// picked the order up. Default 1 s; 0 completes at once.
    pub step: Duration,
    /// An order nobody picks up fails with `startFailed` after this. Default 30 s.
    pub start_timeout: Duration,
    /// An order not complete after this fails with `expiredTransaction`. Default 3 min.
    pub order_lifetime: Duration,
    /// How long a complete order can be collected. Default 3 min.
    pub complete_retention: Duration,
    /// How long a failed order can be collected. Default 5 min.
    pub failed_retention: Duration,
    /// How old a scanned QR code may be. Default 10 s.
    pub qr_window: Duration,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        Self {
            step: Duration::from_secs(1),
            start_timeout: Duration::from_secs(30),
            order_lifetime: Duration::from_secs(180),
            complete_retention: Duration::from_secs(180),
            failed_retention: Duration::from_secs(300),
            qr_window: Duration::from_secs(10),
        }
    }
}

impl SimulatorConfig {
    /// The defaults with no pacing (`step` 0): approved orders complete at once.
    pub fn instant() -> Self {
        Self {
            step: Duration::ZERO,
            ..Self::default()
        }
    }
}

/// An error answer of the wire API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: ErrorBody,
}

impl ApiError {
    fn new(status: u16, code: ErrorCode, details: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                error_code: code,
                details: details.into(),
            },
        }
    }

    fn invalid(details: impl Into<String>) -> Self {
        Self::new(400, ErrorCode::InvalidParameters, details)
    }
}

/// An error of the control API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ControlError {
    /// No such order (or it is gone).
    #[error("no such order")]
    UnknownOrder,
    /// The order is no longer waiting for the phone.
    #[error("the order is not waiting for the phone (status {0})")]
    NotPending(String),
    /// Not a valid personal number.
    #[error("invalid personal number")]
    InvalidPersonalNumber,
    /// The order requires another person.
    #[error("the order requires personal number {0}")]
    WrongPerson(String),
    /// No order matches the QR code or autostart token.
    #[error("no order matches: {0}")]
    NoMatch(String),
    /// Something else in the request is wrong.
    #[error("{0}")]
    Invalid(String),
}

impl ControlError {
    /// The HTTP status and code of the control API's answer.
    pub fn status_and_code(&self) -> (u16, &'static str) {
        match self {
            ControlError::UnknownOrder | ControlError::NoMatch(_) => (404, "notFound"),
            ControlError::NotPending(_) => (409, "notPending"),
            ControlError::WrongPerson(_) => (403, "wrongPerson"),
            ControlError::InvalidPersonalNumber | ControlError::Invalid(_) => {
                (400, "invalidParameters")
            }
        }
    }
}

/// Whether an order is an identification or a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OrderKind {
    /// `auth` or `phone/auth`.
    Auth,
    /// `sign` or `phone/sign`.
    Sign,
}

/// What the phone does with a scanned QR code or autostart token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneAction {
    /// Identify or sign as the person.
    Approve,
    /// The user cancels (`userCancel`).
    Cancel,
    /// The order fails with this hint code.
    Fail(HintCode),
}

impl PhoneAction {
    /// From the control API's `action` (`approve` when absent) and `hintCode`.
    pub fn parse(action: Option<&str>, hint: Option<&str>) -> Result<Self, ControlError> {
        match action.unwrap_or("approve") {
            "approve" => Ok(PhoneAction::Approve),
            "cancel" => Ok(PhoneAction::Cancel),
            "fail" => match hint {
                Some(hint) if !hint.is_empty() => Ok(PhoneAction::Fail(HintCode::parse(hint))),
                _ => Err(ControlError::Invalid("fail needs a hintCode".to_owned())),
            },
            other => Err(ControlError::Invalid(format!("unknown action {other:?}"))),
        }
    }
}

/// An order as the control API lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderInfo {
    /// The order's reference.
    pub order_ref: String,
    /// `auth` or `sign`.
    pub kind: OrderKind,
    /// `web` (auth/sign) or `phone` (phone/auth, phone/sign).
    pub channel: &'static str,
    /// When the order was created (RFC 3339, UTC).
    pub created: String,
    /// The collect status now.
    pub status: CollectStatus,
    /// The collect hint code now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint_code: Option<HintCode>,
    /// The decoded `userVisibleData` text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_visible_data: Option<String>,
    /// The required person, or the person who picked the order up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<String>,
    /// The order's `endUserIp` (phone orders: the RP's address).
    pub end_user_ip: String,
    /// The autostart token (web orders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_start_token: Option<String>,
}

/// The person who picked an order up.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Person {
    personal_number: String,
    given_name: String,
    surname: String,
    bank_id_issue_date: String,
}

impl Person {
    fn from_test_person(person: &TestPerson) -> Self {
        Self {
            personal_number: person.personal_number.to_owned(),
            given_name: person.given_name.to_owned(),
            surname: person.surname.to_owned(),
            bank_id_issue_date: person.bank_id_issue_date.to_owned(),
        }
    }

    /// The test person, or a made-up "Test Person" for any other valid number.
    fn lookup(personal_number: &str) -> Self {
        match persons::find(personal_number) {
            Some(person) => Self::from_test_person(person),
            None => Self {
                personal_number: personal_number.to_owned(),
                given_name: "Test".to_owned(),
                surname: "Person".to_owned(),
                bank_id_issue_date: "2020-01-01".to_owned(),
            },
        }
    }

    fn name(&self) -> String {
        format!("{} {}", self.given_name, self.surname)
    }
}

#[derive(Debug, Clone)]
enum State {
    /// Waiting for the phone; `hint` overrides `outstandingTransaction`.
    Waiting { hint: Option<HintCode> },
    /// Picked up at `at`; progresses with time.
    Approved { at: Instant, person: Person },
    /// Failed at `at`.
    Failed { at: Instant, hint: HintCode },
}

/// The collect-visible phase of an order at some instant.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    Pending(HintCode),
    Complete { at: Instant },
    Failed { at: Instant, hint: HintCode },
}

#[derive(Debug, Clone)]
struct Order {
    order_ref: String,
    kind: OrderKind,
    phone: Option<CallInitiator>,
    auto_start_token: String,
    qr_start_token: String,
    qr_start_secret: String,
    created: Instant,
    created_at: chrono::DateTime<chrono::Utc>,
    end_user_ip: String,
    user_visible_data: Option<String>,
    user_non_visible_data: Option<String>,
    return_risk: bool,
    mrtd: bool,
    required_person: Option<String>,
    state: State,
}

impl Order {
    /// The pending stages after the phone picked the order up.
    fn stages(&self) -> Vec<HintCode> {
        let mut stages = vec![HintCode::Started];
        if self.mrtd {
            stages.push(HintCode::UserMrtd);
        }
        stages.push(HintCode::UserSign);
        stages
    }

    fn phase(&self, now: Instant, config: &SimulatorConfig) -> Phase {
        let expires = self.created + config.order_lifetime;
        match &self.state {
            State::Failed { at, hint } => Phase::Failed {
                at: *at,
                hint: hint.clone(),
            },
            State::Waiting { hint } => {
                let waits_for_start = matches!(
                    hint,
                    None | Some(HintCode::OutstandingTransaction | HintCode::NoClient)
                );
                let start_failed = self.created + config.start_timeout;
                if waits_for_start && now >= start_failed && start_failed <= expires {
                    Phase::Failed {
                        at: start_failed,
                        hint: HintCode::StartFailed,
                    }
                } else if now >= expires {
                    Phase::Failed {
                        at: expires,
                        hint: HintCode::ExpiredTransaction,
                    }
                } else {
                    Phase::Pending(hint.clone().unwrap_or(HintCode::OutstandingTransaction))
                }
            }
            State::Approved { at, .. } => {
                let stages = self.stages();
                let steps = u32::try_from(stages.len()).unwrap_or(u32::MAX);
                let complete_at = *at + config.step.saturating_mul(steps);
                if now >= complete_at && complete_at < expires {
                    Phase::Complete { at: complete_at }
                } else if now >= expires {
                    Phase::Failed {
                        at: expires,
                        hint: HintCode::ExpiredTransaction,
                    }
                } else {
                    let elapsed = now.saturating_duration_since(*at);
                    let index = if config.step.is_zero() {
                        0
                    } else {
                        usize::try_from(elapsed.as_nanos() / config.step.as_nanos())
                            .unwrap_or(usize::MAX)
                    };
                    let hint = stages
                        .get(index)
                        .or(stages.last())
                        .cloned()
                        .unwrap_or(HintCode::UserSign);
                    Phase::Pending(hint)
                }
            }
        }
    }

    /// The person this order is for, if known.
    fn person(&self) -> Option<&str> {
        match &self.state {
            State::Approved { person, .. } => Some(&person.personal_number),
            _ => self.required_person.as_deref(),
        }
    }

    fn info(&self, now: Instant, config: &SimulatorConfig) -> OrderInfo {
        let (status, hint_code) = match self.phase(now, config) {
            Phase::Pending(hint) => (CollectStatus::Pending, Some(hint)),
            Phase::Complete { .. } => (CollectStatus::Complete, None),
            Phase::Failed { hint, .. } => (CollectStatus::Failed, Some(hint)),
        };
        OrderInfo {
            order_ref: self.order_ref.clone(),
            kind: self.kind,
            channel: if self.phone.is_some() { "phone" } else { "web" },
            created: self
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            status,
            hint_code,
            user_visible_data: self.user_visible_data.as_deref().and_then(decode_text),
            personal_number: self.person().map(str::to_owned),
            end_user_ip: self.end_user_ip.clone(),
            auto_start_token: self.phone.is_none().then(|| self.auto_start_token.clone()),
        }
    }

    fn completion_data(&self) -> Option<CompletionData> {
        let State::Approved { person, .. } = &self.state else {
            return None;
        };
        let signature = signature::signature_xml(self, person);
        let ocsp = format!(
            "BankID simulator OCSP response: certificate of {} is good (order {})",
            person.personal_number, self.order_ref
        );
        let uhi = signature::base64_sha256(format!("uhi:{}", person.personal_number).as_bytes());
        Some(CompletionData {
            user: User {
                personal_number: person.personal_number.clone(),
                name: person.name(),
                given_name: person.given_name.clone(),
                surname: person.surname.clone(),
            },
            device: Device {
                ip_address: self.end_user_ip.clone(),
                uhi: Some(uhi),
            },
            bank_id_issue_date: person.bank_id_issue_date.clone(),
            step_up: self.mrtd.then_some(StepUp { mrtd: true }),
            signature: signature::base64(signature.as_bytes()),
            ocsp_response: signature::base64(ocsp.as_bytes()),
            risk: self.return_risk.then_some(Risk::Low),
        })
    }
}

/// What every order start request has in common, after validation.
struct NewOrder {
    kind: OrderKind,
    phone: Option<CallInitiator>,
    end_user_ip: String,
    user_visible_data: Option<String>,
    user_non_visible_data: Option<String>,
    return_risk: bool,
    requirement: Option<Requirement>,
    required_person: Option<String>,
}

#[derive(Debug)]
struct Inner {
    config: SimulatorConfig,
    clock: Arc<dyn Clock>,
    orders: Mutex<HashMap<String, Order>>,
}

/// The simulator's state: cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Simulator {
    inner: Arc<Inner>,
}

impl Default for Simulator {
    fn default() -> Self {
        Self::new(SimulatorConfig::default())
    }
}

impl Simulator {
    /// A simulator on the real clock.
    pub fn new(config: SimulatorConfig) -> Self {
        Self::with_clock(config, Arc::new(SystemClock))
    }

    /// A simulator on `clock` (e.g. a [`ManualClock`] in tests).
    pub fn with_clock(config: SimulatorConfig, clock: Arc<dyn Clock>) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                clock,
                orders: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &SimulatorConfig {
        &self.inner.config
    }

    fn now(&self) -> Instant {
        self.inner.clock.now()
    }

    /// The orders, with those past their retention removed.
    fn orders(&self, now: Instant) -> MutexGuard<'_, HashMap<String, Order>> {
        let mut orders = self.inner.orders.lock().unwrap_or_else(|e| e.into_inner());
        let config = &self.inner.config;
        orders.retain(|_, order| match order.phase(now, config) {
            Phase::Pending(_) => true,
            Phase::Complete { at } => now < at + config.complete_retention,
            Phase::Failed { at, .. } => now < at + config.failed_retention,
        });
        orders
    }

    /// `POST /auth`.
    pub fn start_auth(&self, request: &AuthRequest) -> Result<OrderResponse, ApiError> {
        check_end_user_ip(&request.end_user_ip)?;
        check_device(request.web.is_some(), request.app.is_some())?;
        let required = required_person(request.requirement.as_ref())?;
        let new = NewOrder {
            kind: OrderKind::Auth,
            phone: None,
            end_user_ip: request.end_user_ip.trim().to_owned(),
            user_visible_data: check_visible_data(
                request.user_visible_data.as_deref(),
                request.user_visible_data_format.as_ref(),
                false,
            )?,
            user_non_visible_data: check_non_visible_data(
                request.user_non_visible_data.as_deref(),
            )?,
            return_risk: request.return_risk.unwrap_or(false),
            requirement: request.requirement.clone(),
            required_person: required,
        };
        let order = self.insert(new)?;
        Ok(order_response(&order))
    }

    /// `POST /sign`.
    pub fn start_sign(&self, request: &SignRequest) -> Result<OrderResponse, ApiError> {
        check_end_user_ip(&request.end_user_ip)?;
        check_device(request.web.is_some(), request.app.is_some())?;
        let required = required_person(request.requirement.as_ref())?;
        let new = NewOrder {
            kind: OrderKind::Sign,
            phone: None,
            end_user_ip: request.end_user_ip.trim().to_owned(),
            user_visible_data: check_visible_data(
                Some(&request.user_visible_data),
                request.user_visible_data_format.as_ref(),
                true,
            )?,
            user_non_visible_data: check_non_visible_data(
                request.user_non_visible_data.as_deref(),
            )?,
            return_risk: request.return_risk.unwrap_or(false),
            requirement: request.requirement.clone(),
            required_person: required,
        };
        let order = self.insert(new)?;
        Ok(order_response(&order))
    }

    /// `POST /phone/auth`; `rp_ip` stands in for the device address in the completion data.
    pub fn start_phone_auth(
        &self,
        request: &PhoneAuthRequest,
        rp_ip: &str,
    ) -> Result<PhoneOrderResponse, ApiError> {
        let person = phone_person(&request.personal_number, &request.call_initiator)?;
        let required = required_person(request.requirement.as_ref())?;
        if required
            .as_deref()
            .is_some_and(|required| required != person)
        {
            return Err(ApiError::invalid(
                "requirement.personalNumber differs from personalNumber",
            ));
        }
        let new = NewOrder {
            kind: OrderKind::Auth,
            phone: Some(request.call_initiator.clone()),
            end_user_ip: rp_ip.to_owned(),
            user_visible_data: check_visible_data(
                request.user_visible_data.as_deref(),
                request.user_visible_data_format.as_ref(),
                false,
            )?,
            user_non_visible_data: check_non_visible_data(
                request.user_non_visible_data.as_deref(),
            )?,
            return_risk: false,
            requirement: request.requirement.clone(),
            required_person: Some(person),
        };
        let order = self.insert(new)?;
        Ok(PhoneOrderResponse {
            order_ref: order.order_ref,
        })
    }

    /// `POST /phone/sign`; `rp_ip` stands in for the device address in the completion data.
    pub fn start_phone_sign(
        &self,
        request: &PhoneSignRequest,
        rp_ip: &str,
    ) -> Result<PhoneOrderResponse, ApiError> {
        let person = phone_person(&request.personal_number, &request.call_initiator)?;
        let required = required_person(request.requirement.as_ref())?;
        if required
            .as_deref()
            .is_some_and(|required| required != person)
        {
            return Err(ApiError::invalid(
                "requirement.personalNumber differs from personalNumber",
            ));
        }
        let new = NewOrder {
            kind: OrderKind::Sign,
            phone: Some(request.call_initiator.clone()),
            end_user_ip: rp_ip.to_owned(),
            user_visible_data: check_visible_data(
                Some(&request.user_visible_data),
                request.user_visible_data_format.as_ref(),
                true,
            )?,
            user_non_visible_data: check_non_visible_data(
                request.user_non_visible_data.as_deref(),
            )?,
            return_risk: false,
            requirement: request.requirement.clone(),
            required_person: Some(person),
        };
        let order = self.insert(new)?;
        Ok(PhoneOrderResponse {
            order_ref: order.order_ref,
        })
    }

    fn insert(&self, new: NewOrder) -> Result<Order, ApiError> {
        let now = self.now();
        let config = &self.inner.config;
        let mut orders = self.orders(now);
        if let Some(person) = new.required_person.as_deref() {
            let busy: Vec<String> = orders
                .values()
                .filter(|order| {
                    order.person() == Some(person)
                        && matches!(order.phase(now, config), Phase::Pending(_))
                })
                .map(|order| order.order_ref.clone())
                .collect();
            if !busy.is_empty() {
                for order_ref in busy {
                    if let Some(order) = orders.get_mut(&order_ref) {
                        order.state = State::Failed {
                            at: now,
                            hint: HintCode::Cancelled,
                        };
                    }
                }
                return Err(ApiError::new(
                    400,
                    ErrorCode::AlreadyInProgress,
                    "Order already in progress for pno",
                ));
            }
        }
        let mrtd = new
            .requirement
            .as_ref()
            .and_then(|requirement| requirement.mrtd)
            .unwrap_or(false);
        let order = Order {
            order_ref: uuid::Uuid::new_v4().to_string(),
            kind: new.kind,
            phone: new.phone,
            auto_start_token: uuid::Uuid::new_v4().to_string(),
            qr_start_token: uuid::Uuid::new_v4().to_string(),
            qr_start_secret: uuid::Uuid::new_v4().to_string(),
            created: now,
            created_at: chrono::Utc::now(),
            end_user_ip: new.end_user_ip,
            user_visible_data: new.user_visible_data,
            user_non_visible_data: new.user_non_visible_data,
            return_risk: new.return_risk,
            mrtd,
            required_person: new.required_person,
            state: State::Waiting { hint: None },
        };
        orders.insert(order.order_ref.clone(), order.clone());
        Ok(order)
    }

    /// `POST /collect`.
    pub fn collect(&self, order_ref: &str) -> Result<CollectResponse, ApiError> {
        let now = self.now();
        let orders = self.orders(now);
        let order = orders
            .get(order_ref)
            .ok_or_else(|| ApiError::invalid("No such order"))?;
        Ok(match order.phase(now, &self.inner.config) {
            Phase::Pending(hint) => CollectResponse {
                order_ref: order.order_ref.clone(),
                status: CollectStatus::Pending,
                hint_code: Some(hint),
                completion_data: None,
            },
            Phase::Failed { hint, .. } => CollectResponse {
                order_ref: order.order_ref.clone(),
                status: CollectStatus::Failed,
                hint_code: Some(hint),
                completion_data: None,
            },
            Phase::Complete { .. } => CollectResponse {
                order_ref: order.order_ref.clone(),
                status: CollectStatus::Complete,
                hint_code: None,
                completion_data: order.completion_data(),
            },
        })
    }

    /// `POST /cancel`: removes the order.
    pub fn cancel(&self, order_ref: &str) -> Result<(), ApiError> {
        let now = self.now();
        let mut orders = self.orders(now);
        match orders.remove(order_ref) {
            Some(_) => Ok(()),
            None => Err(ApiError::invalid("No such order")),
        }
    }

    /// The orders still held; only pending ones unless `all`. Oldest first.
    pub fn list_orders(&self, all: bool) -> Vec<OrderInfo> {
        let now = self.now();
        let config = &self.inner.config;
        let orders = self.orders(now);
        let mut list: Vec<(Instant, OrderInfo)> = orders
            .values()
            .filter(|order| all || matches!(order.phase(now, config), Phase::Pending(_)))
            .map(|order| (order.created, order.info(now, config)))
            .collect();
        list.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.order_ref.cmp(&b.1.order_ref))
        });
        list.into_iter().map(|(_, info)| info).collect()
    }

    /// One order as the control API shows it.
    pub fn order(&self, order_ref: &str) -> Option<OrderInfo> {
        let now = self.now();
        let orders = self.orders(now);
        orders
            .get(order_ref)
            .map(|order| order.info(now, &self.inner.config))
    }

    /// The phone picks the order up as `personal_number` (default: the order's required person,
    /// else the first test person). Other pending orders for that person fail with `cancelled`.
    pub fn approve(
        &self,
        order_ref: &str,
        personal_number: Option<&str>,
    ) -> Result<OrderInfo, ControlError> {
        let now = self.now();
        let config = &self.inner.config;
        let mut orders = self.orders(now);
        let order = waiting_order(&orders, order_ref, now, config)?;
        let personal_number = match (
            personal_number.filter(|p| !p.is_empty()),
            &order.required_person,
        ) {
            (Some(given), Some(required)) if given != required => {
                return Err(ControlError::WrongPerson(required.clone()));
            }
            (Some(given), _) => given.to_owned(),
            (None, Some(required)) => required.clone(),
            (None, None) => persons::default_person().personal_number.to_owned(),
        };
        if !persons::is_valid_personal_number(&personal_number) {
            return Err(ControlError::InvalidPersonalNumber);
        }
        for other in orders.values_mut() {
            if other.order_ref != order_ref
                && other.person() == Some(personal_number.as_str())
                && matches!(other.phase(now, config), Phase::Pending(_))
            {
                other.state = State::Failed {
                    at: now,
                    hint: HintCode::Cancelled,
                };
            }
        }
        let order = orders
            .get_mut(order_ref)
            .ok_or(ControlError::UnknownOrder)?;
        order.state = State::Approved {
            at: now,
            person: Person::lookup(&personal_number),
        };
        Ok(order.info(now, config))
    }

    /// The order fails now with `hint` (any code).
    pub fn fail(&self, order_ref: &str, hint: HintCode) -> Result<OrderInfo, ControlError> {
        let now = self.now();
        let config = &self.inner.config;
        let mut orders = self.orders(now);
        let order = orders
            .get_mut(order_ref)
            .ok_or(ControlError::UnknownOrder)?;
        if let phase @ (Phase::Complete { .. } | Phase::Failed { .. }) = order.phase(now, config) {
            return Err(ControlError::NotPending(phase_name(&phase).to_owned()));
        }
        order.state = State::Failed { at: now, hint };
        Ok(order.info(now, config))
    }

    /// A waiting order shows `hint` (a pending code) until it is approved or fails.
    pub fn set_pending_hint(
        &self,
        order_ref: &str,
        hint: HintCode,
    ) -> Result<OrderInfo, ControlError> {
        let now = self.now();
        let config = &self.inner.config;
        let mut orders = self.orders(now);
        waiting_order(&orders, order_ref, now, config)?;
        let order = orders
            .get_mut(order_ref)
            .ok_or(ControlError::UnknownOrder)?;
        order.state = State::Waiting { hint: Some(hint) };
        Ok(order.info(now, config))
    }

    /// The phone scans `content` (`bankid.<qrStartToken>.<time>.<qrAuthCode>`): the order whose
    /// current or recent code it is gets `action`.
    pub fn scan_qr(
        &self,
        content: &str,
        personal_number: Option<&str>,
        action: PhoneAction,
    ) -> Result<OrderInfo, ControlError> {
        let order_ref = self.match_qr(content.trim())?;
        self.act(&order_ref, personal_number, action)
    }

    /// The app is started on the same device with `auto_start_token`: that order gets `action`.
    pub fn autostart(
        &self,
        auto_start_token: &str,
        personal_number: Option<&str>,
        action: PhoneAction,
    ) -> Result<OrderInfo, ControlError> {
        let order_ref = {
            let now = self.now();
            let orders = self.orders(now);
            orders
                .values()
                .find(|order| order.phone.is_none() && order.auto_start_token == auto_start_token)
                .map(|order| order.order_ref.clone())
                .ok_or_else(|| ControlError::NoMatch("unknown autoStartToken".to_owned()))?
        };
        self.act(&order_ref, personal_number, action)
    }

    fn act(
        &self,
        order_ref: &str,
        personal_number: Option<&str>,
        action: PhoneAction,
    ) -> Result<OrderInfo, ControlError> {
        match action {
            PhoneAction::Approve => self.approve(order_ref, personal_number),
            PhoneAction::Cancel => self.fail(order_ref, HintCode::UserCancel),
            PhoneAction::Fail(hint) => self.fail(order_ref, hint),
        }
    }

    fn match_qr(&self, content: &str) -> Result<String, ControlError> {
        let parts: Vec<&str> = content.split('.').collect();
        let [prefix, token, time, code] = parts.as_slice() else {
            return Err(ControlError::NoMatch(
                "not bankid.<token>.<time>.<code>".to_owned(),
            ));
        };
        if *prefix != "bankid" {
            return Err(ControlError::NoMatch("not a BankID QR code".to_owned()));
        }
        let time: u64 = time
            .parse()
            .map_err(|_| ControlError::NoMatch("the time is not a number".to_owned()))?;
        let now = self.now();
        let orders = self.orders(now);
        let order = orders
            .values()
            .find(|order| order.phone.is_none() && order.qr_start_token == *token)
            .ok_or_else(|| ControlError::NoMatch("unknown qrStartToken".to_owned()))?;
        let elapsed = now.saturating_duration_since(order.created).as_secs();
        let window = self.inner.config.qr_window.as_secs();
        if time > elapsed + 1 || elapsed > time + window {
            return Err(ControlError::NoMatch(format!(
                "the code is for second {time}, the order is {elapsed} s old"
            )));
        }
        if qr::qr_auth_code(&order.qr_start_secret, time) != *code {
            return Err(ControlError::NoMatch(
                "the qrAuthCode does not match".to_owned(),
            ));
        }
        Ok(order.order_ref.clone())
    }
}

fn waiting_order<'a>(
    orders: &'a HashMap<String, Order>,
    order_ref: &str,
    now: Instant,
    config: &SimulatorConfig,
) -> Result<&'a Order, ControlError> {
    let order = orders.get(order_ref).ok_or(ControlError::UnknownOrder)?;
    let phase = order.phase(now, config);
    match (&order.state, &phase) {
        (State::Waiting { .. }, Phase::Pending(_)) => Ok(order),
        _ => Err(ControlError::NotPending(phase_name(&phase).to_owned())),
    }
}

fn phase_name(phase: &Phase) -> &'static str {
    match phase {
        Phase::Pending(_) => "pending",
        Phase::Complete { .. } => "complete",
        Phase::Failed { .. } => "failed",
    }
}

fn order_response(order: &Order) -> OrderResponse {
    OrderResponse {
        order_ref: order.order_ref.clone(),
        auto_start_token: order.auto_start_token.clone(),
        qr_start_token: order.qr_start_token.clone(),
        qr_start_secret: order.qr_start_secret.clone(),
    }
}

fn check_end_user_ip(ip: &str) -> Result<(), ApiError> {
    if ip.trim().parse::<IpAddr>().is_ok() {
        Ok(())
    } else {
        Err(ApiError::invalid("Invalid endUserIp"))
    }
}

fn check_device(web: bool, app: bool) -> Result<(), ApiError> {
    if web && app {
        Err(ApiError::invalid("web and app are mutually exclusive"))
    } else {
        Ok(())
    }
}

fn required_person(requirement: Option<&Requirement>) -> Result<Option<String>, ApiError> {
    let Some(requirement) = requirement else {
        return Ok(None);
    };
    if let Some(reader) = &requirement.card_reader
        && reader != "class1"
        && reader != "class2"
    {
        return Err(ApiError::invalid("Invalid requirement.cardReader"));
    }
    match &requirement.personal_number {
        Some(number) if persons::is_valid_personal_number(number) => Ok(Some(number.clone())),
        Some(_) => Err(ApiError::invalid("Incorrect personalNumber")),
        None => Ok(None),
    }
}

fn phone_person(personal_number: &str, initiator: &CallInitiator) -> Result<String, ApiError> {
    if !initiator.is_known() {
        return Err(ApiError::invalid("Invalid callInitiator"));
    }
    if persons::is_valid_personal_number(personal_number) {
        Ok(personal_number.to_owned())
    } else {
        Err(ApiError::invalid("Incorrect personalNumber"))
    }
}

fn check_visible_data(
    data: Option<&str>,
    format: Option<&UserVisibleDataFormat>,
    required: bool,
) -> Result<Option<String>, ApiError> {
    if format.is_some_and(|format| !format.is_known()) {
        return Err(ApiError::invalid("Invalid userVisibleDataFormat"));
    }
    match data {
        None if required => Err(ApiError::invalid("Missing userVisibleData")),
        None => Ok(None),
        Some(data) => {
            if data.is_empty() || data.len() > MAX_VISIBLE_DATA || decode_text(data).is_none() {
                Err(ApiError::invalid("Invalid userVisibleData"))
            } else {
                Ok(Some(data.to_owned()))
            }
        }
    }
}

fn check_non_visible_data(data: Option<&str>) -> Result<Option<String>, ApiError> {
    match data {
        None => Ok(None),
        Some(data) => {
            let decodes = signature::decode_base64(data).is_some();
            if data.is_empty() || data.len() > MAX_NON_VISIBLE_DATA || !decodes {
                Err(ApiError::invalid("Invalid userNonVisibleData"))
            } else {
                Ok(Some(data.to_owned()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simulator() -> (Simulator, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::new());
        let config = SimulatorConfig {
            step: Duration::from_secs(1),
            ..SimulatorConfig::default()
        };
        (Simulator::with_clock(config, clock.clone()), clock)
    }

    fn status(sim: &Simulator, order_ref: &str) -> (CollectStatus, Option<HintCode>) {
        let response = sim.collect(order_ref).unwrap();
        (response.status, response.hint_code)
    }

    #[test]
    fn an_approved_order_goes_through_started_and_user_sign_at_the_configured_pace() {
        let (sim, clock) = simulator();
        let order = sim.start_auth(&AuthRequest::new("192.0.2.7")).unwrap();
        assert_eq!(
            status(&sim, &order.order_ref),
            (
                CollectStatus::Pending,
                Some(HintCode::OutstandingTransaction)
            )
        );
        sim.approve(&order.order_ref, None).unwrap();
        assert_eq!(status(&sim, &order.order_ref).1, Some(HintCode::Started));
        clock.advance(Duration::from_secs(1));
        assert_eq!(status(&sim, &order.order_ref).1, Some(HintCode::UserSign));
        clock.advance(Duration::from_secs(1));
        let response = sim.collect(&order.order_ref).unwrap();
        assert_eq!(response.status, CollectStatus::Complete);
        let data = response.completion_data.unwrap();
        assert_eq!(data.user.personal_number, "199006292388");
        assert_eq!(data.user.name, "Anna Andersson");
        assert_eq!(data.device.ip_address, "192.0.2.7");
    }

    #[test]
    fn an_order_nobody_picks_up_fails_with_start_failed_after_the_start_timeout() {
        let (sim, clock) = simulator();
        let order = sim.start_auth(&AuthRequest::new("192.0.2.7")).unwrap();
        clock.advance(Duration::from_secs(29));
        assert_eq!(status(&sim, &order.order_ref).0, CollectStatus::Pending);
        clock.advance(Duration::from_secs(1));
        assert_eq!(
            status(&sim, &order.order_ref),
            (CollectStatus::Failed, Some(HintCode::StartFailed))
        );
    }

    #[test]
    fn a_picked_up_order_that_never_completes_expires() {
        let clock = Arc::new(ManualClock::new());
        let config = SimulatorConfig {
            step: Duration::from_secs(100),
            ..SimulatorConfig::default()
        };
        let sim = Simulator::with_clock(config, clock.clone());
        let order = sim.start_auth(&AuthRequest::new("192.0.2.7")).unwrap();
        sim.approve(&order.order_ref, None).unwrap();
        clock.advance(Duration::from_secs(180));
        assert_eq!(
            status(&sim, &order.order_ref),
            (CollectStatus::Failed, Some(HintCode::ExpiredTransaction))
        );
    }

    #[test]
    fn complete_orders_are_kept_three_minutes_and_failed_ones_five() {
        let (sim, clock) = simulator();
        let complete = sim.start_auth(&AuthRequest::new("192.0.2.7")).unwrap();
        sim.approve(&complete.order_ref, Some("198511144571"))
            .unwrap();
        let failed = sim.start_auth(&AuthRequest::new("192.0.2.7")).unwrap();
        sim.fail(&failed.order_ref, HintCode::UserCancel).unwrap();
        clock.advance(Duration::from_secs(2 + 179));
        assert!(sim.collect(&complete.order_ref).is_ok());
        clock.advance(Duration::from_secs(1));
        assert_eq!(
            sim.collect(&complete.order_ref)
                .unwrap_err()
                .body
                .error_code,
            ErrorCode::InvalidParameters
        );
        assert!(sim.collect(&failed.order_ref).is_ok());
        clock.advance(Duration::from_secs(120));
        assert!(sim.collect(&failed.order_ref).is_err());
    }

    #[test]
    fn a_second_order_for_a_busy_person_is_refused_and_aborts_the_first() {
        let (sim, _clock) = simulator();
        let mut request = AuthRequest::new("192.0.2.7");
        request.requirement = Some(Requirement {
            personal_number: Some("198511144571".into()),
            ..Requirement::default()
        });
        let first = sim.start_auth(&request).unwrap();
        let error = sim.start_auth(&request).unwrap_err();
        assert_eq!(error.body.error_code, ErrorCode::AlreadyInProgress);
        assert_eq!(
            status(&sim, &first.order_ref),
            (CollectStatus::Failed, Some(HintCode::Cancelled))
        );
        // Now nothing is pending for the person: a new order is accepted.
        sim.start_auth(&request).unwrap();
    }

    #[test]
    fn approving_an_order_cancels_the_persons_other_pending_orders() {
        let (sim, _clock) = simulator();
        let older = sim
            .start_phone_auth(
                &PhoneAuthRequest::new("198511144571", CallInitiator::User),
                "127.0.0.1",
            )
            .unwrap();
        let newer = sim.start_auth(&AuthRequest::new("192.0.2.7")).unwrap();
        sim.approve(&newer.order_ref, Some("198511144571")).unwrap();
        assert_eq!(
            status(&sim, &older.order_ref),
            (CollectStatus::Failed, Some(HintCode::Cancelled))
        );
    }

    #[test]
    fn the_required_person_is_enforced_on_approval() {
        let (sim, _clock) = simulator();
        let mut request = AuthRequest::new("192.0.2.7");
        request.requirement = Some(Requirement {
            personal_number: Some("198511144571".into()),
            ..Requirement::default()
        });
        let order = sim.start_auth(&request).unwrap();
        assert_eq!(
            sim.approve(&order.order_ref, Some("199006292388")),
            Err(ControlError::WrongPerson("198511144571".into()))
        );
        let info = sim.approve(&order.order_ref, None).unwrap();
        assert_eq!(info.personal_number.as_deref(), Some("198511144571"));
    }

    #[test]
    fn a_qr_code_matches_only_with_the_right_secret_and_a_recent_time() {
        let (sim, clock) = simulator();
        let order = sim.start_auth(&AuthRequest::new("192.0.2.7")).unwrap();
        clock.advance(Duration::from_secs(3));
        let wrong = qr::qr_content(&order.qr_start_token, "not the secret", 3);
        assert!(matches!(
            sim.scan_qr(&wrong, None, PhoneAction::Approve),
            Err(ControlError::NoMatch(_))
        ));
        clock.advance(Duration::from_secs(20));
        let stale = qr::qr_content(&order.qr_start_token, &order.qr_start_secret, 3);
        assert!(sim.scan_qr(&stale, None, PhoneAction::Approve).is_err());
        let fresh = qr::qr_content(&order.qr_start_token, &order.qr_start_secret, 21);
        let info = sim.scan_qr(&fresh, None, PhoneAction::Approve).unwrap();
        assert_eq!(info.hint_code, Some(HintCode::Started));
    }

    #[test]
    fn a_pending_hint_can_be_shown_until_approval() {
        let (sim, _clock) = simulator();
        let order = sim.start_auth(&AuthRequest::new("192.0.2.7")).unwrap();
        sim.set_pending_hint(&order.order_ref, HintCode::NoClient)
            .unwrap();
        assert_eq!(status(&sim, &order.order_ref).1, Some(HintCode::NoClient));
        sim.approve(&order.order_ref, None).unwrap();
        assert_eq!(status(&sim, &order.order_ref).1, Some(HintCode::Started));
    }

    #[test]
    fn an_mrtd_requirement_adds_the_user_mrtd_stage_and_step_up() {
        let (sim, clock) = simulator();
        let mut request = AuthRequest::new("192.0.2.7");
        request.requirement = Some(Requirement {
            mrtd: Some(true),
            ..Requirement::default()
        });
        let order = sim.start_auth(&request).unwrap();
        sim.approve(&order.order_ref, None).unwrap();
        clock.advance(Duration::from_secs(1));
        assert_eq!(status(&sim, &order.order_ref).1, Some(HintCode::UserMrtd));
        clock.advance(Duration::from_secs(2));
        let data = sim
            .collect(&order.order_ref)
            .unwrap()
            .completion_data
            .unwrap();
        assert_eq!(data.step_up, Some(StepUp { mrtd: true }));
    }

    #[test]
    fn invalid_start_requests_are_invalid_parameters() {
        let (sim, _clock) = simulator();
        let bad_ip = sim.start_auth(&AuthRequest::new("")).unwrap_err();
        assert_eq!(bad_ip.body.error_code, ErrorCode::InvalidParameters);
        let mut bad_data = SignRequest::new("192.0.2.7", "x");
        bad_data.user_visible_data = "%%%".into();
        assert_eq!(
            sim.start_sign(&bad_data).unwrap_err().body.error_code,
            ErrorCode::InvalidParameters
        );
        let bad_pno = sim
            .start_phone_auth(
                &PhoneAuthRequest::new("199006292382", CallInitiator::Rp),
                "127.0.0.1",
            )
            .unwrap_err();
        assert_eq!(bad_pno.body.details, "Incorrect personalNumber");
        let mut both = AuthRequest::new("192.0.2.7");
        both.web = Some(Default::default());
        both.app = Some(Default::default());
        assert!(sim.start_auth(&both).is_err());
    }

    #[test]
    fn the_listing_shows_pending_orders_with_their_decoded_text() {
        let (sim, _clock) = simulator();
        let sign = sim
            .start_sign(&SignRequest::new("192.0.2.7", "Jag ansöker om bygglov"))
            .unwrap();
        let done = sim.start_auth(&AuthRequest::new("192.0.2.7")).unwrap();
        sim.fail(&done.order_ref, HintCode::CertificateErr).unwrap();
        let pending = sim.list_orders(false);
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].order_ref, sign.order_ref);
        assert_eq!(pending[0].kind, OrderKind::Sign);
        assert_eq!(
            pending[0].user_visible_data.as_deref(),
            Some("Jag ansöker om bygglov")
        );
        assert_eq!(sim.list_orders(true).len(), 2);
    }
}
