//! The open-drafts quota counts a citizen's drafts at every new draft: by owner and status.
//! Without this index SQLite answered it from `cases_by_status_expiry`, reading every draft of
//! every citizen (found by `just bench` at 1 000 000 cases).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("cases_by_owner_status")
                    .table(Alias::new("cases"))
                    .col(Alias::new("owner_id"))
                    .col(Alias::new("status"))
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("cases_by_owner_status")
                    .table(Alias::new("cases"))
                    .to_owned(),
            )
            .await
    }
}
