//! `APP__RATE_LIMIT__*`: where the counters live and how large each budget is.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Budget;

/// Where the counters live.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateLimitStore {
    /// `database` on PostgreSQL (several nodes share one budget), `memory` on SQLite.
    #[default]
    Auto,
    /// In this process (governor): one node, no database round trip.
    Memory,
    /// In the database (`rate_limit_hits`), shared by every node on it.
    Database,
}

/// One budget's overrides; what is not set keeps the built-in default.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BudgetOverride {
    /// Requests per minute from one client address (IPv6 by /64).
    pub per_ip: Option<u32>,
    /// Requests per minute from one logged-in person.
    pub per_user: Option<u32>,
}

/// `APP__RATE_LIMIT__*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitSettings {
    /// `auto`, `memory` or `database`.
    pub store: RateLimitStore,
    /// Keys one in-memory counter table keeps at most (per budget and scope); when it is full of
    /// keys still counting, new clients are refused (503) rather than let through.
    pub max_keys: usize,
    /// Per budget (`APP__RATE_LIMIT__BUDGETS__<BUDGET>__PER_IP` / `__PER_USER`).
    pub budgets: BTreeMap<String, BudgetOverride>,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            store: RateLimitStore::Auto,
            max_keys: 50_000,
            budgets: BTreeMap::new(),
        }
    }
}

/// A budget's effective limits per minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Per client address.
    pub per_ip: u32,
    /// Per logged-in person.
    pub per_user: u32,
}

impl RateLimitSettings {
    /// The limits of `budget`: the override where set, else the default.
    pub fn limits(&self, budget: Budget) -> Limits {
        let (per_ip, per_user) = budget.defaults();
        let set = self.budgets.get(budget.name()).copied().unwrap_or_default();
        Limits {
            per_ip: set.per_ip.unwrap_or(per_ip),
            per_user: set.per_user.unwrap_or(per_user),
        }
    }

    /// The first setting that cannot be used: an unknown budget or a zero limit.
    pub fn problem(&self) -> Option<(String, String, String)> {
        for (name, set) in &self.budgets {
            if Budget::from_name(name).is_none() {
                let known: Vec<&str> = Budget::ALL.iter().map(|b| b.name()).collect();
                return Some((
                    format!("APP__RATE_LIMIT__BUDGETS__{}", name.to_uppercase()),
                    format!("one of {}", known.join(", ")),
                    name.clone(),
                ));
            }
            for (scope, value) in [("PER_IP", set.per_ip), ("PER_USER", set.per_user)] {
                if value == Some(0) {
                    return Some((
                        format!("APP__RATE_LIMIT__BUDGETS__{}__{scope}", name.to_uppercase()),
                        "at least 1 request per minute".into(),
                        "0".into(),
                    ));
                }
            }
        }
        if self.max_keys < 100 {
            return Some((
                "APP__RATE_LIMIT__MAX_KEYS".into(),
                "at least 100".into(),
                self.max_keys.to_string(),
            ));
        }
        None
    }
}
