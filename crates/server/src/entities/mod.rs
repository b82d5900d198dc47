//! sea-orm entities, one per table. Schema changes go through `migrations/`.

pub mod attachments;
pub mod audit_log;
pub mod bankid_logins;
pub mod case_events;
pub mod case_messages;
pub mod case_notes;
pub mod case_number_counters;
pub mod case_signatures;
pub mod cases;
pub mod dev_outbox;
pub mod e_service_versions;
pub mod idempotency_keys;
pub mod message_attachments;
pub mod notification_templates;
pub mod notifications;
pub mod profiles;
pub mod sessions;
pub mod staff;
pub mod staff_groups;
pub mod staff_sessions;
pub mod users;
