//! The general rate limit: every costly route is counted before its handler runs, per client
//! address (IPv6 by /64) and per person, with 429 and `Retry-After`; the counters can be shared
//! by several nodes through the database, and when they cannot be written the request is
//! refused, never let through.

use std::net::IpAddr;

use reqwest::Method;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::json;
use server::rate_limit::config::BudgetOverride;
use server::rate_limit::{Budget, ROUTES, RateLimitSettings, RateLimitStore};

use crate::cases::{ANNA, BERTIL};
use crate::helpers::{TestApp, TestOptions, budgets_at, problem, spawn_app_with};

const CECILIA: &str = "198112289874";

fn localhost() -> Vec<IpAddr> {
    vec!["127.0.0.1".parse().unwrap()]
}

/// One budget overridden, every other one raised out of the way.
fn only(budget: Budget, per_ip: u32, per_user: u32) -> RateLimitSettings {
    let mut settings = budgets_at(1_000_000);
    settings.budgets.insert(
        budget.name().to_owned(),
        BudgetOverride {
            per_ip: Some(per_ip),
            per_user: Some(per_user),
        },
    );
    settings
}

/// A request from `from` (through the trusted proxy on 127.0.0.1), with `token` if given.
async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    from: &str,
) -> reqwest::Response {
    let mut request = app
        .client
        .request(method.clone(), app.url(path))
        .header("x-forwarded-for", from);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if method != Method::GET {
        request = request.json(&json!({"eservice": "felanmalan-gata-park"}));
    }
    request.send().await.unwrap()
}

async fn create_draft(app: &TestApp, token: Option<&str>, from: &str) -> u16 {
    call(app, Method::POST, "/api/v1/drafts", token, from)
        .await
        .status()
        .as_u16()
}

#[tokio::test]
async fn every_budgeted_route_is_counted_before_its_handler_and_plain_reads_are_not() {
    let app = spawn_app_with(TestOptions {
        rate_limit: Some(budgets_at(1)),
        trusted_proxies: localhost(),
        ..Default::default()
    })
    .await;
    let (_, token) = app.login_citizen(ANNA).await;
    let mut spent = Vec::new();
    let id = uuid::Uuid::new_v4().to_string();
    for (method, pattern, budget) in ROUTES {
        let path = pattern
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    id.as_str()
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        // A new address per budget, so only the route's own budget decides.
        let from = format!(
            "198.51.100.{}",
            1 + Budget::ALL.iter().position(|b| b == budget).unwrap()
        );
        let first = call(&app, method.clone(), &path, Some(&token), &from).await;
        if spent.contains(budget) {
            problem(first, 429, "rate_limited").await;
            continue;
        }
        assert_ne!(first.status(), 429, "{method} {pattern} refused at once");
        let second = call(&app, method.clone(), &path, Some(&token), &from).await;
        assert!(
            second.headers().contains_key("retry-after"),
            "{method} {pattern}"
        );
        problem(second, 429, "rate_limited").await;
        spent.push(*budget);
    }
    // Any other change counts as a write.
    let save = format!("/api/v1/drafts/{id}");
    assert_ne!(
        call(&app, Method::PUT, &save, Some(&token), "192.0.2.50")
            .await
            .status(),
        429
    );
    problem(
        call(&app, Method::DELETE, &save, Some(&token), "192.0.2.51").await,
        429,
        "rate_limited",
    )
    .await;
    // Reads without a budget are not limited.
    for _ in 0..5 {
        let overview = call(
            &app,
            Method::GET,
            "/api/v1/cases",
            Some(&token),
            "192.0.2.60",
        )
        .await;
        assert_eq!(overview.status(), 200);
    }
}

