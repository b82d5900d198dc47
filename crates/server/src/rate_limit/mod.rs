//! One rate limit for every costly route: a middleware that finds the route's budget, counts the
//! request against the client's address (IPv6 by /64) and, when a session token is sent, against
//! the person, and answers 429 with `Retry-After` when either is spent. The counters live in
//! this process (governor, one node) or in the database (several nodes share one budget); when
//! they cannot be read, or the in-memory table is full, the request is refused (503), never let
//! through.

pub mod config;
mod memory;
mod shared;

use std::net::{IpAddr, Ipv6Addr};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, web};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DbBackend};
use uuid::Uuid;

pub use config::{Limits, RateLimitSettings, RateLimitStore};

use crate::auth::tokens::{TokenKeys, TokenKind};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

macro_rules! budgets {
    ($($(#[$doc:meta])* $variant:ident => $name:literal, ip $ip:literal, user $user:literal;)*) => {
        /// A route's budget: what it costs us and how often one client may ask for it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Budget {
            $($(#[$doc])* $variant,)*
        }

        impl Budget {
            /// Every budget.
            pub const ALL: &'static [Budget] = &[$(Self::$variant,)*];

            /// The name in settings, logs and the shared store.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }

            /// The built-in limits per minute: (per client address, per person).
            pub const fn defaults(self) -> (u32, u32) {
                match self {
                    $(Self::$variant => ($ip, $user),)*
                }
            }
        }
    };
}

budgets! {
    /// Starting a BankID login or signing order (a call to BankID).
    BankidStart => "bankid_start", ip 10, user 10;
    /// Polling or cancelling an order (every two seconds while the app is open).
    BankidPoll => "bankid_poll", ip 300, user 120;
    /// The animated QR code (every second while it shows).
    BankidQr => "bankid_qr", ip 600, user 120;
    /// Staff password and OpenID Connect logins.
    StaffLogin => "staff_login", ip 10, user 10;
    /// Creating a draft.
    DraftCreate => "draft_create", ip 60, user 20;
    /// Uploading a file (to a draft or a message).
    Upload => "upload", ip 120, user 60;
    /// Downloading a file.
    Download => "download", ip 600, user 300;
    /// Changing the profile or asking for a test notice.
    ProfileWrite => "profile_write", ip 60, user 20;
    /// Sending a message on a case.
    Message => "message", ip 120, user 30;
    /// Asking another person to co-sign (sends them an e-mail or SMS): for the co-signing
    /// routes, which count against it when they are added to [`ROUTES`].
    CosignInvite => "cosign_invite", ip 30, user 10;
    /// Delivery reports from the SMS gateway (signed per notice).
    Webhook => "webhook", ip 6000, user 6000;
    /// Every other change (save, submit, officer actions, sessions).
    Write => "write", ip 1200, user 300;
}

impl Budget {
    /// The budget named `name` in settings.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|budget| budget.name() == name)
    }
}

/// The routes with their own budget: (method, route pattern). Every other change under
/// `/api/` counts against [`Budget::Write`]; reads not listed here are not limited.
pub const ROUTES: &[(&str, &str, Budget)] = &[
    ("POST", "/api/v1/auth/bankid", Budget::BankidStart),
    ("POST", "/api/v1/drafts/{case_id}/sign", Budget::BankidStart),
    (
        "POST",
        "/api/v1/auth/bankid/{login_id}/collect",
        Budget::BankidPoll,
    ),
    (
        "POST",
        "/api/v1/auth/bankid/{login_id}/cancel",
        Budget::BankidPoll,
    ),
    (
        "POST",
        "/api/v1/signings/{signing_id}/collect",
        Budget::BankidPoll,
    ),
    (
        "POST",
        "/api/v1/signings/{signing_id}/cancel",
        Budget::BankidPoll,
    ),
    ("GET", "/api/v1/auth/bankid/{login_id}/qr", Budget::BankidQr),
    (
        "GET",
        "/api/v1/auth/bankid/{login_id}/qr.svg",
        Budget::BankidQr,
    ),
    ("GET", "/api/v1/signings/{signing_id}/qr", Budget::BankidQr),
    (
        "GET",
        "/api/v1/signings/{signing_id}/qr.svg",
        Budget::BankidQr,
    ),
    ("POST", "/api/v1/staff/login", Budget::StaffLogin),
    ("GET", "/api/v1/staff/oidc/login", Budget::StaffLogin),
    ("GET", "/api/v1/staff/oidc/callback", Budget::StaffLogin),
    ("POST", "/api/v1/drafts", Budget::DraftCreate),
    (
        "POST",
        "/api/v1/drafts/{case_id}/attachments",
        Budget::Upload,
    ),
    (
        "POST",
        "/api/v1/cases/{case_id}/message-attachments",
        Budget::Upload,
    ),
    (
        "POST",
        "/api/v1/officer/cases/{case_id}/message-attachments",
        Budget::Upload,
    ),
    (
        "GET",
        "/api/v1/attachments/{attachment_id}",
        Budget::Download,
    ),
    (
        "GET",
        "/api/v1/cases/{case_id}/message-attachments/{attachment_id}",
        Budget::Download,
    ),
    (
        "GET",
        "/api/v1/officer/cases/{case_id}/attachments/{attachment_id}",
        Budget::Download,
    ),
    (
        "GET",
        "/api/v1/officer/cases/{case_id}/message-attachments/{attachment_id}",
        Budget::Download,
    ),
    ("PUT", "/api/v1/profile", Budget::ProfileWrite),
    ("POST", "/api/v1/profile/test-notice", Budget::ProfileWrite),
    ("POST", "/api/v1/cases/{case_id}/messages", Budget::Message),
    (
        "POST",
        "/api/v1/officer/cases/{case_id}/messages",
        Budget::Message,
    ),
    (
        "POST",
        "/api/v1/notifications/{notification_id}/delivery-report",
        Budget::Webhook,
    ),
];

/// The budget of a request for `pattern` (the route's pattern, `{…}` for parameters).
pub fn budget_of(method: &Method, pattern: &str) -> Option<Budget> {
    let method = if *method == Method::HEAD {
        "GET"
    } else {
        method.as_str()
    };
    if let Some((_, _, budget)) = ROUTES
        .iter()
        .find(|(m, p, _)| *m == method && *p == pattern)
    {
        return Some(*budget);
    }
    let change = !matches!(method, "GET" | "OPTIONS");
    (change && pattern.starts_with("/api/")).then_some(Budget::Write)
}

/// Who a request is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A client address: IPv4 as is, IPv6 as its /64 (one customer's network).
    Ip(IpAddr),
    /// A logged-in person (a citizen's or a staff member's user id).
    User(Uuid),
}

impl Key {
    /// The address key of `ip`: an IPv4-mapped IPv6 address counts as the IPv4 address.
    pub fn ip(ip: IpAddr) -> Self {
        match ip.to_canonical() {
            IpAddr::V4(v4) => Self::Ip(IpAddr::V4(v4)),
            IpAddr::V6(v6) => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                Self::Ip(IpAddr::V6(Ipv6Addr::from(prefix)))
            }
        }
    }

    fn bucket(self, budget: Budget) -> String {
        match self {
            Self::Ip(IpAddr::V6(v6)) => format!("{}:ip:{v6}/64", budget.name()),
            Self::Ip(ip) => format!("{}:ip:{ip}", budget.name()),
            Self::User(user) => format!("{}:user:{user}", budget.name()),
        }
    }
}

