//! The Mina sidor server: REST API (`/api/v1`), OpenAPI document and reference, the SPA, health
//! probes and, in development, the BankID simulator.

pub mod audit;
pub mod auth;
pub mod bench;
pub mod cases;
pub mod clock;
pub mod config;
pub mod db;
pub mod dev_simulator;
pub mod entities;
pub mod error;
pub mod eservices;
pub mod jobs;
pub mod notify;
pub mod openapi;
pub mod paging;
pub mod profiles;
pub mod rate_limit;
pub mod request_id;
pub mod routes;
pub mod routing;
pub mod security_headers;
pub mod spa;
pub mod spa_assets;
pub mod staff;
pub mod startup;
pub mod state;
pub mod storage;
pub mod sweeper;
pub mod telemetry;
