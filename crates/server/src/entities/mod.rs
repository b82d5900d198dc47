//! sea-orm entities, one per table. Schema changes go through `migrations/`.

pub mod bankid_logins;
pub mod sessions;
pub mod users;
