//! Database migrations. Names follow `mYYYYMMDD_NNNNNN_verb_noun`; never edit a migration that
//! has shipped, add a new one.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_users_and_sessions;
mod m20261126_000002_create_bankid_logins;
mod m20261127_000003_create_eservices_cases_profiles;
mod m20261127_000004_create_case_signatures;
mod m20261201_000005_record_case_state_and_events;
mod m20261202_000006_create_staff_messages_audit;
mod m20261203_000007_create_notification_outbox;
mod m20261204_000008_add_case_draft_label;
mod m20261205_000009_add_missing_indexes;
mod m20261206_000010_create_rate_limit_hits;
mod m20261207_000011_add_owner_status_index;

/// All migrations in order.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_users_and_sessions::Migration),
            Box::new(m20261126_000002_create_bankid_logins::Migration),
            Box::new(m20261127_000003_create_eservices_cases_profiles::Migration),
            Box::new(m20261127_000004_create_case_signatures::Migration),
            Box::new(m20261201_000005_record_case_state_and_events::Migration),
            Box::new(m20261202_000006_create_staff_messages_audit::Migration),
            Box::new(m20261203_000007_create_notification_outbox::Migration),
            Box::new(m20261204_000008_add_case_draft_label::Migration),
            Box::new(m20261205_000009_add_missing_indexes::Migration),
            Box::new(m20261206_000010_create_rate_limit_hits::Migration),
            Box::new(m20261207_000011_add_owner_status_index::Migration),
        ]
    }
}
