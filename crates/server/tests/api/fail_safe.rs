//! The binary is safe without any setting: started with nothing at all (no `APP_ENV`) on
//! 0.0.0.0 it is a production start and refuses with a clear message instead of running the
//! BankID simulator; asked for development on a non-loopback address it refuses too.

use std::process::Command;

fn start(envs: &[(&str, &str)]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_mina-sidor"));
    command.arg("serve").env_clear().current_dir(dir.path());
    if let Ok(path) = std::env::var("PATH") {
        command.env("PATH", path);
    }
    for (key, value) in envs {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn no_settings_on_any_address_refuses_to_start_instead_of_running_dev_features() {
    let (code, stderr) = start(&[("APP__SERVER__HOST", "0.0.0.0"), ("APP__SERVER__PORT", "0")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("refusing to start in production"),
        "{stderr}"
    );
    assert!(stderr.contains("APP_ENV=development"), "{stderr}");
    assert!(!stderr.contains("simulator is listening"), "{stderr}");
}

#[test]
fn development_on_a_public_address_refuses_and_says_why() {
    let (code, stderr) = start(&[
        ("APP_ENV", "development"),
        ("APP__SERVER__HOST", "0.0.0.0"),
        ("APP__SERVER__PORT", "0"),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("APP__SERVER__HOST"), "{stderr}");
    assert!(stderr.contains("loopback"), "{stderr}");
}

#[test]
fn a_rate_limit_budget_set_to_zero_in_the_environment_refuses_to_start() {
    let (code, stderr) = start(&[
        ("APP_ENV", "development"),
        ("APP__SERVER__PORT", "0"),
        ("APP__RATE_LIMIT__BUDGETS__DRAFT_CREATE__PER_USER", "0"),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("APP__RATE_LIMIT__BUDGETS__DRAFT_CREATE__PER_USER"),
        "{stderr}"
    );
}
