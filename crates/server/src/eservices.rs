//! The e-service registry: versioned definitions in the database, validated when imported.
//! A case keeps the version it was started on, so publishing a new version never breaks a draft.

use api_types::{FieldError, ImportEServiceResponse};
use chrono::{DateTime, Utc};
use eservice::EServiceDefinition;
use std::sync::Arc;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entities::e_service_versions;
use crate::error::{ApiError, ErrorCode};

/// The demo e-services loaded by `just run` (development only).
pub const DEMO_DEFINITIONS: [&str; 3] = [
    eservice::demo::FELANMALAN_GATA_PARK,
    eservice::demo::PARKERINGSTILLSTAND,
    eservice::demo::SKOLBYTE,
];

/// Parses a definition; errors name the path and the rule.
pub fn parse(json: &str) -> Result<EServiceDefinition, ApiError> {
    EServiceDefinition::from_json(json).map_err(|errors| {
        ApiError::Validation(
            errors
                .into_iter()
                .map(|error| FieldError {
                    field: error.path.clone(),
                    code: error.rule.into(),
                    message: error.message.clone(),
                    message_sv: format!("Definitionen är ogiltig: {}", error.message),
                })
                .collect(),
        )
    })
}

/// Stores a new version. Importing the same version again with the same content changes
/// nothing; with other content it is refused, as is a version older than the newest.
pub async fn import(
    db: &impl ConnectionTrait,
    json: &str,
    now: DateTime<Utc>,
) -> Result<ImportEServiceResponse, ApiError> {
    let definition = parse(json)?;
    let canonical = serde_json::to_string(&definition).map_err(ApiError::internal)?;
    let version = i32::try_from(definition.version()).map_err(ApiError::internal)?;
    let newest = e_service_versions::Entity::find()
        .filter(e_service_versions::Column::Slug.eq(definition.slug()))
        .order_by_desc(e_service_versions::Column::Version)
        .one(db)
        .await
        .map_err(ApiError::internal)?;
    let response = ImportEServiceResponse {
        slug: definition.slug().to_owned(),
        version: definition.version().into(),
        published: definition.settings().published,
    };
    if let Some(newest) = newest {
        if newest.version == version && newest.definition == canonical {
            return Ok(response);
        }
        if newest.version >= version {
            return Err(ApiError::Conflict {
                code: ErrorCode::EserviceVersionExists,
                detail: format!(
                    "Version {} of {} exists; import a higher version.",
                    newest.version,
                    definition.slug()
                ),
                detail_sv: format!(
                    "Version {} av {} finns redan; importera en högre version.",
                    newest.version,
                    definition.slug()
                ),
            });
        }
    }
    e_service_versions::ActiveModel {
        id: Set(Uuid::new_v4()),
        slug: Set(definition.slug().to_owned()),
        version: Set(version),
        definition: Set(canonical),
        published: Set(definition.settings().published),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map_err(ApiError::internal)?;
    tracing::info!(slug = definition.slug(), version, "e-service imported");
    Ok(response)
}

/// Parsed definitions by version row id. A stored version never changes (a change is a new
/// version with a new row), so each is parsed and checked once per process; the map holds one
/// entry per version in the database.
static PARSED: std::sync::LazyLock<
    std::sync::RwLock<std::collections::HashMap<Uuid, Arc<EServiceDefinition>>>,
> = std::sync::LazyLock::new(Default::default);

/// A version row without its definition: `(id, slug, version, published)`.
type Head = (Uuid, String, i32, bool);

fn heads() -> sea_orm::Select<e_service_versions::Entity> {
    e_service_versions::Entity::find()
        .select_only()
        .columns([
            e_service_versions::Column::Id,
            e_service_versions::Column::Slug,
            e_service_versions::Column::Version,
            e_service_versions::Column::Published,
        ])
        .order_by_asc(e_service_versions::Column::Slug)
        .order_by_desc(e_service_versions::Column::Version)
}

/// The parsed definition of version row `id`: from the cache, else loaded and parsed once.
async fn parsed(db: &impl ConnectionTrait, id: Uuid) -> Result<Arc<EServiceDefinition>, ApiError> {
    if let Some(hit) = PARSED.read().ok().and_then(|cache| cache.get(&id).cloned()) {
        return Ok(hit);
    }
    let row = e_service_versions::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ApiError::NotFound)?;
    let definition = Arc::new(stored(&row)?);
    if let Ok(mut cache) = PARSED.write() {
        cache.insert(id, Arc::clone(&definition));
    }
    Ok(definition)
}

/// Every e-service's newest version that is published (only the newest rows are read whole,
/// and those come from the cache).
pub async fn published(
    db: &impl ConnectionTrait,
) -> Result<Vec<Arc<EServiceDefinition>>, ApiError> {
    let rows: Vec<Head> = heads()
        .into_tuple()
        .all(db)
        .await
        .map_err(ApiError::internal)?;
    let mut newest: Vec<Head> = Vec::new();
    for row in rows {
        if newest.last().is_none_or(|last| last.1 != row.1) {
            newest.push(row);
        }
    }
    let mut definitions = Vec::new();
    for (id, _, _, published) in newest {
        if published {
            definitions.push(parsed(db, id).await?);
        }
    }
    Ok(definitions)
}

/// The newest version of one e-service, if it is published.
pub async fn published_one(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Arc<EServiceDefinition>, ApiError> {
    let (id, _, _, published): Head = heads()
        .filter(e_service_versions::Column::Slug.eq(slug))
        .into_tuple()
        .one(db)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ApiError::NotFound)?;
    if !published {
        return Err(ApiError::NotFound);
    }
    parsed(db, id).await
}

/// A specific version (what a case was started on), published or not.
pub async fn version(
    db: &impl ConnectionTrait,
    slug: &str,
    version: i32,
) -> Result<Arc<EServiceDefinition>, ApiError> {
    let (id, ..): Head = heads()
        .filter(e_service_versions::Column::Slug.eq(slug))
        .filter(e_service_versions::Column::Version.eq(version))
        .into_tuple()
        .one(db)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ApiError::NotFound)?;
    parsed(db, id).await
}

fn stored(row: &e_service_versions::Model) -> Result<EServiceDefinition, ApiError> {
    EServiceDefinition::from_json(&row.definition).map_err(|errors| {
        ApiError::Internal(
            format!(
                "stored definition {} v{} no longer loads: {} errors",
                row.slug,
                row.version,
                errors.len()
            )
            .into(),
        )
    })
}

/// Loads the demo e-services (idempotent).
pub async fn load_demo(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), ApiError> {
    for json in DEMO_DEFINITIONS {
        import(db, json, now).await?;
    }
    Ok(())
}
