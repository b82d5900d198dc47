//! A citizen's own actions on a case, each one whole action in one transaction: start a draft,
//! save its answers, attach and remove files, record a signature, submit (with its
//! idempotency key decided inside the same transaction), delete. Handlers parse the request,
//! call one of these and map the result.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use domain::{Actor, CaseCommand};
use eservice::{EServiceDefinition, FieldKind};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{case_numbers, idempotency, load_owned_for_update, record};
use crate::entities::{attachments, cases};
use crate::error::{ApiError, ErrorCode};

/// The stored answers of a case.
pub fn answers_of(case: &cases::Model) -> Map<String, Value> {
    serde_json::from_str(&case.answers).unwrap_or_default()
}

fn expiry(definition: &EServiceDefinition, now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::days(i64::from(definition.settings().draft_retention_days))
}

/// Starts a draft of `definition` for `owner_id` with the prefilled `answers`, unless the
/// citizen already has `max_open` drafts (`too_many_drafts`). The citizen's row is locked while
/// counting (PostgreSQL), so concurrent starts cannot pass the limit.
pub async fn create(
    db: &DatabaseConnection,
    owner_id: Uuid,
    definition: &EServiceDefinition,
    answers: Map<String, Value>,
    max_open: u32,
    now: DateTime<Utc>,
) -> Result<cases::Model, ApiError> {
    let row = cases::ActiveModel {
        id: Set(Uuid::new_v4()),
        e_service_slug: Set(definition.slug().to_owned()),
        e_service_version: Set(i32::try_from(definition.version()).map_err(ApiError::internal)?),
        answers: Set(Value::Object(answers).to_string()),
        case_number: Set(None),
        submitted_at: Set(None),
        expires_at: Set(Some(expiry(definition, now))),
        ..Default::default()
    };
    let txn = db.begin().await.map_err(ApiError::internal)?;
    let mut owner = crate::entities::users::Entity::find_by_id(owner_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        owner = owner.lock_exclusive();
    }
    owner.one(&txn).await.map_err(ApiError::internal)?;
    let open = cases::Entity::find()
        .filter(cases::Column::OwnerId.eq(owner_id))
        .filter(cases::Column::Status.eq(cases::Status::Draft))
        .count(&txn)
        .await
        .map_err(ApiError::internal)?;
    if open >= u64::from(max_open) {
        return Err(ApiError::Conflict {
            code: ErrorCode::TooManyDrafts,
            detail: format!(
                "You already have {open} saved drafts, the most one person can have. Submit or \
                 delete one first (Mina sidor, Saved cases)."
            ),
            detail_sv: format!(
                "Du har redan {open} sparade utkast, det största antalet en person kan ha. \
                 Skicka in eller ta bort ett först (Mina sidor, Sparade ärenden)."
            ),
        });
    }
    let case = super::start(&txn, row, owner_id, now).await?;
    txn.commit().await.map_err(ApiError::internal)?;
    Ok(case)
}

/// Saves the answers of a draft the client last saw at `expected_revision`; another revision
/// is `edit_conflict`. Saving extends the draft's expiry and keeps the step the citizen is on
/// (a step of the definition; another id is ignored).
#[expect(
    clippy::too_many_arguments,
    reason = "one save: who, which draft, what and when"
)]
pub async fn save_answers(
    db: &DatabaseConnection,
    owner_id: Uuid,
    case_id: Uuid,
    definition: &EServiceDefinition,
    expected_revision: u32,
    answers: Map<String, Value>,
    step: Option<String>,
    now: DateTime<Utc>,
) -> Result<cases::Model, ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    let case = load_owned_for_update(&txn, owner_id, case_id).await?;
    let label = eservice::draft_label(definition, &answers);
    let changes = cases::ActiveModel {
        answers: Set(Value::Object(answers).to_string()),
        expires_at: Set(Some(expiry(definition, now))),
        draft_label: Set(label),
        draft_step: match step.filter(|id| definition.step(id).is_some()) {
            Some(step) => Set(Some(step)),
            None => sea_orm::ActiveValue::NotSet,
        },
        ..Default::default()
    };
    let recorded = record(
        &txn,
        &case,
        changes,
        Actor::Citizen { id: owner_id },
        CaseCommand::SaveAnswers { expected_revision },
        now,
    )
    .await?;
    txn.commit().await.map_err(ApiError::internal)?;
    recorded.case.ok_or(ApiError::NotFound)
}