/// Why a request was not let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The budget is spent; a new attempt is allowed after this many seconds.
    Limited(u64),
    /// The counters cannot be read or hold no more keys: refused, never let through.
    Unavailable,
}

/// The counters of every budget.
#[derive(Debug)]
pub enum RateLimits {
    /// In this process.
    Memory(memory::MemoryLimits),
    /// In the database, shared by every node.
    Database(shared::SharedLimits),
}

impl RateLimits {
    /// The counters the settings ask for (`auto`: the database on PostgreSQL).
    pub fn from_settings(settings: &RateLimitSettings, db: &DatabaseConnection) -> Self {
        let database = match settings.store {
            RateLimitStore::Memory => false,
            RateLimitStore::Database => true,
            RateLimitStore::Auto => db.get_database_backend() == DbBackend::Postgres,
        };
        if database {
            Self::Database(shared::SharedLimits::new(settings))
        } else {
            Self::Memory(memory::MemoryLimits::new(settings))
        }
    }

    /// Where the counters live: `memory` or `database`.
    pub fn store_name(&self) -> &'static str {
        match self {
            Self::Memory(_) => "memory",
            Self::Database(_) => "database",
        }
    }

    /// Counts one request against every key; refused when any key's budget is spent.
    pub async fn check(
        &self,
        db: &DatabaseConnection,
        budget: Budget,
        keys: &[Key],
        now: DateTime<Utc>,
    ) -> Result<(), Refusal> {
        match self {
            Self::Memory(limits) => limits.check(budget, keys),
            Self::Database(limits) => limits.check(db, budget, keys, now).await,
        }
    }

    /// Forgets counters that no longer limit anyone (memory) or past minutes (database).
    pub async fn sweep(&self, db: &DatabaseConnection, now: DateTime<Utc>) -> u64 {
        match self {
            Self::Memory(limits) => {
                limits.retain_recent();
                0
            }
            Self::Database(_) => shared::sweep(db, now).await.unwrap_or_else(|error| {
                tracing::warn!(%error, "rate limit counters not swept");
                0
            }),
        }
    }
}

