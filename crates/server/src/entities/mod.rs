//! sea-orm entities, one per table. Schema changes go through `migrations/`.

pub mod attachments;
pub mod bankid_logins;
pub mod case_events;
pub mod case_number_counters;
pub mod case_signatures;
pub mod cases;
pub mod e_service_versions;
pub mod idempotency_keys;
pub mod profiles;
pub mod sessions;
pub mod users;
