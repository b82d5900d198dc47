//! The lookups of a case's files and signings and the draft expiry sweep use indexes: the
//! database's own plan (see `queue_plan.rs` for how it is asked on each database).

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryTrait, Statement,
    TransactionTrait,
};

use crate::helpers::spawn_app;
use server::entities::{attachments, case_signatures, cases};

async fn plan(db: &sea_orm::DatabaseConnection, statement: Statement) -> String {
    let backend = db.get_database_backend();
    let values = statement
        .values
        .clone()
        .unwrap_or(sea_orm::Values(Vec::new()));
    match backend {
        DbBackend::Sqlite => db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                format!("EXPLAIN QUERY PLAN {}", statement.sql),
                values,
            ))
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get::<String>("", "detail").unwrap())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => {
            let txn = db.begin().await.unwrap();
            txn.execute_unprepared("SET LOCAL enable_seqscan = off")
                .await
                .unwrap();
            txn.query_all_raw(Statement::from_sql_and_values(
                backend,
                format!("EXPLAIN {}", statement.sql),
                values,
            ))
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get::<String>("", "QUERY PLAN").unwrap())
            .collect::<Vec<_>>()
            .join("\n")
        }
    }
}

#[tokio::test]
async fn case_files_signings_and_the_expiry_sweep_are_found_by_index() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let backend = db.get_database_backend();
    let id = uuid::Uuid::new_v4();
    for (what, statement, index) in [
        (
            "a case's files",
            attachments::Entity::find()
                .filter(attachments::Column::CaseId.eq(id))
                .build(backend),
            "attachments_by_case",
        ),
        (
            "a case's signings",
            case_signatures::Entity::find()
                .filter(case_signatures::Column::CaseId.eq(id))
                .build(backend),
            "case_signatures_by_case",
        ),
        (
            "expired drafts",
            cases::Entity::find()
                .filter(cases::Column::Status.eq(cases::Status::Draft))
                .filter(cases::Column::ExpiresAt.lt(app.clock_now()))
                .build(backend),
            "cases_by_status_expiry",
        ),
        (
            "a citizen's open drafts (the quota)",
            cases::Entity::find()
                .filter(cases::Column::OwnerId.eq(id))
                .filter(cases::Column::Status.eq(cases::Status::Draft))
                .build(backend),
            "cases_by_owner_status",
        ),
    ] {
        let text = plan(db, statement).await;
        assert!(text.contains(index), "{what}: not by {index}:\n{text}");
        assert!(
            !text.contains("Seq Scan"),
            "{what}: a sequential scan:\n{text}"
        );
    }
}
