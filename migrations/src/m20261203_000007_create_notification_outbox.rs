//! The notification outbox: one row per notice and channel, written in the transaction of the
//! change that causes it and delivered by the server's worker; the administrators' template
//! texts; the dev mailbox; the draft-expiry warning mark; the citizen's notice language.
//!
//! The `notifications` table of the previous migration held events that were never delivered
//! (no worker existed); it is replaced by the outbox shape.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    Kind,
    CaseId,
    UserId,
    Channel,
    Recipient,
    RecipientHint,
    Language,
    Status,
    Attempts,
    NextAttemptAt,
    LeaseUntil,
    LastError,
    ProviderRef,
    CreatedAt,
    SentAt,
    DeliveredAt,
    FailedAt,
}

#[derive(DeriveIden)]
enum NotificationTemplates {
    Table,
    Kind,
    Language,
    Subject,
    Body,
    Sms,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum DevOutbox {
    Table,
    Id,
    NotificationId,
    Channel,
    Recipient,
    Subject,
    TextBody,
    HtmlBody,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    ExpiryWarnedFor,
}

#[derive(DeriveIden)]
enum Profiles {
    Table,
    Language,
}

fn text(column: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(column).string_len(len).not_null().to_owned()
}

fn optional_at(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn at(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Notifications::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(
                        ColumnDef::new(Notifications::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(text(Notifications::Kind, 50))
                    .col(ColumnDef::new(Notifications::CaseId).uuid().null())
                    .col(ColumnDef::new(Notifications::UserId).uuid().null())
                    .col(text(Notifications::Channel, 10))
                    .col(
                        ColumnDef::new(Notifications::Recipient)
                            .string_len(320)
                            .null(),
                    )
                    .col(text(Notifications::RecipientHint, 320))
                    .col(text(Notifications::Language, 2))
                    .col(text(Notifications::Status, 20))
                    .col(
                        ColumnDef::new(Notifications::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(at(Notifications::NextAttemptAt))
                    .col(optional_at(Notifications::LeaseUntil))
                    .col(
                        ColumnDef::new(Notifications::LastError)
                            .string_len(500)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Notifications::ProviderRef)
                            .string_len(100)
                            .null(),
                    )
                    .col(at(Notifications::CreatedAt))
                    .col(optional_at(Notifications::SentAt))
                    .col(optional_at(Notifications::DeliveredAt))
                    .col(optional_at(Notifications::FailedAt))
                    .to_owned(),
            )
            .await?;
        // The worker's claim: due rows by status and time.
        manager
            .create_index(
                Index::create()
                    .name("notifications_due")
                    .table(Notifications::Table)
                    .col(Notifications::Status)
                    .col(Notifications::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        // A case's notification log.
        manager
            .create_index(
                Index::create()
                    .name("notifications_by_case")
                    .table(Notifications::Table)
                    .col(Notifications::CaseId)
                    .col(Notifications::CreatedAt)
                    .to_owned(),
            )
            .await?;
        // Test-notice budget per citizen.
        manager
            .create_index(
                Index::create()
                    .name("notifications_by_user")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationTemplates::Table)
                    .col(text(NotificationTemplates::Kind, 50))
                    .col(text(NotificationTemplates::Language, 2))
                    .col(text(NotificationTemplates::Subject, 200))
                    .col(
                        ColumnDef::new(NotificationTemplates::Body)
                            .text()
                            .not_null(),
                    )
                    .col(text(NotificationTemplates::Sms, 500))
                    .col(at(NotificationTemplates::UpdatedAt))
                    .col(
                        ColumnDef::new(NotificationTemplates::UpdatedBy)
                            .uuid()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(NotificationTemplates::Kind)
                            .col(NotificationTemplates::Language),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DevOutbox::Table)
                    .col(
                        ColumnDef::new(DevOutbox::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(DevOutbox::NotificationId).uuid().not_null())
                    .col(text(DevOutbox::Channel, 10))
                    .col(text(DevOutbox::Recipient, 320))
                    .col(ColumnDef::new(DevOutbox::Subject).string_len(200).null())
                    .col(ColumnDef::new(DevOutbox::TextBody).text().not_null())
                    .col(ColumnDef::new(DevOutbox::HtmlBody).text().null())
                    .col(at(DevOutbox::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Cases::Table)
                    .add_column(optional_at(Cases::ExpiryWarnedFor))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Profiles::Table)
                    .add_column(ColumnDef::new(Profiles::Language).string_len(2).null())
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Profiles::Table)
                    .drop_column(Profiles::Language)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Cases::Table)
                    .drop_column(Cases::ExpiryWarnedFor)
                    .to_owned(),
            )
            .await?;
        for table in [
            DevOutbox::Table.into_iden(),
            NotificationTemplates::Table.into_iden(),
            Notifications::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
