//! `mina-sidor [serve|migrate|openapi]`: one binary for the server and its chores.

use std::process::ExitCode;

use server::config::Settings;
use server::startup::Application;

const USAGE: &str = "usage: mina-sidor [serve|migrate|openapi|eservice import FILE]

  serve                 start the server (the default)
  migrate               apply pending database migrations and exit
  openapi               print the OpenAPI document (JSON) and exit
  eservice import FILE  validate an e-service definition (JSON) and store it as a new version
  bench-seed CITIZENS CASES_PER_CITIZEN SESSIONS TOKENS_FILE
                        development only: seed the benchmark's data set and write the
                        sessions' bearer tokens to TOKENS_FILE (one per line)
  staff create USERNAME --name NAME --role officer|admin [--group GROUP]...
                        create a staff account; the password is read from the environment
                        variable MINA_SIDOR_STAFF_PASSWORD (at least 12 characters)

Configuration: environment variables APP__SECTION__KEY (see README.md),
APP_ENV=development|production (unset: production), APP_CONFIG_FILE=path/to/config.toml.";

fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    match command.as_str() {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        "openapi" => match server::openapi::document_json() {
            Ok(json) => {
                print!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
        "serve" | "migrate" => run(&command),
        "staff" => {
            let args: Vec<String> = std::env::args().skip(2).collect();
            match staff_create_args(&args) {
                Ok(encoded) => run(&encoded),
                Err(message) => {
                    eprintln!(
                        "{message}\n\nusage: mina-sidor staff create USERNAME --name NAME --role officer|admin [--group GROUP]..."
                    );
                    ExitCode::from(2)
                }
            }
        }
        "bench-seed" => {
            let args: Vec<String> = std::env::args().skip(2).collect();
            match args.as_slice() {
                [citizens, cases, sessions, file]
                    if [citizens, cases, sessions]
                        .iter()
                        .all(|n| n.parse::<usize>().is_ok()) =>
                {
                    run(&format!("bench:{citizens}:{cases}:{sessions}:{file}"))
                }
                _ => {
                    eprintln!(
                        "usage: mina-sidor bench-seed CITIZENS CASES_PER_CITIZEN SESSIONS TOKENS_FILE"
                    );
                    ExitCode::from(2)
                }
            }
        }
        "eservice" => match (std::env::args().nth(2).as_deref(), std::env::args().nth(3)) {
            (Some("import"), Some(file)) => run(&format!("import:{file}")),
            _ => {
                eprintln!("usage: mina-sidor eservice import FILE");
                ExitCode::from(2)
            }
        },
        other => {
            eprintln!("unknown command {other:?}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(command: &str) -> ExitCode {
    // reqwest and the BankID client use rustls without a built-in provider: pick ring once.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    server::telemetry::init(&settings);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        if let Some(file) = command.strip_prefix("import:") {
            let json = std::fs::read_to_string(file)
                .map_err(|error| format!("cannot read {file}: {error}"))?;
            let db = server::db::connect(&settings.database).await?;
            server::db::migrate(&db, &settings.database).await?;
            return match server::eservices::import(&db, &json, chrono::Utc::now()).await {
                Ok(imported) => {
                    println!(
                        "imported {} version {} ({})",
                        imported.slug,
                        imported.version,
                        if imported.published {
                            "published"
                        } else {
                            "not published"
                        }
                    );
                    Ok(())
                }
                Err(server::error::ApiError::Validation(errors)) => {
                    for error in &errors {
                        eprintln!("{}: {} ({})", error.field, error.message, error.code);
                    }
                    Err(format!("{file}: {} error(s); nothing was imported", errors.len()).into())
                }
                Err(error) => Err(error.problem().detail.into()),
            };
        }
        if let Some(spec) = command.strip_prefix("bench:") {
            let mut parts = spec.splitn(4, ':');
            let mut number = || {
                parts
                    .next()
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or_default()
            };
            let plan = server::bench::Plan {
                citizens: number(),
                cases_per_citizen: number(),
                sessions: number(),
            };
            let file = parts.next().unwrap_or("tokens.txt").to_owned();
            let secret = settings.auth.jwt_secret.clone().ok_or(
                "set APP__AUTH__JWT_SECRET: the server that is measured must accept the tokens",
            )?;
            let keys = server::auth::tokens::TokenKeys::from_secret(secret.as_bytes());
            let db = server::db::connect(&settings.database).await?;
            server::db::migrate(&db, &settings.database).await?;
            server::eservices::load_demo(&db, chrono::Utc::now())
                .await
                .map_err(|error| error.problem().detail)?;
            let started = std::time::Instant::now();
            let tokens =
                server::bench::seed(&db, &settings, &keys, plan, chrono::Utc::now()).await?;
            std::fs::write(&file, tokens.join("\n") + "\n")?;
            println!(
                "seeded {} citizens with {} cases each in {:.1} s; {} tokens in {file}",
                plan.citizens,
                plan.cases_per_citizen,
                started.elapsed().as_secs_f64(),
                tokens.len()
            );
            return Ok(());
        }
        if let Some(encoded) = command.strip_prefix("staff:") {
            let request: StaffCreate = serde_json::from_str(encoded)?;
            let password = std::env::var("MINA_SIDOR_STAFF_PASSWORD")
                .map_err(|_| "set MINA_SIDOR_STAFF_PASSWORD to the new account's password")?;
            let db = server::db::connect(&settings.database).await?;
            server::db::migrate(&db, &settings.database).await?;
            let member = server::staff::create(
                &db,
                server::staff::NewStaff {
                    username: &request.username,
                    display_name: &request.name,
                    role: request.role,
                    groups: &request.groups,
                    password: Some(&password),
                },
                chrono::Utc::now(),
            )
            .await?;
            println!(
                "created {} {} ({}) in groups [{}]",
                member.role.as_str(),
                member.account.username,
                member.account.display_name,
                request.groups.join(", ")
            );
            return Ok(());
        }
        if command == "migrate" {
            let db = server::db::connect(&settings.database).await?;
            server::db::migrate(&db, &settings.database).await?;
            tracing::info!("migrations applied");
            return Ok(());
        }
        // actix-web runs its workers on its own system; the listener is set up on this runtime.
        serve(settings).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %server::error::cause_chain(error.as_ref()), "stopped");
            eprintln!("error: {}", server::error::cause_chain(error.as_ref()));
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let application = Application::build(settings.clone()).await?;
    let url = format!("http://{}:{}", settings.server.host, application.port());
    println!();
    println!("  Mina sidor is running at {url}/");
    println!("  API reference: {url}/api/docs/   OpenAPI: {url}/api/openapi.json");
    println!("  Health: {url}/livez  {url}/readyz");
    if settings.bankid_simulator_enabled() {
        println!("  BankID simulator (development only): log in at {url}/logga-in and approve the");
        println!("  order in the simulator's test app, which stands in for the phone:");
        println!("      {url}/bankid-sim/app");
        println!("  Demo logins (test persons to pick in the test app):");
        for (given_name, surname, personal_number) in server::dev_simulator::test_persons() {
            println!("      {given_name} {surname} ({personal_number})");
        }
    }
    if settings.demo_data_enabled() {
        println!(
            "  Demo staff: log in at {url}/handlaggare/logga-in with password {}:",
            server::staff::demo::DEMO_PASSWORD
        );
        for demo in &server::staff::demo::DEMO_STAFF {
            println!(
                "      {:<13} {} ({}{})",
                demo.username,
                demo.display_name,
                demo.role.as_str(),
                if demo.groups.is_empty() {
                    String::new()
                } else {
                    format!(": {}", demo.groups.join(", "))
                }
            );
        }
    }
    println!();
    application.run_until_stopped().await?;
    Ok(())
}

/// `staff create` arguments, carried to [`run`] as JSON.
#[derive(serde::Serialize, serde::Deserialize)]
struct StaffCreate {
    username: String,
    name: String,
    role: api_types::StaffRole,
    groups: Vec<String>,
}

fn staff_create_args(args: &[String]) -> Result<String, String> {
    let mut args = args.iter();
    if args.next().map(String::as_str) != Some("create") {
        return Err("unknown staff command".into());
    }
    let username = args.next().ok_or("USERNAME is missing")?.clone();
    let (mut name, mut role, mut groups) = (None, None, Vec::new());
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--name" => name = Some(value.clone()),
            "--role" => {
                role = Some(
                    api_types::StaffRole::parse(value)
                        .ok_or(format!("--role must be officer or admin, not {value:?}"))?,
                );
            }
            "--group" => groups.push(value.clone()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let request = StaffCreate {
        username,
        name: name.ok_or("--name is missing")?,
        role: role.ok_or("--role is missing")?,
        groups,
    };
    serde_json::to_string(&request)
        .map(|json| format!("staff:{json}"))
        .map_err(|error| error.to_string())
}
