//! The benchmark's seeder: its sessions are real (the tokens open the citizens' overviews with
//! their seeded cases) and a production installation refuses to mint them.

use server::bench::{Plan, SeedError, seed};
use server::config::{Environment, Settings};

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_seeded_tokens_open_the_seeded_overviews_and_production_refuses_to_seed() {
    let app = spawn_app().await;
    let plan = Plan {
        citizens: 600,
        cases_per_citizen: 3,
        sessions: 2,
    };
    let production = Settings::defaults(Environment::Production);
    let refused = seed(
        &app.state.db,
        &production,
        &app.state.token_keys,
        plan,
        app.clock_now(),
    )
    .await;
    assert!(matches!(refused, Err(SeedError::Production)));

    let tokens = seed(
        &app.state.db,
        &app.state.settings,
        &app.state.token_keys,
        plan,
        app.clock_now(),
    )
    .await
    .unwrap();
    assert_eq!(tokens.len(), 2);
    for token in &tokens {
        let response = app.get_with_token("/api/v1/cases", token).await;
        assert_eq!(response.status(), 200);
        let cases: Vec<serde_json::Value> = response.json().await.unwrap();
        assert_eq!(cases.len(), 3);
    }
}
