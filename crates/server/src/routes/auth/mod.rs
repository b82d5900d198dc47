//! BankID login: start, the animated QR code, polling, cancelling.

pub mod cancel_bankid_login;
pub mod collect_bankid_login;
pub mod get_bankid_qr;
pub mod get_bankid_qr_svg;
pub mod start_bankid_login;