#[tokio::test]
async fn a_person_is_limited_from_every_address_and_an_address_for_everyone_behind_it() {
    let app = spawn_app_with(TestOptions {
        rate_limit: Some(only(Budget::DraftCreate, 4, 2)),
        trusted_proxies: localhost(),
        ..Default::default()
    })
    .await;
    let (_, anna) = app.login_citizen(ANNA).await;
    let (_, bertil) = app.login_citizen(BERTIL).await;
    let (_, cecilia) = app.login_citizen(CECILIA).await;
    let office = "203.0.113.10";
    assert_eq!(create_draft(&app, Some(&anna), office).await, 201);
    assert_eq!(create_draft(&app, Some(&anna), office).await, 201);
    // Anna's own budget is spent, wherever she comes from.
    assert_eq!(create_draft(&app, Some(&anna), "203.0.113.99").await, 429);
    // Bertil in the same office has his own budget, until the office's is spent.
    assert_eq!(create_draft(&app, Some(&bertil), office).await, 201);
    assert_eq!(create_draft(&app, Some(&bertil), office).await, 201);
    let refused = call(&app, Method::POST, "/api/v1/drafts", Some(&cecilia), office).await;
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let body = problem(refused, 429, "rate_limited").await;
    assert!(
        body["detail_sv"]
            .as_str()
            .unwrap()
            .contains("Försök igen om")
    );
    // The refused requests never reached the handler: four drafts, no more.
    let drafts = server::entities::cases::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(drafts, 4);
}

#[tokio::test]
async fn an_ipv6_client_is_counted_by_its_64() {
    let app = spawn_app_with(TestOptions {
        rate_limit: Some(only(Budget::DraftCreate, 2, 1_000)),
        trusted_proxies: localhost(),
        ..Default::default()
    })
    .await;
    assert_eq!(create_draft(&app, None, "2001:db8:1:2::1").await, 401);
    assert_eq!(create_draft(&app, None, "2001:db8:1:2:ffff::2").await, 401);
    // A third address in the same /64 is the same customer's network.
    assert_eq!(create_draft(&app, None, "2001:db8:1:2:abcd::9").await, 429);
    assert_eq!(create_draft(&app, None, "2001:db8:1:3::1").await, 401);
}

fn shared(per_ip: u32) -> RateLimitSettings {
    let mut settings = only(Budget::DraftCreate, per_ip, 1_000);
    settings.store = RateLimitStore::Database;
    settings
}

#[tokio::test]
async fn two_nodes_on_one_database_share_one_budget_and_old_minutes_are_swept() {
    let first = spawn_app_with(TestOptions {
        rate_limit: Some(shared(3)),
        trusted_proxies: localhost(),
        ..Default::default()
    })
    .await;
    let second = spawn_app_with(TestOptions {
        rate_limit: Some(shared(3)),
        trusted_proxies: localhost(),
        database_url: Some(first.state.settings.database.url.clone()),
        ..Default::default()
    })
    .await;
    assert_eq!(first.state.rate_limits.store_name(), "database");
    let client = "198.51.100.20";
    // Both nodes start in the same minute.
    let now = first.clock_now();
    second.clock.set(now);
    assert_eq!(create_draft(&first, None, client).await, 401);
    assert_eq!(create_draft(&second, None, client).await, 401);
    assert_eq!(create_draft(&first, None, client).await, 401);
    assert_eq!(create_draft(&second, None, client).await, 429);
    assert_eq!(create_draft(&first, None, client).await, 429);

    // A minute later the budget is fresh on both.
    let later = now + chrono::Duration::seconds(61);
    first.clock.set(later);
    second.clock.set(later);
    assert_eq!(create_draft(&second, None, client).await, 401);
    let swept = first.state.rate_limits.sweep(&first.state.db, later).await;
    assert_eq!(swept, 1, "the past minute's row is deleted");
    let left = first
        .state
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            first.state.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM rate_limit_hits",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(left, 1, "the current minute's row stays");
}

#[tokio::test]
async fn when_the_shared_counters_cannot_be_written_the_request_is_refused() {
    let app = spawn_app_with(TestOptions {
        rate_limit: Some(shared(100)),
        trusted_proxies: localhost(),
        ..Default::default()
    })
    .await;
    let (_, anna) = app.login_citizen(ANNA).await;
    app.state
        .db
        .execute_unprepared("DROP TABLE rate_limit_hits")
        .await
        .unwrap();
    let refused = call(
        &app,
        Method::POST,
        "/api/v1/drafts",
        Some(&anna),
        "198.51.100.30",
    )
    .await;
    assert!(refused.headers().contains_key("retry-after"));
    problem(refused, 503, "rate_limit_unavailable").await;
    let drafts = server::entities::cases::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(drafts, 0, "nothing was let through");
}

#[tokio::test]
async fn by_default_the_counters_are_shared_on_postgresql_and_in_memory_on_sqlite() {
    let app = spawn_app_with(TestOptions::default()).await;
    let expected = match app.state.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "database",
        _ => "memory",
    };
    assert_eq!(app.state.rate_limits.store_name(), expected);
}