/// A stored file's description, before its row exists.
#[derive(Debug)]
pub struct NewAttachment {
    /// The id the content is stored under.
    pub id: Uuid,
    /// The file field.
    pub field_id: String,
    /// The cleaned file name.
    pub file_name: String,
    /// The sniffed content type.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// SHA-256 (hex) of the content.
    pub sha256: String,
}

/// Attaches a stored file to a draft's file field, if the field still has room and the draft's
/// files stay within `max_draft_bytes` (both counted in the same transaction, so concurrent
/// uploads cannot pass a limit).
pub async fn add_attachment(
    db: &DatabaseConnection,
    owner_id: Uuid,
    case_id: Uuid,
    (max_files, max_draft_bytes): (u32, u64),
    file: NewAttachment,
    now: DateTime<Utc>,
) -> Result<(attachments::Model, cases::Model), ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    let case = load_owned_for_update(&txn, owner_id, case_id).await?;
    let held: i64 = attachments::Entity::find()
        .filter(attachments::Column::CaseId.eq(case.id))
        .all(&txn)
        .await
        .map_err(ApiError::internal)?
        .iter()
        .map(|held| held.size_bytes)
        .sum();
    let after = u64::try_from(held.saturating_add(file.size_bytes)).unwrap_or(u64::MAX);
    if after > max_draft_bytes {
        let mb = |bytes: u64| bytes.div_ceil(1024 * 1024);
        return Err(ApiError::Conflict {
            code: ErrorCode::DraftFilesTooLarge,
            detail: format!(
                "The files of one application may be at most {} MB together; this one would \
                 make {} MB. Remove a file or attach a smaller one.",
                mb(max_draft_bytes),
                mb(after)
            ),
            detail_sv: format!(
                "Filerna i en ansökan får vara högst {} MB tillsammans; den här skulle göra \
                 {} MB. Ta bort en fil eller bifoga en mindre.",
                mb(max_draft_bytes),
                mb(after)
            ),
        });
    }
    let files_in_field = attachments::Entity::find()
        .filter(attachments::Column::CaseId.eq(case.id))
        .filter(attachments::Column::FieldId.eq(file.field_id.as_str()))
        .count(&txn)
        .await
        .map_err(ApiError::internal)?;
    let recorded = record(
        &txn,
        &case,
        <cases::ActiveModel as Default>::default(),
        Actor::Citizen { id: owner_id },
        CaseCommand::AddAttachment {
            attachment_id: file.id,
            field_id: file.field_id.clone(),
            files_in_field: u32::try_from(files_in_field).unwrap_or(u32::MAX),
            max_files,
        },
        now,
    )
    .await
    .map_err(|error| with_field(error.into(), &file.field_id))?;
    let stored = attachments::ActiveModel {
        id: Set(file.id),
        owner_id: Set(owner_id),
        case_id: Set(case.id),
        field_id: Set(file.field_id),
        file_name: Set(file.file_name),
        content_type: Set(file.content_type),
        size_bytes: Set(file.size_bytes),
        sha256: Set(file.sha256),
        created_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(ApiError::internal)?;
    txn.commit().await.map_err(ApiError::internal)?;
    Ok((stored, recorded.case.ok_or(ApiError::NotFound)?))
}

/// Names the field in a validation error that the domain could not name.
fn with_field(error: ApiError, field_id: &str) -> ApiError {
    match error {
        ApiError::Validation(mut errors) => {
            for error in &mut errors {
                if error.field.is_empty() {
                    field_id.clone_into(&mut error.field);
                }
            }
            ApiError::Validation(errors)
        }
        other => other,
    }
}

/// Removes a file from a draft. The caller deletes the content after the commit.
pub async fn remove_attachment(
    db: &DatabaseConnection,
    owner_id: Uuid,
    case_id: Uuid,
    attachment_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(attachments::Model, cases::Model), ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    let case = load_owned_for_update(&txn, owner_id, case_id).await?;
    let file = attachments::Entity::find_by_id(attachment_id)
        .one(&txn)
        .await
        .map_err(ApiError::internal)?
        .filter(|file| file.case_id == case.id)
        .ok_or(ApiError::NotFound)?;
    let recorded = record(
        &txn,
        &case,
        <cases::ActiveModel as Default>::default(),
        Actor::Citizen { id: owner_id },
        CaseCommand::RemoveAttachment {
            attachment_id: file.id,
            field_id: file.field_id.clone(),
        },
        now,
    )
    .await?;
    file.clone()
        .delete(&txn)
        .await
        .map_err(ApiError::internal)?;
    txn.commit().await.map_err(ApiError::internal)?;
    Ok((file, recorded.case.ok_or(ApiError::NotFound)?))
}

