//! Pending BankID logins. Kept in the database (not in a node's memory) so that any node behind
//! the load balancer can answer the next poll; the QR secret never leaves the server.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BankidLogins {
    Table,
    Id,
    OrderRef,
    QrStartToken,
    QrStartSecret,
    BrowserBinding,
    ReturnNonce,
    Device,
    TokenDelivery,
    Status,
    StartedAt,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BankidLogins::Table)
                    .col(
                        ColumnDef::new(BankidLogins::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(BankidLogins::OrderRef)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(BankidLogins::QrStartToken)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(BankidLogins::QrStartSecret)
                            .string_len(100)
                            .not_null(),
                    )
                    // SHA-256 of the random value in the browser's login cookie.
                    .col(ColumnDef::new(BankidLogins::BrowserBinding).string_len(64))
                    .col(
                        ColumnDef::new(BankidLogins::ReturnNonce)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(BankidLogins::Device)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(BankidLogins::TokenDelivery)
                            .string_len(10)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(BankidLogins::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(BankidLogins::StartedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(BankidLogins::FinishedAt).timestamp_with_time_zone())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BankidLogins::Table).to_owned())
            .await
    }
}
