//! BankID Relying Party API v6.0 for Mina sidor.
//!
//! - [`wire`]: the JSON bodies, spelled exactly as BankID does, tolerant of new codes.
//! - [`rfa`]: what to tell the user (BankID's RFA messages) in Swedish and English.
//! - [`client`]: the relying-party client (mutual TLS with a pinned BankID root, or plain HTTP to
//!   the simulator).
//! - [`qr`]: the animated QR code.
//! - [`certs`]: BankID's public roots, the public test certificate and the base URLs.
//! - `simulator` (feature `simulator`): an in-memory BankID for development and tests, mounted
//!   into an actix-web app, with a control API and a "test app" page standing in for the phone.

pub mod certs;
pub mod client;
pub mod qr;
pub mod rfa;
#[cfg(feature = "simulator")]
pub mod simulator;
pub mod wire;

pub use client::{BankIdClient, BankIdError, ClientConfig, TlsConfig};
pub use rfa::{Flow, Lang, Rfa};
