//! The queue's queries use their indexes: the database's own plan for the query the server
//! builds (SQLite's `EXPLAIN QUERY PLAN`; on PostgreSQL `EXPLAIN` with sequential scans priced
//! out, since a test database is too small for the planner to prefer an index by itself).

use sea_orm::{ConnectionTrait, DbBackend, QueryTrait, Statement, TransactionTrait};

use crate::cases::ANNA;
use crate::helpers::spawn_app;
use server::cases::queue::{self, Filter};

#[tokio::test]
async fn the_queue_is_answered_from_its_indexes_in_order() {
    let app = spawn_app().await;
    let (_, anna) = app.login_citizen(ANNA).await;
    for _ in 0..3 {
        crate::officer::submitted_fault_report(&app, &anna).await;
    }
    let account = server::staff::find_by_username(&app.state.db, "gatukontoret")
        .await
        .unwrap()
        .unwrap();
    let member = server::staff::member(&app.state.db, account)
        .await
        .unwrap()
        .unwrap();
    let filters = [
        (
            "the whole queue",
            Filter {
                limit: 25,
                ..Filter::default()
            },
            "cases_queue_by_group",
        ),
        (
            "one status",
            Filter {
                status: Some(domain::CaseStatus::InProgress),
                limit: 25,
                ..Filter::default()
            },
            "cases_queue_by_group_status",
        ),
        (
            "newest first, after a cursor",
            Filter {
                sort: api_types::QueueSort::ReceivedDesc,
                after: Some(format!(
                    "{}_{}",
                    1_700_000_000_000_000_i64,
                    uuid::Uuid::nil().simple()
                )),
                limit: 25,
                ..Filter::default()
            },
            "cases_queue_by_group",
        ),
    ];
    let db = &app.state.db;
    let backend = db.get_database_backend();
    for (what, filter, index) in filters {
        let statement = queue::select(&member, &filter, None)
            .unwrap()
            .unwrap()
            .build(backend);
        let plan: Vec<String> = match backend {
            DbBackend::Sqlite => db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    format!("EXPLAIN QUERY PLAN {}", statement.sql),
                    statement
                        .values
                        .clone()
                        .unwrap_or(sea_orm::Values(Vec::new())),
                ))
                .await
                .unwrap()
                .iter()
                .map(|row| row.try_get::<String>("", "detail").unwrap())
                .collect(),
            _ => {
                let txn = db.begin().await.unwrap();
                txn.execute_unprepared("SET LOCAL enable_seqscan = off")
                    .await
                    .unwrap();
                let rows = txn
                    .query_all_raw(Statement::from_sql_and_values(
                        backend,
                        format!("EXPLAIN {}", statement.sql),
                        statement
                            .values
                            .clone()
                            .unwrap_or(sea_orm::Values(Vec::new())),
                    ))
                    .await
                    .unwrap();
                rows.iter()
                    .map(|row| row.try_get::<String>("", "QUERY PLAN").unwrap())
                    .collect()
            }
        };
        let text = plan.join("\n");
        assert!(text.contains(index), "{what}: not by {index}:\n{text}");
        assert!(
            !text.contains("TEMP B-TREE"),
            "{what}: sorted afterwards:\n{text}"
        );
        assert!(!text.contains("Sort"), "{what}: sorted afterwards:\n{text}");
        assert!(
            !text.contains("Seq Scan"),
            "{what}: a sequential scan:\n{text}"
        );
    }
}
