//! Calls to the Mina sidor REST API, one module per area.
//!
//! - [`client`]: the request builder every call goes through (the CSRF header on state-changing
//!   methods), errors ([`ApiError`]) and what authenticated calls tell the session: a success is
//!   activity and moves the idle expiry; a 401 ends the session in the app.
//! - [`site`]: the municipality's name, contacts and page texts.
//! - [`auth`]: the session and BankID login.
//! - [`eservices`]: the published e-services and their definitions.
//! - [`cases`]: drafts, attachments, submitting and the citizen's cases.
//! - [`signing`]: BankID signatures of a draft.
//! - [`profile`]: the citizen's contact details.
//! - [`staff`]: the officer side (staff login, queue, handling, messages, notes).

pub mod auth;
pub mod cases;
pub mod client;
pub mod eservices;
pub mod profile;
pub mod signing;
pub mod site;
pub mod staff;

pub use client::{ApiError, Stamped};

/// An RFC 3339 time from the server in milliseconds since the epoch.
pub fn time_ms_of(rfc3339: &str) -> Option<f64> {
    crate::time::parse_rfc3339_ms(rfc3339)
}
