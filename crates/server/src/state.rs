//! Shared state handed to handlers through `web::Data`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use api_types::SiteInfo;
use sea_orm::DatabaseConnection;

use crate::auth::tokens::TokenKeys;
use crate::clock::Clock;
use crate::config::Settings;

/// What every handler may need.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The connection pool.
    pub db: DatabaseConnection,
    /// The loaded settings.
    pub settings: Arc<Settings>,
    /// False once shutdown has begun, so that `/readyz` fails before connections are refused.
    pub accepting: Arc<AtomicBool>,
    /// Public facts for the SPA, built once from the settings.
    pub site_info: Arc<SiteInfo>,
    /// The time source (a manual clock in tests).
    pub clock: Arc<dyn Clock>,
    /// Session token keys.
    pub token_keys: Arc<TokenKeys>,
    /// The BankID RP API client (the simulator in development).
    pub bankid: bankid::BankIdClient,
    /// Where attachment contents are stored.
    pub blobs: Arc<dyn crate::storage::BlobStore>,
    /// The rate limits' counters (`crate::rate_limit`).
    pub rate_limits: Arc<crate::rate_limit::RateLimits>,
    /// How notices are delivered.
    pub notifier: Arc<crate::notify::worker::Notifier>,
    /// Statements sent to the database since start-up.
    pub statements: Arc<std::sync::atomic::AtomicU64>,
    /// Uploads received at once (`APP__STORAGE__CONCURRENT_UPLOADS`).
    pub upload_slots: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// The base of every link this server gives out (notices, BankID's `returnUrl`):
    /// `APP__SERVER__PUBLIC_URL`, in development else this server's own address; never a
    /// request's `Host` header.
    pub fn public_url(&self) -> &str {
        self.notifier.public_url.trim_end_matches('/')
    }

    /// Whether the node still takes new work.
    pub fn is_accepting(&self) -> bool {
        self.accepting.load(Ordering::SeqCst)
    }
}
