//! BankID signatures of a case's answers: started, then completed with BankID's signature and
//! OCSP response, bound to the SHA-256 of the canonical answers that were signed.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseSignatures {
    Table,
    Id,
    CaseId,
    UserId,
    OrderRef,
    QrStartToken,
    QrStartSecret,
    Device,
    AnswersDigest,
    LockVersion,
    Status,
    Signature,
    OcspResponse,
    StartedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CaseSignatures::Table)
                    .col(
                        ColumnDef::new(CaseSignatures::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CaseSignatures::CaseId).uuid().not_null())
                    .col(ColumnDef::new(CaseSignatures::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(CaseSignatures::OrderRef)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseSignatures::QrStartToken)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseSignatures::QrStartSecret)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseSignatures::Device)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseSignatures::AnswersDigest)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseSignatures::LockVersion)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseSignatures::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseSignatures::Signature).text())
                    .col(ColumnDef::new(CaseSignatures::OcspResponse).text())
                    .col(
                        ColumnDef::new(CaseSignatures::StartedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseSignatures::FinishedAt).timestamp_with_time_zone())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_signatures_case")
                            .from(CaseSignatures::Table, CaseSignatures::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CaseSignatures::Table).to_owned())
            .await
    }
}
