//! Integration tests: the real server on port 0 with a fresh database per test. SQLite by
//! default; PostgreSQL when `TEST_DATABASE_URL=postgres://…` names a server (each test then
//! creates its own database on it).

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod helpers;

mod access_matrix;
mod bench_seed;
mod case_history;
mod case_races;
mod cases;
mod downloads;
mod draft_resume;
mod fail_safe;
mod health;
mod http_semantics;
mod index_plan;
mod login;
mod migrations;
mod mina_sidor;
mod notify;
mod notify_faults;
mod notify_tools;
mod object_storage;
mod officer;
mod oidc;
mod openapi;
mod profile;
mod query_counts;
mod queue_plan;
mod quotas;
mod rate_limits;
mod return_url;
mod security;
mod session;
mod several_nodes;
mod signing;
mod site;
mod spa_assets;
mod sweeper;
mod upload_memory;
