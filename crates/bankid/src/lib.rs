//! BankID Relying Party API v6.0.
//!
//! So far: the animated QR code. The client, wire types and the simulator follow in the BankID
//! issue.

pub mod qr;
