//! The case row becomes the stored form of the domain's `CaseState` and `case_events` the stored
//! domain events: the phase data gets real columns (the applicant's signature of the current
//! revision, the handling officer, the outcome, pending co-signers), the revision of the last
//! save of the answers (what a save's optimistic lock compares with), every case counts its events
//! (`last_event_seq`, the compare-and-swap guard of every change), and each event has its place in
//! the history (`sequence`), the actor's role and the serialised `CaseEventKind` as `data`.
//!
//! Histories written before this migration knew three event names; they are rewritten to the
//! domain vocabulary (`case_signed` became `draft_signed`). Saves and uploads were not recorded
//! then, so an old case's history does not count its revisions.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    ApplicantSigned,
    AssignedOfficerId,
    Outcome,
    PendingCosigners,
    LastEventSeq,
    AnswersRevision,
}

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    CaseId,
    Sequence,
    ActorRole,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        let case_columns = [
            ColumnDef::new(Cases::ApplicantSigned)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
            ColumnDef::new(Cases::AssignedOfficerId).uuid().to_owned(),
            ColumnDef::new(Cases::Outcome).string_len(20).to_owned(),
            ColumnDef::new(Cases::PendingCosigners).text().to_owned(),
            ColumnDef::new(Cases::LastEventSeq)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(Cases::AnswersRevision)
                .integer()
                .not_null()
                .default(1)
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
        let event_columns = [
            ColumnDef::new(CaseEvents::Sequence)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(CaseEvents::ActorRole)
                .string_len(20)
                .not_null()
                .default("citizen")
                .to_owned(),
        ];
        for mut column in event_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(CaseEvents::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }

        // Old histories in the domain's vocabulary, numbered in time order.
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE case_events SET kind = 'draft_signed' WHERE kind = 'case_signed'",
        )
        .await?;
        db.execute_unprepared(r#"UPDATE case_events SET data = '{"type":"' || kind || '"}'"#)
            .await?;
        db.execute_unprepared(
            "UPDATE case_events SET sequence = numbered.position FROM (SELECT id, \
             ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY at, id) AS position \
             FROM case_events) AS numbered WHERE case_events.id = numbered.id",
        )
        .await?;
        db.execute_unprepared("UPDATE cases SET answers_revision = lock_version")
            .await?;
        db.execute_unprepared(
            "UPDATE cases SET last_event_seq = (SELECT COALESCE(MAX(sequence), 0) \
             FROM case_events WHERE case_events.case_id = cases.id)",
        )
        .await?;

        manager
            .create_index(
                Index::create()
                    .name("case_events_case_id_sequence")
                    .table(CaseEvents::Table)
                    .col(CaseEvents::CaseId)
                    .col(CaseEvents::Sequence)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("case_events_case_id_sequence")
                    .table(CaseEvents::Table)
                    .to_owned(),
            )
            .await?;
        for column in [CaseEvents::Sequence, CaseEvents::ActorRole] {
            manager
                .alter_table(
                    Table::alter()
                        .table(CaseEvents::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            Cases::ApplicantSigned,
            Cases::AssignedOfficerId,
            Cases::Outcome,
            Cases::PendingCosigners,
            Cases::LastEventSeq,
            Cases::AnswersRevision,
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