/// The person a request's session token names, if it carries a valid one. Checked by signature
/// only (no database): whether the session still lives is the route's own business.
fn user_of(request: &HttpRequest, keys: &TokenKeys, now: DateTime<Utc>) -> Option<Uuid> {
    let bearer = request
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    let cookies = [
        crate::auth::SESSION_COOKIE,
        crate::staff::extractor::STAFF_COOKIE,
    ];
    let mut tokens: Vec<String> = bearer.map(str::to_owned).into_iter().collect();
    tokens.extend(
        cookies
            .iter()
            .filter_map(|name| request.cookie(name).map(|c| c.value().to_owned())),
    );
    tokens.iter().find_map(|token| {
        [TokenKind::Citizen, TokenKind::Staff]
            .into_iter()
            .find_map(|kind| keys.verify_for(kind, token, now).ok())
            .map(|claims| claims.sub)
    })
}

/// The middleware: counts every request of a route with a budget, before the handler runs.
pub async fn middleware(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let budget = request
        .match_pattern()
        .and_then(|pattern| budget_of(request.method(), &pattern));
    let (Some(budget), Some(state)) = (budget, request.app_data::<web::Data<AppState>>().cloned())
    else {
        return Ok(next.call(request).await?.map_into_boxed_body());
    };
    let now = state.clock.now();
    let ip = crate::auth::client_ip::client_ip(
        request.request(),
        &state.settings.server.trusted_proxies,
    );
    let mut keys = Vec::with_capacity(2);
    if let Some(user) = user_of(request.request(), &state.token_keys, now) {
        keys.push(Key::User(user));
    }
    let outcome = match ip {
        Some(ip) => {
            keys.push(Key::ip(ip));
            state.rate_limits.check(&state.db, budget, &keys, now).await
        }
        None => Err(Refusal::Unavailable),
    };
    let error = match outcome {
        Ok(()) => return Ok(next.call(request).await?.map_into_boxed_body()),
        Err(Refusal::Limited(retry_after_seconds)) => {
            tracing::info!(budget = budget.name(), retry_after_seconds, "rate limited");
            ApiError::TooManyRequests {
                retry_after_seconds,
            }
        }
        Err(Refusal::Unavailable) => {
            tracing::warn!(budget = budget.name(), "rate limit counters unavailable");
            ApiError::Unavailable {
                code: ErrorCode::RateLimitUnavailable,
                detail: "The request could not be counted against its rate limit; try again \
                         shortly."
                    .into(),
            }
        }
    };
    let (http_request, _) = request.into_parts();
    Ok(ServiceResponse::new(
        http_request,
        actix_web::ResponseError::error_response(&error),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_and_a_mapped_ipv4_as_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:ffff:ffff:ffff".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(Key::ip(a), Key::ip(b));
        assert_ne!(Key::ip(a), Key::ip(other));
        assert_eq!(
            Key::ip(a).bucket(Budget::Upload),
            "upload:ip:2001:db8:1:2::/64"
        );
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(Key::ip(mapped), Key::Ip("192.0.2.7".parse().unwrap()));
    }

    #[test]
    fn listed_routes_have_their_budget_other_changes_count_as_writes_and_reads_are_free() {
        assert_eq!(
            budget_of(&Method::POST, "/api/v1/drafts"),
            Some(Budget::DraftCreate)
        );
        assert_eq!(
            budget_of(&Method::HEAD, "/api/v1/auth/bankid/{login_id}/qr"),
            Some(Budget::BankidQr)
        );
        assert_eq!(
            budget_of(&Method::PUT, "/api/v1/drafts/{case_id}"),
            Some(Budget::Write)
        );
        assert_eq!(budget_of(&Method::GET, "/api/v1/cases"), None);
        assert_eq!(budget_of(&Method::POST, "/bankid-sim/app"), None);
    }

    #[test]
    fn every_read_that_sends_a_file_or_a_qr_code_has_a_budget() {
        let document = crate::openapi::document();
        for (path, item) in &document.paths.paths {
            let costly = path.contains("attachments/") || path.contains("/qr");
            if item.get.is_some() && costly {
                assert!(
                    budget_of(&Method::GET, path).is_some(),
                    "GET {path} has no budget"
                );
            }
        }
    }

    #[test]
    fn every_listed_route_exists_so_no_typo_switches_a_limit_off() {
        let document = crate::openapi::document();
        for (method, pattern, _) in ROUTES {
            let item = document.paths.paths.get(*pattern);
            let present = item.is_some_and(|item| match *method {
                "GET" => item.get.is_some(),
                "POST" => item.post.is_some(),
                "PUT" => item.put.is_some(),
                "DELETE" => item.delete.is_some(),
                _ => false,
            });
            assert!(present, "{method} {pattern} is not a route");
        }
    }
}
