//! Throughput of the parsers and the transition table, printed as nanoseconds per operation.
//! Plain `std` timing (no harness): run with `just bench`.

use std::hint::black_box;
use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use domain::{Actor, CaseCommand, CaseState, Email, Personnummer, PhoneNumber, decide};

fn measure(name: &str, iterations: u32, mut operation: impl FnMut()) {
    for _ in 0..iterations / 10 {
        operation();
    }
    let started = Instant::now();
    for _ in 0..iterations {
        operation();
    }
    let per_op = started.elapsed().as_nanos() as f64 / f64::from(iterations);
    println!("{name:<40} {per_op:>10.1} ns/op  ({iterations} iterations)");
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    let at = Utc
        .with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
        .single()
        .unwrap_or_default();
    let owner = uuid::Uuid::from_u128(1);
    measure("Personnummer::parse (12 digits)", 1_000_000, || {
        let _ = black_box(Personnummer::parse(black_box("19811218-9876")));
    });
    measure("Personnummer::parse_at (10 digits)", 1_000_000, || {
        let _ = black_box(Personnummer::parse_at(black_box("811218-9876"), today));
    });
    measure("Email::parse", 1_000_000, || {
        let _ = black_box(Email::parse(black_box("anna.andersson@exempelby.se")));
    });
    measure("PhoneNumber::parse", 1_000_000, || {
        let _ = black_box(PhoneNumber::parse(black_box("070-123 45 67")));
    });
    let draft = CaseState::new_draft(owner);
    measure("decide(draft, DeleteDraft)", 1_000_000, || {
        let _ = black_box(decide(
            black_box(&draft),
            CaseCommand::DeleteDraft,
            at,
            Actor::Citizen { id: owner },
        ));
    });
}
