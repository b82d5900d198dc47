//! The shared store of the rate limits: one row per (bucket, minute) with its hit count, so that
//! every node behind the load balancer counts against the same budget. The sweeper deletes past
//! minutes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateLimitHits {
    Table,
    Bucket,
    WindowStart,
    Hits,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateLimitHits::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(RateLimitHits::Bucket)
                            .string_len(120)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RateLimitHits::WindowStart)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RateLimitHits::Hits).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(RateLimitHits::Bucket)
                            .col(RateLimitHits::WindowStart),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rate_limit_hits_by_window")
                    .table(RateLimitHits::Table)
                    .col(RateLimitHits::WindowStart)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateLimitHits::Table).to_owned())
            .await
    }
}
