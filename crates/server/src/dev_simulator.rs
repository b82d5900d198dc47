//! The built-in BankID simulator, compiled in only with the `dev-simulator` cargo feature
//! (`just run` and the tests enable it; the production build `cargo build --release -p server`
//! does not), so a production binary cannot log anyone in as anyone, whatever its settings.

use std::time::Duration;

/// Whether this build has the simulator.
pub const COMPILED: bool = cfg!(feature = "dev-simulator");

/// A running simulator.
#[cfg(feature = "dev-simulator")]
pub type Simulator = bankid::simulator::Simulator;

/// A running simulator (this build has none, so there never is one).
#[cfg(not(feature = "dev-simulator"))]
#[derive(Debug, Clone)]
pub struct Simulator(std::convert::Infallible);

/// A simulator whose orders take `step` per state after approval.
#[cfg(feature = "dev-simulator")]
#[must_use]
pub fn start(step: Duration) -> Option<Simulator> {
    Some(bankid::simulator::Simulator::new(
        bankid::simulator::SimulatorConfig {
            step,
            ..bankid::simulator::SimulatorConfig::default()
        },
    ))
}

/// No simulator in this build.
#[cfg(not(feature = "dev-simulator"))]
#[must_use]
pub fn start(_step: Duration) -> Option<Simulator> {
    None
}

/// Mounts the simulator's wire API, control API and test app.
#[cfg(feature = "dev-simulator")]
pub fn configure(config: &mut actix_web::web::ServiceConfig, simulator: Simulator) {
    bankid::simulator::configure(config, simulator);
}

/// Nothing to mount in this build.
#[cfg(not(feature = "dev-simulator"))]
pub fn configure(_config: &mut actix_web::web::ServiceConfig, simulator: Simulator) {
    match simulator.0 {}
}

/// The simulator's test persons: (given name, surname, personnummer).
#[cfg(feature = "dev-simulator")]
#[must_use]
pub fn test_persons() -> Vec<(&'static str, &'static str, &'static str)> {
    bankid::simulator::persons::TEST_PERSONS
        .iter()
        .map(|p| (p.given_name, p.surname, p.personal_number))
        .collect()
}

/// No test persons in this build.
#[cfg(not(feature = "dev-simulator"))]
#[must_use]
pub fn test_persons() -> Vec<(&'static str, &'static str, &'static str)> {
    Vec::new()
}
