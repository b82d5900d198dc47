//! The officer side: staff accounts with roles and groups, their sessions, the message thread of
//! a case (with files and read receipts), officers' internal notes, the append-only audit log of
//! staff access, and the notification events that the notifications worker delivers.
//!
//! A submitted case remembers the officer group of the definition it was filed on
//! (`officer_group`), when it was closed, and how many messages each side has not read yet, so
//! that the queue and "Mina sidor" are answered from the case row alone, by index.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    OfficerGroup,
    ClosedAt,
    UnreadByCitizen,
    UnreadByOfficer,
    LastMessageAt,
    SubmittedAt,
    Id,
    Status,
    AssignedOfficerId,
    OwnerId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Staff {
    Table,
    Id,
    Username,
    DisplayName,
    Email,
    Role,
    PasswordHash,
    OidcSubject,
    CreatedAt,
    LastLoginAt,
    DisabledAt,
}

#[derive(DeriveIden)]
enum StaffGroups {
    Table,
    StaffId,
    GroupName,
}

#[derive(DeriveIden)]
enum StaffSessions {
    Table,
    Id,
    StaffId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum CaseMessages {
    Table,
    Id,
    CaseId,
    AuthorRole,
    AuthorId,
    AuthorName,
    Body,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum MessageAttachments {
    Table,
    Id,
    CaseId,
    MessageId,
    UploaderId,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CaseNotes {
    Table,
    Id,
    CaseId,
    StaffId,
    AuthorName,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    StaffId,
    Action,
    CaseId,
    Subject,
    RequestId,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    CaseId,
    UserId,
    Kind,
    Status,
    CreatedAt,
}

fn id(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .uuid()
        .not_null()
        .primary_key()
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
        let case_columns = [
            ColumnDef::new(Cases::OfficerGroup)
                .string_len(100)
                .to_owned(),
            ColumnDef::new(Cases::ClosedAt)
                .timestamp_with_time_zone()
                .to_owned(),
            ColumnDef::new(Cases::UnreadByCitizen)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(Cases::UnreadByOfficer)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(Cases::LastMessageAt)
                .timestamp_with_time_zone()
                .to_owned(),
        ];
        for mut column in case_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Cases::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        // Cases submitted before officers existed get their group from the definition they
        // were filed on when the server starts (the definition is JSON the server parses).

        // The queue: a group's received cases in order of arrival, and "assigned to me".
        for (name, columns) in [
            (
                "cases_queue_by_group",
                vec![Cases::OfficerGroup, Cases::SubmittedAt, Cases::Id],
            ),
            (
                "cases_queue_by_group_status",
                vec![
                    Cases::OfficerGroup,
                    Cases::Status,
                    Cases::SubmittedAt,
                    Cases::Id,
                ],
            ),
            (
                "cases_by_assigned_officer",
                vec![Cases::AssignedOfficerId, Cases::SubmittedAt, Cases::Id],
            ),
            (
                "cases_by_owner_updated",
                vec![Cases::OwnerId, Cases::UpdatedAt, Cases::Id],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Cases::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Staff::Table)
                    .col(id(Staff::Id))
                    .col(
                        ColumnDef::new(Staff::Username)
                            .string_len(100)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Staff::DisplayName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Staff::Email).string_len(254))
                    .col(ColumnDef::new(Staff::Role).string_len(20).not_null())
                    .col(ColumnDef::new(Staff::PasswordHash).text())
                    .col(
                        ColumnDef::new(Staff::OidcSubject)
                            .string_len(255)
                            .unique_key(),
                    )
                    .col(at(Staff::CreatedAt))
                    .col(ColumnDef::new(Staff::LastLoginAt).timestamp_with_time_zone())
                    .col(ColumnDef::new(Staff::DisabledAt).timestamp_with_time_zone())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffGroups::Table)
                    .col(ColumnDef::new(StaffGroups::StaffId).uuid().not_null())
                    .col(
                        ColumnDef::new(StaffGroups::GroupName)
                            .string_len(100)
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(StaffGroups::StaffId)
                            .col(StaffGroups::GroupName),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffGroups::Table, StaffGroups::StaffId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffSessions::Table)
                    .col(id(StaffSessions::Id))
                    .col(ColumnDef::new(StaffSessions::StaffId).uuid().not_null())
                    .col(at(StaffSessions::CreatedAt))
                    .col(at(StaffSessions::LastSeenAt))
                    .col(at(StaffSessions::ExpiresAt))
                    .col(ColumnDef::new(StaffSessions::RevokedAt).timestamp_with_time_zone())
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffSessions::Table, StaffSessions::StaffId)
                            .to(Staff::Table, Staff::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseMessages::Table)
                    .col(id(CaseMessages::Id))
                    .col(ColumnDef::new(CaseMessages::CaseId).uuid().not_null())
                    .col(
                        ColumnDef::new(CaseMessages::AuthorRole)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseMessages::AuthorId).uuid().not_null())
                    .col(
                        ColumnDef::new(CaseMessages::AuthorName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseMessages::Body).text().not_null())
                    .col(at(CaseMessages::CreatedAt))
                    .col(ColumnDef::new(CaseMessages::ReadAt).timestamp_with_time_zone())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("case_messages_case_created")
                    .table(CaseMessages::Table)
                    .col(CaseMessages::CaseId)
                    .col(CaseMessages::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MessageAttachments::Table)
                    .col(id(MessageAttachments::Id))
                    .col(ColumnDef::new(MessageAttachments::CaseId).uuid().not_null())
                    .col(ColumnDef::new(MessageAttachments::MessageId).uuid())
                    .col(
                        ColumnDef::new(MessageAttachments::UploaderId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MessageAttachments::FileName)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MessageAttachments::ContentType)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MessageAttachments::SizeBytes)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MessageAttachments::Sha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(at(MessageAttachments::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("message_attachments_case")
                    .table(MessageAttachments::Table)
                    .col(MessageAttachments::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseNotes::Table)
                    .col(id(CaseNotes::Id))
                    .col(ColumnDef::new(CaseNotes::CaseId).uuid().not_null())
                    .col(ColumnDef::new(CaseNotes::StaffId).uuid().not_null())
                    .col(
                        ColumnDef::new(CaseNotes::AuthorName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseNotes::Body).text().not_null())
                    .col(at(CaseNotes::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("case_notes_case")
                    .table(CaseNotes::Table)
                    .col(CaseNotes::CaseId)
                    .col(CaseNotes::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(id(AuditLog::Id))
                    .col(at(AuditLog::At))
                    .col(ColumnDef::new(AuditLog::StaffId).uuid().not_null())
                    .col(ColumnDef::new(AuditLog::Action).string_len(50).not_null())
                    .col(ColumnDef::new(AuditLog::CaseId).uuid())
                    .col(ColumnDef::new(AuditLog::Subject).string_len(100))
                    .col(
                        ColumnDef::new(AuditLog::RequestId)
                            .string_len(100)
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("audit_log_by_case", AuditLog::CaseId),
            ("audit_log_by_staff", AuditLog::StaffId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditLog::Table)
                        .col(column)
                        .col(AuditLog::At)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(id(Notifications::Id))
                    .col(ColumnDef::new(Notifications::CaseId).uuid().not_null())
                    .col(ColumnDef::new(Notifications::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(Notifications::Kind)
                            .string_len(50)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Notifications::Status)
                            .string_len(20)
                            .not_null()
                            .default("pending"),
                    )
                    .col(at(Notifications::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("notifications_by_status")
                    .table(Notifications::Table)
                    .col(Notifications::Status)
                    .col(Notifications::CreatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Notifications::Table.into_iden(),
            AuditLog::Table.into_iden(),
            CaseNotes::Table.into_iden(),
            MessageAttachments::Table.into_iden(),
            CaseMessages::Table.into_iden(),
            StaffSessions::Table.into_iden(),
            StaffGroups::Table.into_iden(),
            Staff::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for name in [
            "cases_queue_by_group",
            "cases_queue_by_group_status",
            "cases_by_assigned_officer",
            "cases_by_owner_updated",
        ] {
            manager
                .drop_index(Index::drop().name(name).table(Cases::Table).to_owned())
                .await?;
        }
        for column in [
            Cases::OfficerGroup,
            Cases::ClosedAt,
            Cases::UnreadByCitizen,
            Cases::UnreadByOfficer,
            Cases::LastMessageAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Cases::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
