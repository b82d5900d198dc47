//! Rules of the settings that span sections or depend on the environment.
use std::net::IpAddr;

use super::*;

#[test]
fn production_refuses_the_bankid_simulator() {
    let mut settings = Settings::defaults(Environment::Production);
    settings.server.public_url = Some("https://minasidor.exempelby.se".into());
    settings.auth.jwt_secret = Some("q8Vt3kPz0LmW9xYr2NcB7sDf6GhJ1aEu4".into());
    settings.bankid.pkcs12_path = Some("/etc/mina-sidor/bankid.p12".into());
    settings.dev.bankid_simulator = Some(true);
    let error = settings.check().unwrap_err().to_string();
    assert!(error.contains("APP__DEV__BANKID_SIMULATOR"), "{error}");
}

#[test]
fn production_needs_a_bankid_certificate() {
    let mut settings = Settings::defaults(Environment::Production);
    settings.server.public_url = Some("https://minasidor.exempelby.se".into());
    settings.auth.jwt_secret = Some("q8Vt3kPz0LmW9xYr2NcB7sDf6GhJ1aEu4".into());
    let error = settings.check().unwrap_err().to_string();
    assert!(error.contains("APP__BANKID__PKCS12_PATH"), "{error}");
}

#[test]
fn production_refuses_a_missing_or_weak_jwt_secret() {
    let mut settings = Settings::defaults(Environment::Production);
    settings.server.public_url = Some("https://minasidor.exempelby.se".into());
    settings.bankid.pkcs12_path = Some("/etc/mina-sidor/bankid.p12".into());
    assert!(
        settings
            .check()
            .unwrap_err()
            .to_string()
            .contains("JWT_SECRET")
    );
    settings.auth.jwt_secret = Some("changeme-changeme-changeme-changeme".into());
    assert!(settings.check().unwrap_err().to_string().contains("weak"));
    settings.auth.jwt_secret = Some("q8Vt3kPz0LmW9xYr2NcB7sDf6GhJ1aEu4".into());
    assert!(settings.check().is_ok());
}

#[test]
fn production_needs_a_public_url_and_refuses_the_test_service_unless_told() {
    let mut settings = Settings::defaults(Environment::Production);
    settings.auth.jwt_secret = Some("q8Vt3kPz0LmW9xYr2NcB7sDf6GhJ1aEu4".into());
    settings.bankid.pkcs12_path = Some("/etc/mina-sidor/bankid.p12".into());
    let error = settings.check().unwrap_err().to_string();
    assert!(error.contains("APP__SERVER__PUBLIC_URL"), "{error}");
    settings.server.public_url = Some("https://minasidor.exempelby.se".into());
    assert!(settings.check().is_ok());
    settings.bankid.base_url = Some("https://appapi2.test.bankid.com/rp/v6.0/".into());
    let error = settings.check().unwrap_err().to_string();
    assert!(error.contains("APP__BANKID__ALLOW_TEST_SERVICE"), "{error}");
    settings.bankid.allow_test_service = true;
    assert!(settings.check().is_ok());
}

#[test]
fn dev_features_only_on_a_loopback_address() {
    let mut dev = Settings::defaults(Environment::Development);
    assert!(dev.check().is_ok());
    dev.server.host = IpAddr::from([0, 0, 0, 0]);
    let error = dev.check().unwrap_err().to_string();
    assert!(
        error.contains("APP__SERVER__HOST") && error.contains("loopback"),
        "{error}"
    );
    assert!(error.contains("the dev mailbox"), "{error}");
    assert_eq!(
        error.contains("the BankID simulator"),
        crate::dev_simulator::COMPILED,
        "{error}"
    );
    // With every dev feature switched off, development may listen anywhere.
    dev.dev = DevSettings {
        bankid_simulator: Some(false),
        mailbox: Some(false),
        demo_data: Some(false),
    };
    assert!(dev.check().is_ok());
    dev.server.host = IpAddr::from([0, 0, 0, 0, 0, 0, 0, 1]);
    assert!(dev.check().is_ok());
}

#[test]
fn dev_features_default_on_in_development_and_off_in_production() {
    let dev = Settings::defaults(Environment::Development);
    assert!(dev.mailbox_enabled() && dev.demo_data_enabled());
    // The simulator only where it is compiled in.
    assert_eq!(
        dev.bankid_simulator_enabled(),
        crate::dev_simulator::COMPILED
    );
    let prod = Settings::defaults(Environment::Production);
    assert!(
        !prod.bankid_simulator_enabled() && !prod.mailbox_enabled() && !prod.demo_data_enabled()
    );
}

#[test]
fn asking_a_build_without_the_simulator_for_it_refuses_to_start() {
    let mut dev = Settings::defaults(Environment::Development);
    dev.dev.bankid_simulator = Some(true);
    assert_eq!(dev.check().is_ok(), crate::dev_simulator::COMPILED);
    if !crate::dev_simulator::COMPILED {
        let error = dev.check().unwrap_err().to_string();
        assert!(error.contains("dev-simulator"), "{error}");
    }
}

#[test]
fn a_database_url_of_another_kind_is_named_in_the_error() {
    let mut settings = Settings::defaults(Environment::Development);
    settings.database.url = "mysql://root:hunter2@localhost/db".into();
    let error = settings.check().unwrap_err().to_string();
    assert!(error.contains("APP__DATABASE__URL"), "{error}");
    assert!(!error.contains("hunter2"), "the password leaked: {error}");
}

#[test]
fn redacting_a_url_hides_only_the_password() {
    assert_eq!(
        redact_url("postgres://app:s3cret@db:5432/mina"),
        "postgres://app:***@db:5432/mina"
    );
    assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
}

#[test]
fn a_zero_or_unknown_rate_limit_budget_refuses_to_start() {
    use crate::rate_limit::config::BudgetOverride;
    let mut settings = Settings::defaults(Environment::Development);
    settings.rate_limit.budgets.insert(
        "draft_create".into(),
        BudgetOverride {
            per_ip: Some(0),
            per_user: None,
        },
    );
    let error = settings.check().unwrap_err().to_string();
    assert!(
        error.contains("APP__RATE_LIMIT__BUDGETS__DRAFT_CREATE__PER_IP"),
        "{error}"
    );
    settings.rate_limit.budgets.clear();
    settings
        .rate_limit
        .budgets
        .insert("drafts".into(), BudgetOverride::default());
    let error = settings.check().unwrap_err().to_string();
    assert!(error.contains("one of bankid_start"), "{error}");
    settings.rate_limit.budgets.clear();
    assert!(settings.check().is_ok());
}
