//! `bankid-simulator`: the BankID simulator over plain HTTP for other projects' tests.
//!
//! Mounted at the root: the base URL is `http://HOST:PORT/rp/v6.0/`, the test app is at
//! `/app` and the control API at `/control/...` (see `bankid::simulator`). Prints one line
//! `bankid-simulator listening on http://HOST:PORT/rp/v6.0/` once it accepts connections
//! (`--port 0` picks a free port: read it from that line).

use std::io::Write as _;
use std::time::Duration;

use actix_web::{App, HttpServer};
use bankid::simulator::{Simulator, SimulatorConfig, configure};

const USAGE: &str = "\
Usage: bankid-simulator [OPTIONS]

Serves the BankID simulator over plain HTTP: base URL http://HOST:PORT/rp/v6.0/,
test app /app, control API /control/.

Options:
  --host HOST               address to listen on (default 127.0.0.1)
  --port PORT               port to listen on; 0 picks a free one (default 8088)
  --step-ms MS              pace of started -> userSign -> complete (default 1000)
  --start-timeout-secs S    startFailed when nobody picks an order up (default 30)
  --lifetime-secs S         expiredTransaction after this (default 180)
  -h, --help                this text";

#[derive(Debug)]
struct Args {
    host: String,
    port: u16,
    config: SimulatorConfig,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        host: "127.0.0.1".to_owned(),
        port: 8088,
        config: SimulatorConfig::default(),
    };
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |value: &str| {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: {value:?} is not a number"))
        };
        match flag.as_str() {
            "--host" => parsed.host = value,
            "--port" => {
                parsed.port = value
                    .parse()
                    .map_err(|_| format!("--port: {value:?} is not a port"))?;
            }
            "--step-ms" => parsed.config.step = Duration::from_millis(number(&value)?),
            "--start-timeout-secs" => {
                parsed.config.start_timeout = Duration::from_secs(number(&value)?);
            }
            "--lifetime-secs" => {
                parsed.config.order_lifetime = Duration::from_secs(number(&value)?);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(Some(parsed))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return Ok(());
        }
        Err(message) => {
            eprintln!("bankid-simulator: {message}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let simulator = Simulator::new(args.config);
    let server = HttpServer::new(move || {
        let simulator = simulator.clone();
        App::new().configure(move |config| configure(config, simulator))
    })
    .workers(2)
    .shutdown_timeout(2)
    .bind((args.host.as_str(), args.port))?;
    for address in server.addrs() {
        println!(
            "bankid-simulator listening on http://{address}/rp/v6.0/ (test app: http://{address}/app)"
        );
    }
    std::io::stdout().flush()?;
    server.run().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        parse_args(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn without_options_it_listens_on_port_8088_of_localhost_with_the_default_pace() {
        let args = parse(&[]).unwrap().unwrap();
        assert_eq!((args.host.as_str(), args.port), ("127.0.0.1", 8088));
        assert_eq!(args.config, SimulatorConfig::default());
    }

    #[test]
    fn options_set_the_port_and_the_timings() {
        let args = parse(&[
            "--port",
            "0",
            "--step-ms",
            "0",
            "--start-timeout-secs",
            "5",
            "--lifetime-secs",
            "60",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(args.port, 0);
        assert_eq!(args.config.step, Duration::ZERO);
        assert_eq!(args.config.start_timeout, Duration::from_secs(5));
        assert_eq!(args.config.order_lifetime, Duration::from_secs(60));
    }

    #[test]
    fn unknown_options_and_missing_values_are_errors_and_help_is_not() {
        assert!(parse(&["--bogus", "1"]).is_err());
        assert!(parse(&["--port"]).is_err());
        assert!(parse(&["--port", "http"]).is_err());
        assert!(parse(&["--help"]).unwrap().is_none());
    }
}
