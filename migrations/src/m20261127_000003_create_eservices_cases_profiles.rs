//! E-service definitions (versioned documents), citizens' profiles, cases (drafts included),
//! their events, attachments, case numbers and idempotency keys.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EServiceVersions {
    Table,
    Id,
    Slug,
    Version,
    Definition,
    Published,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Profiles {
    Table,
    UserId,
    Email,
    Phone,
    Street,
    PostalCode,
    City,
    NotifyEmail,
    NotifySms,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    OwnerId,
    EServiceSlug,
    EServiceVersion,
    Status,
    Answers,
    CaseNumber,
    LockVersion,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    Id,
    CaseId,
    Kind,
    ActorId,
    At,
    Data,
}

#[derive(DeriveIden)]
enum CaseNumberCounters {
    Table,
    Year,
    LastNumber,
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    OwnerId,
    CaseId,
    FieldId,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    UserId,
    Key,
    RequestHash,
    Status,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn timestamp(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EServiceVersions::Table)
                    .col(
                        ColumnDef::new(EServiceVersions::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(EServiceVersions::Slug)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EServiceVersions::Version)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EServiceVersions::Definition)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EServiceVersions::Published)
                            .boolean()
                            .not_null(),
                    )
                    .col(timestamp(EServiceVersions::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_e_service_versions_slug_version")
                    .table(EServiceVersions::Table)
                    .col(EServiceVersions::Slug)
                    .col(EServiceVersions::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Profiles::Table)
                    .col(
                        ColumnDef::new(Profiles::UserId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Profiles::Email).string_len(254))
                    .col(ColumnDef::new(Profiles::Phone).string_len(20))
                    .col(ColumnDef::new(Profiles::Street).string_len(200))
                    .col(ColumnDef::new(Profiles::PostalCode).string_len(10))
                    .col(ColumnDef::new(Profiles::City).string_len(100))
                    .col(ColumnDef::new(Profiles::NotifyEmail).boolean().not_null())
                    .col(ColumnDef::new(Profiles::NotifySms).boolean().not_null())
                    .col(timestamp(Profiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_profiles_user")
                            .from(Profiles::Table, Profiles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Cases::Table)
                    .col(ColumnDef::new(Cases::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Cases::OwnerId).uuid().not_null())
                    .col(
                        ColumnDef::new(Cases::EServiceSlug)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Cases::EServiceVersion).integer().not_null())
                    .col(ColumnDef::new(Cases::Status).string_len(30).not_null())
                    .col(ColumnDef::new(Cases::Answers).text().not_null())
                    .col(
                        ColumnDef::new(Cases::CaseNumber)
                            .string_len(20)
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Cases::LockVersion).integer().not_null())
                    .col(timestamp(Cases::CreatedAt))
                    .col(timestamp(Cases::UpdatedAt))
                    .col(ColumnDef::new(Cases::SubmittedAt).timestamp_with_time_zone())
                    .col(ColumnDef::new(Cases::ExpiresAt).timestamp_with_time_zone())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cases_owner")
                            .from(Cases::Table, Cases::OwnerId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_cases_owner")
                    .table(Cases::Table)
                    .col(Cases::OwnerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseEvents::Table)
                    .col(
                        ColumnDef::new(CaseEvents::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CaseEvents::CaseId).uuid().not_null())
                    .col(ColumnDef::new(CaseEvents::Kind).string_len(40).not_null())
                    .col(ColumnDef::new(CaseEvents::ActorId).uuid())
                    .col(timestamp(CaseEvents::At))
                    .col(ColumnDef::new(CaseEvents::Data).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_events_case")
                            .from(CaseEvents::Table, CaseEvents::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_events_case")
                    .table(CaseEvents::Table)
                    .col(CaseEvents::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseNumberCounters::Table)
                    .col(
                        ColumnDef::new(CaseNumberCounters::Year)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CaseNumberCounters::LastNumber)
                            .integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .col(
                        ColumnDef::new(Attachments::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Attachments::OwnerId).uuid().not_null())
                    .col(ColumnDef::new(Attachments::CaseId).uuid().not_null())
                    .col(
                        ColumnDef::new(Attachments::FieldId)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Attachments::FileName)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Attachments::ContentType)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Attachments::SizeBytes)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Attachments::Sha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(timestamp(Attachments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachments_case")
                            .from(Attachments::Table, Attachments::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(ColumnDef::new(IdempotencyKeys::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(IdempotencyKeys::Key)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyKeys::RequestHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(IdempotencyKeys::Status).integer().not_null())
                    .col(ColumnDef::new(IdempotencyKeys::Body).text().not_null())
                    .col(timestamp(IdempotencyKeys::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKeys::UserId)
                            .col(IdempotencyKeys::Key),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IdempotencyKeys::Table.into_iden(),
            Attachments::Table.into_iden(),
            CaseNumberCounters::Table.into_iden(),
            CaseEvents::Table.into_iden(),
            Cases::Table.into_iden(),
            Profiles::Table.into_iden(),
            EServiceVersions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
