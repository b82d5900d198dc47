//! Liveness and readiness probes.

pub mod livez;
pub mod readyz;
