//! Connecting to the database and applying migrations.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use crate::config::DatabaseSettings;

/// Why the database could not be used. The URL in the message never has a password.
#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    /// No connection within the acquire timeout, or the URL is wrong.
    #[error("cannot connect to the database at {url}: {source}")]
    Connect {
        /// The redacted URL.
        url: String,
        /// The driver's error.
        #[source]
        source: DbErr,
    },
    /// A migration failed.
    #[error("migrating the database at {url} failed: {source}")]
    Migrate {
        /// The redacted URL.
        url: String,
        /// The driver's error.
        #[source]
        source: DbErr,
    },
    /// The database was migrated by a newer release than this one.
    #[error(
        "the database at {url} has migrations this release does not know ({unknown}): it was \
         migrated by a newer release of mina-sidor; run that release (or restore a backup from \
         before it), never an older one against it"
    )]
    SchemaNewer {
        /// The redacted URL.
        url: String,
        /// The unknown migrations' names.
        unknown: String,
    },
}

/// The advisory lock migrations hold on PostgreSQL: (the database's name, 1), so installations
/// sharing a PostgreSQL server do not wait for each other.
const MIGRATION_LOCK: &str = "hashtext(current_database()), 1";

/// Opens the pool. A SQLite file's folder is created so that the embedded default needs no
/// preparation.
pub async fn connect(settings: &DatabaseSettings) -> Result<DatabaseConnection, DbSetupError> {
    let url = settings.redacted_url();
    if let Some(path) = sqlite_file(&settings.url)
        && let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|error| DbSetupError::Connect {
            url: url.clone(),
            source: DbErr::Custom(format!("cannot create {}: {error}", parent.display())),
        })?;
    }
    let mut options = ConnectOptions::new(settings.url.clone());
    let sqlite = sqlite_file(&settings.url).is_some() || settings.url.starts_with("sqlite:");
    // SQLite has one writer. A transaction that reads and then writes cannot wait for another
    // writer (SQLite answers SQLITE_BUSY at once to avoid a deadlock), so the pool holds one
    // connection and transactions queue for it; WAL lets the database file be read by tools
    // and backups while it is written, and busy_timeout covers other processes.
    let max_connections = if sqlite { 1 } else { settings.max_connections };
    options.map_sqlx_sqlite_opts(|opts| {
        opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5))
    });
    options
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(settings.acquire_timeout_seconds))
        .connect_timeout(Duration::from_secs(settings.acquire_timeout_seconds))
        .sqlx_logging(false);
    Database::connect(options)
        .await
        .map_err(|source| DbSetupError::Connect { url, source })
}

/// Applies every pending migration, all in one transaction that holds the migration lock: on
/// PostgreSQL an advisory lock, on SQLite the write lock (`BEGIN IMMEDIATE`). Nodes started at
/// once wait for each other; the second finds nothing pending. A failed migration leaves the
/// schema as it was.
pub async fn migrate(
    db: &DatabaseConnection,
    settings: &DatabaseSettings,
) -> Result<(), DbSetupError> {
    check_schema(db, settings).await?;
    let failed = |source| DbSetupError::Migrate {
        url: settings.redacted_url(),
        source,
    };
    let transaction = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await
        .map_err(failed)?;
    if db.get_database_backend() == DbBackend::Postgres {
        transaction
            .execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            .await
            .map_err(failed)?;
    }
    Migrator::up(&transaction, None).await.map_err(failed)?;
    transaction.commit().await.map_err(failed)
}

/// The versions recorded in `seaql_migrations`; `None` before the first migration.
async fn applied_versions(db: &DatabaseConnection) -> Result<Option<Vec<String>>, DbErr> {
    let manager = migration::SchemaManager::new(db);
    if !manager.has_table("seaql_migrations").await? {
        return Ok(None);
    }
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM seaql_migrations",
        ))
        .await?;
    rows.iter()
        .map(|row| row.try_get::<String>("", "version"))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn known_versions() -> Vec<String> {
    Migrator::migrations()
        .iter()
        .map(|migration| migration.name().to_owned())
        .collect()
}

/// Refuses a database migrated by a newer release (migrations this build does not know): its
/// code would misread the schema. A database without migrations passes (`/readyz` reports
/// them pending).
pub async fn check_schema(
    db: &DatabaseConnection,
    settings: &DatabaseSettings,
) -> Result<(), DbSetupError> {
    let applied = applied_versions(db)
        .await
        .map_err(|source| DbSetupError::Migrate {
            url: settings.redacted_url(),
            source,
        })?
        .unwrap_or_default();
    let known = known_versions();
    let unknown: Vec<String> = applied
        .into_iter()
        .filter(|version| !known.contains(version))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(DbSetupError::SchemaNewer {
            url: settings.redacted_url(),
            unknown: unknown.join(", "),
        })
    }
}

/// Whether every migration this build knows is applied. Migrations of a newer release may be
/// there too: during a rolling upgrade `mina-sidor migrate` runs first (migrations only add),
/// and the nodes of the old release keep serving until they are replaced; only a node that
/// starts against such a schema refuses ([`check_schema`]).
pub async fn migrations_applied(db: &DatabaseConnection) -> Result<bool, DbErr> {
    let applied = applied_versions(db).await?.unwrap_or_default();
    Ok(known_versions()
        .iter()
        .all(|version| applied.contains(version)))
}

/// The file path of a `sqlite://path?…` URL, unless it is in-memory.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}
