//! Indexes the hot paths and the sweeps lacked: a case's files and signings, the draft expiry
//! sweep (drafts by expiry, never the submitted cases), and the periods the sweeper deletes by.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(index name, table, columns)`.
const INDEXES: [(&str, &str, &[&str]); 6] = [
    ("attachments_by_case", "attachments", &["case_id"]),
    ("case_signatures_by_case", "case_signatures", &["case_id"]),
    ("cases_by_status_expiry", "cases", &["status", "expires_at"]),
    ("sessions_by_expiry", "sessions", &["expires_at"]),
    ("bankid_logins_by_start", "bankid_logins", &["started_at"]),
    (
        "idempotency_keys_by_age",
        "idempotency_keys",
        &["created_at"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table)).if_not_exists();
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