/// Deletes a draft with its file rows; returns the files whose content the caller removes
/// after the commit.
pub async fn delete(
    db: &DatabaseConnection,
    owner_id: Uuid,
    case_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<attachments::Model>, ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    let case = load_owned_for_update(&txn, owner_id, case_id).await?;
    let files = files_of(&txn, case.id).await?;
    record(
        &txn,
        &case,
        <cases::ActiveModel as Default>::default(),
        Actor::Citizen { id: owner_id },
        CaseCommand::DeleteDraft,
        now,
    )
    .await?;
    txn.commit().await.map_err(ApiError::internal)?;
    Ok(files)
}

/// The files of a case, oldest first.
pub async fn files_of(
    db: &impl ConnectionTrait,
    case_id: Uuid,
) -> Result<Vec<attachments::Model>, ApiError> {
    attachments::Entity::find()
        .filter(attachments::Column::CaseId.eq(case_id))
        .order_by_asc(attachments::Column::CreatedAt)
        .all(db)
        .await
        .map_err(ApiError::internal)
}

/// The answers' problems with the rules of the definition and with the files they name: every
/// id a visible file field answers with must be a file of this case attached to that field.
/// `Ok` holds the named files' SHA-256 by id, the part of what is signed that the answers do
/// not contain.
pub async fn check_answers(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    definition: &EServiceDefinition,
    scope: eservice::Scope<'_>,
    now: DateTime<Utc>,
) -> Result<Result<BTreeMap<String, String>, Vec<api_types::FieldError>>, ApiError> {
    let answers = answers_of(case);
    let mut errors = super::views::field_errors(eservice::validate(
        definition,
        &answers,
        scope,
        domain::swedish_date(now),
    ));
    let files: HashMap<String, attachments::Model> = files_of(db, case.id)
        .await?
        .into_iter()
        .map(|file| (file.id.to_string(), file))
        .collect();
    let mut named = BTreeMap::new();
    for (field_id, ids) in eservice::file_answers(definition, &answers) {
        let in_scope = match scope {
            eservice::Scope::All => true,
            eservice::Scope::Step(step) => definition
                .step(step)
                .is_some_and(|step| step.fields.iter().any(|field| field.id == field_id)),
        };
        if !in_scope || errors.iter().any(|error| error.field == field_id) {
            continue;
        }
        for id in ids {
            match files.get(id) {
                Some(file) if file.field_id == field_id => {
                    named.insert(id.to_owned(), file.sha256.clone());
                }
                _ => {
                    errors.push(unknown_attachment(definition, field_id));
                    break;
                }
            }
        }
    }
    Ok(if errors.is_empty() {
        Ok(named)
    } else {
        Err(errors)
    })
}

fn unknown_attachment(definition: &EServiceDefinition, field_id: &str) -> api_types::FieldError {
    let label = definition
        .field(field_id)
        .map(|field| (field.label.sv.clone(), field.label.en.clone()))
        .unwrap_or_default();
    api_types::FieldError {
        field: field_id.to_owned(),
        code: "unknown_attachment".into(),
        message: format!(
            "A file in “{}” is no longer attached. Remove it and attach it again.",
            label.1
        ),
        message_sv: format!(
            "En fil i ”{}” finns inte längre bifogad. Ta bort den och bifoga den igen.",
            label.0
        ),
    }
}

/// The digest a signature of `case` must bind: the canonical answers and the content of the
/// files they name.
pub fn signed_digest(
    definition: &EServiceDefinition,
    case: &cases::Model,
    files: &BTreeMap<String, String>,
) -> [u8; 32] {
    eservice::signed_digest(definition, &answers_of(case), files)
}

/// Records the owner's completed BankID signature of the draft at `signed_revision`.
pub async fn record_signature(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    signed_revision: u32,
    now: DateTime<Utc>,
) -> Result<cases::Model, super::CaseError> {
    record(
        db,
        case,
        <cases::ActiveModel as Default>::default(),
        Actor::Citizen { id: case.owner_id },
        CaseCommand::RecordSignature { signed_revision },
        now,
    )
    .await?
    .case
    .ok_or(super::CaseError::NotFound)
}

