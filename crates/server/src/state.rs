//! Shared state handed to handlers through `web::Data`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use api_types::SiteInfo;
use sea_orm::DatabaseConnection;

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
}

impl AppState {
    /// Whether the node still takes new work.
    pub fn is_accepting(&self) -> bool {
        self.accepting.load(Ordering::SeqCst)
    }
}
