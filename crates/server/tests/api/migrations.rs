//! Migrating a database that holds data from before the authoritative core: old histories are
//! rewritten to the domain's events and the cases still read as domain states.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, EntityTrait};

#[tokio::test]
async fn cases_and_histories_written_before_the_core_migration_read_as_domain_state() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display());
    let db = Database::connect(&url).await.unwrap();
    // The schema as it was before migration 5, and rows as the server wrote them then (sea-orm
    // stores UUIDs in SQLite as 16-byte blobs).
    Migrator::up(&db, Some(4)).await.unwrap();
    for statement in [
        "INSERT INTO users (id, personnummer, given_name, surname, role, created_at, last_login_at) \
         VALUES (X'00000000000000000000000000000001', '198112189876', 'Anna', 'Andersson', \
         'citizen', '2026-11-30T10:00:00+00:00', NULL)",
        "INSERT INTO cases (id, owner_id, e_service_slug, e_service_version, status, answers, \
         case_number, lock_version, created_at, updated_at, submitted_at, expires_at) VALUES \
         (X'0000000000000000000000000000000c', X'00000000000000000000000000000001', \
         'parkeringstillstand', 1, 'submitted', '{}', '2026-000001', 4, \
         '2026-11-30T10:00:00+00:00', '2026-11-30T10:05:00+00:00', \
         '2026-11-30T10:05:00+00:00', NULL)",
        "INSERT INTO case_events (id, case_id, kind, actor_id, at, data) VALUES \
         (X'000000000000000000000000000000e3', X'0000000000000000000000000000000c', \
         'case_submitted', X'00000000000000000000000000000001', '2026-11-30T10:05:00+00:00', \
         '{\"case_number\":\"2026-000001\"}'), \
         (X'000000000000000000000000000000e1', X'0000000000000000000000000000000c', \
         'draft_created', X'00000000000000000000000000000001', '2026-11-30T10:00:00+00:00', \
         '{}'), \
         (X'000000000000000000000000000000e2', X'0000000000000000000000000000000c', \
         'case_signed', X'00000000000000000000000000000001', '2026-11-30T10:04:00+00:00', \
         '{\"signing_id\":\"x\"}')",
    ] {
        db.execute_unprepared(statement).await.unwrap();
    }

    Migrator::up(&db, None).await.unwrap();

    let case_id = uuid::Uuid::from_u128(0xc);
    let kinds: Vec<&str> = server::cases::history(&db, case_id)
        .await
        .unwrap()
        .iter()
        .map(|event| event.kind.name())
        .collect();
    assert_eq!(kinds, ["draft_created", "draft_signed", "case_submitted"]);
    let case = server::entities::cases::Entity::find_by_id(case_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.last_event_seq, 3);
    assert_eq!(case.answers_revision, 4);
    let state = server::cases::state_of(&case).unwrap();
    assert_eq!(state.status(), domain::CaseStatus::Submitted);
    assert_eq!(state.revision, 4);
    let user = server::entities::users::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.personnummer.to_digits(), "198112189876");
}