/// The outcome of a submission: the status and JSON body to answer with, and whether they
/// are a replay of an earlier answer to the same `Idempotency-Key`.
#[derive(Debug)]
pub struct Submission {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: String,
    /// An earlier answer, replayed.
    pub replayed: bool,
}

/// Submits a complete draft. With an idempotency key the key is claimed first in the same
/// transaction, so concurrent retries queue behind the first one and then replay its answer;
/// exactly one case number is given.
pub async fn submit(
    db: &DatabaseConnection,
    owner_id: Uuid,
    case_id: Uuid,
    key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Submission, ApiError> {
    let hash = idempotency::request_hash(&["POST", "submit", &case_id.to_string()]);
    let mut attempts = 0;
    let txn = loop {
        let txn = db.begin().await.map_err(ApiError::internal)?;
        let Some(key) = key else { break txn };
        attempts += 1;
        if attempts > 100 {
            return Err(ApiError::Conflict {
                code: ErrorCode::EditConflict,
                detail: "Another request with this Idempotency-Key is still running. Try again."
                    .into(),
                detail_sv: "En annan förfrågan med samma Idempotency-Key pågår fortfarande. \
                            Försök igen."
                    .into(),
            });
        }
        match idempotency::claim(&txn, owner_id, key, &hash, now).await? {
            idempotency::Claim::Claimed => break txn,
            idempotency::Claim::Answered { status, body } => {
                return Ok(Submission {
                    status,
                    body,
                    replayed: true,
                });
            }
            // Another request holds the key and has not committed yet: wait and look again.
            idempotency::Claim::Busy => {
                drop(txn);
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        }
    };
    let case = load_owned_for_update(&txn, owner_id, case_id).await?;
    let definition =
        crate::eservices::version(&txn, &case.e_service_slug, case.e_service_version).await?;
    let settings = definition.settings();
    if settings.cosigners.is_some() {
        return Err(ApiError::Conflict {
            code: ErrorCode::CosigningNotAvailable,
            detail: "This e-service needs co-signers, and co-signing is not available yet.".into(),
            detail_sv: "E-tjänsten kräver medundertecknare, och medundertecknande finns inte \
                        ännu."
                .into(),
        });
    }
    let complete = if domain::CaseStatus::from(case.status) == domain::CaseStatus::Draft {
        match check_answers(&txn, &case, &definition, eservice::Scope::All, now).await? {
            Ok(_) => true,
            Err(errors) => return Err(ApiError::Validation(errors)),
        }
    } else {
        true
    };
    let number = case_numbers::next(&txn, domain::swedish_year(now)).await?;
    let changes = cases::ActiveModel {
        case_number: Set(Some(number.to_string())),
        submitted_at: Set(Some(now)),
        expires_at: Set(None),
        officer_group: Set(Some(settings.officer_group.clone())),
        ..Default::default()
    };
    let recorded = record(
        &txn,
        &case,
        changes,
        Actor::Citizen { id: owner_id },
        CaseCommand::Submit {
            complete,
            signature_required: settings.signature_required,
        },
        now,
    )
    .await?;
    let submitted = recorded.case.ok_or(ApiError::NotFound)?;
    let response = super::views::case_response(&txn, &submitted, &definition).await?;
    let body = serde_json::to_string(&response).map_err(ApiError::internal)?;
    if let Some(key) = key {
        idempotency::answer(&txn, owner_id, key, 201, &body).await?;
    }
    txn.commit().await.map_err(ApiError::internal)?;
    tracing::info!(user_id = %owner_id, case_id = %case_id, case_number = %number, "case submitted");
    Ok(Submission {
        status: 201,
        body,
        replayed: false,
    })
}

/// The definition field's file rules, for an upload to `field_id`.
pub fn file_rules<'a>(
    definition: &'a EServiceDefinition,
    field_id: &str,
) -> Option<(&'a [String], u64, u32)> {
    match definition.field(field_id).map(|field| &field.kind) {
        Some(FieldKind::FileUpload {
            accept,
            max_size_bytes,
            max_count,
        }) => Some((accept.as_slice(), *max_size_bytes, *max_count)),
        _ => None,
    }
}
