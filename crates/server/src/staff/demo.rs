//! Demo staff for `just run` (development with demo data only): two officers and an
//! administrator with known passwords, printed at start-up.

use api_types::StaffRole;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::{NewStaff, StaffError};

/// A demo account: user name, name, role, groups.
#[derive(Debug)]
pub struct DemoStaff {
    /// Login name.
    pub username: &'static str,
    /// Shown name.
    pub display_name: &'static str,
    /// Role.
    pub role: StaffRole,
    /// Officer groups.
    pub groups: &'static [&'static str],
}

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-losenord";

/// The demo accounts.
pub const DEMO_STAFF: [DemoStaff; 3] = [
    DemoStaff {
        username: "handlaggare",
        display_name: "Hanna Handläggare",
        role: StaffRole::Officer,
        groups: &["gata-park", "parkeringstillstand", "grundskola-antagning"],
    },
    DemoStaff {
        username: "gatukontoret",
        display_name: "Olle Gatukontoret",
        role: StaffRole::Officer,
        groups: &["gata-park"],
    },
    DemoStaff {
        username: "admin",
        display_name: "Ada Administratör",
        role: StaffRole::Admin,
        groups: &[],
    },
];

/// Creates the demo accounts that do not exist yet.
pub async fn load(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), StaffError> {
    for demo in &DEMO_STAFF {
        if super::find_by_username(db, demo.username).await?.is_some() {
            continue;
        }
        let groups: Vec<String> = demo.groups.iter().map(|g| (*g).to_owned()).collect();
        super::create(
            db,
            NewStaff {
                username: demo.username,
                display_name: demo.display_name,
                role: demo.role,
                groups: &groups,
                password: Some(DEMO_PASSWORD),
            },
            now,
        )
        .await?;
    }
    Ok(())
}
