//! Callbacks from the SMS gateway.

pub mod report_delivery;
