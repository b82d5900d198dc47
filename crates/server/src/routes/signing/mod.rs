//! Signing a draft with BankID before submission: the citizen signs a summary of the case
//! (userVisibleData) and the SHA-256 of its canonical answers (userNonVisibleData).

pub mod cancel_signing;
pub mod collect_signing;
pub mod get_signing_qr;
pub mod get_signing_qr_svg;
pub mod start_signing;
