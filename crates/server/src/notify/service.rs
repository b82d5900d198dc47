//! What the routes ask of notifications: a case's log for its owner, the profile's test notice,
//! the administrators' outbox view and template editing.

use api_types::{
    FieldError, NoticeLanguage, NoticeLog, NoticeStatus, NoticeTemplateResponse,
    NoticeTemplateTexts, OutboxEntryResponse, OutboxPage,
};
use chrono::{DateTime, Utc};
use domain::NoticeKind;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use uuid::Uuid;

use super::templates;
use crate::entities::{notification_templates, notifications, profiles};
use crate::error::{ApiError, ErrorCode};

/// The notices about one of the owner's cases, newest first.
///
/// # Errors
///
/// `not_found` for a case that is not theirs.
pub async fn case_log(
    db: &DatabaseConnection,
    owner_id: Uuid,
    case_id: Uuid,
) -> Result<NoticeLog, ApiError> {
    crate::cases::load_owned(db, owner_id, case_id).await?;
    let rows = notifications::Entity::find()
        .filter(notifications::Column::CaseId.eq(case_id))
        .filter(notifications::Column::UserId.eq(owner_id))
        .order_by_desc(notifications::Column::CreatedAt)
        .order_by_desc(notifications::Column::Id)
        .limit(200)
        .all(db)
        .await
        .map_err(ApiError::internal)?;
    Ok(NoticeLog {
        notices: rows.iter().map(super::response).collect(),
    })
}

/// Queues a test notice to each channel the citizen's profile asks for, within the hourly
/// budget.
///
/// # Errors
///
/// `no_notice_channel` (422) without a chosen channel; `rate_limited` beyond the hourly budget.
pub async fn send_test(
    db: &DatabaseConnection,
    user_id: Uuid,
    per_hour: u32,
    now: DateTime<Utc>,
) -> Result<Vec<notifications::Model>, ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    // The citizen's row is locked while counting (PostgreSQL; SQLite has one writer), so
    // requests at once cannot pass the budget together.
    let mut owner = crate::entities::users::Entity::find_by_id(user_id);
    if sea_orm::ConnectionTrait::get_database_backend(&txn) == sea_orm::DbBackend::Postgres {
        owner = owner.lock_exclusive();
    }
    owner.one(&txn).await.map_err(ApiError::internal)?;
    let recent = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user_id))
        .filter(notifications::Column::Kind.eq(NoticeKind::TestNotice.as_str()))
        .filter(notifications::Column::CreatedAt.gt(now - chrono::Duration::hours(1)))
        .order_by_asc(notifications::Column::CreatedAt)
        .all(&txn)
        .await
        .map_err(ApiError::internal)?;
    // Count notices, not rows: a notice is one row per channel, so the busiest channel has
    // one row for each notice.
    let per_channel = |channel: &str| recent.iter().filter(|row| row.channel == channel).count();
    let sent = per_channel(api_types::NoticeChannel::Email.as_str())
        .max(per_channel(api_types::NoticeChannel::Sms.as_str()));
    if sent >= per_hour as usize {
        let oldest = recent.first().map_or(now, |row| row.created_at);
        let wait = (oldest + chrono::Duration::hours(1) - now)
            .num_seconds()
            .max(1);
        return Err(ApiError::TooManyRequests {
            retry_after_seconds: u64::try_from(wait).unwrap_or(3600),
        });
    }
    let profile = profiles::Entity::find_by_id(user_id)
        .one(&txn)
        .await
        .map_err(ApiError::internal)?;
    let recipient = profile
        .as_ref()
        .map(super::Recipient::from_profile)
        .unwrap_or_default();
    if recipient.email.is_none() && recipient.phone.is_none() {
        return Err(ApiError::Conflict {
            code: ErrorCode::NoNoticeChannel,
            detail: "Choose e-mail or SMS (with an address or number) and save the profile \
                     first."
                .into(),
            detail_sv: "Välj e-post eller sms (med adress eller nummer) och spara profilen \
                        först."
                .into(),
        });
    }
    let rows = super::to_person(&txn, &recipient, NoticeKind::TestNotice, None, now)
        .await
        .map_err(ApiError::internal)?;
    txn.commit().await.map_err(ApiError::internal)?;
    tracing::info!(%user_id, notices = rows.len(), "test notice queued");
    Ok(rows)
}

/// A page of the outbox for administrators, newest first, optionally of one status.
///
/// # Errors
///
/// `invalid_query` for a cursor this server did not give out.
pub async fn outbox_page(
    db: &DatabaseConnection,
    status: Option<NoticeStatus>,
    before: Option<&str>,
    limit: u64,
) -> Result<OutboxPage, ApiError> {
    let mut select = notifications::Entity::find();
    if let Some(status) = status {
        select = select.filter(notifications::Column::Status.eq(status.as_str()));
    }
    if let Some(cursor) = before {
        let (at, id) = crate::paging::parse(cursor, "before")?;
        select = select.filter(
            Condition::any()
                .add(notifications::Column::CreatedAt.lt(at))
                .add(
                    Condition::all()
                        .add(notifications::Column::CreatedAt.eq(at))
                        .add(notifications::Column::Id.lt(id)),
                ),
        );
    }
    let mut rows = select
        .order_by_desc(notifications::Column::CreatedAt)
        .order_by_desc(notifications::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await
        .map_err(ApiError::internal)?;
    let more = u64::try_from(rows.len()).unwrap_or(u64::MAX) > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = more
        .then(|| rows.last())
        .flatten()
        .map(|row| crate::paging::cursor(row.created_at, row.id));
    Ok(OutboxPage {
        entries: rows
            .into_iter()
            .map(|row| {
                let status = NoticeStatus::parse(&row.status).unwrap_or(NoticeStatus::Pending);
                OutboxEntryResponse {
                    id: row.id.to_string(),
                    kind: row.kind,
                    channel: api_types::NoticeChannel::parse(&row.channel)
                        .unwrap_or(api_types::NoticeChannel::Email),
                    recipient_hint: row.recipient_hint,
                    status,
                    attempts: u32::try_from(row.attempts).unwrap_or(0),
                    last_error: row.last_error,
                    case_id: row.case_id.map(Into::into),
                    created_at: row.created_at.to_rfc3339(),
                    next_attempt_at: matches!(status, NoticeStatus::Pending)
                        .then(|| row.next_attempt_at.to_rfc3339()),
                    failed_at: row.failed_at.map(|at| at.to_rfc3339()),
                }
            })
            .collect(),
        next_cursor,
    })
}

/// The kind and language named in a template path; `not_found` for others.
///
/// # Errors
///
/// `not_found`.
pub fn template_key(kind: &str, language: &str) -> Result<(NoticeKind, NoticeLanguage), ApiError> {
    let kind = NoticeKind::parse(kind).ok_or(ApiError::NotFound)?;
    let language = match language {
        "sv" => NoticeLanguage::Sv,
        "en" => NoticeLanguage::En,
        _ => return Err(ApiError::NotFound),
    };
    Ok((kind, language))
}

/// Every template in use.
///
/// # Errors
///
/// The database's.
pub async fn list_templates(
    db: &DatabaseConnection,
) -> Result<Vec<NoticeTemplateResponse>, ApiError> {
    let mut out = Vec::new();
    for kind in NoticeKind::ALL {
        for language in [NoticeLanguage::Sv, NoticeLanguage::En] {
            let (texts, customized) = templates::effective(db, kind, language)
                .await
                .map_err(ApiError::internal)?;
            out.push(NoticeTemplateResponse {
                kind: kind.as_str().to_owned(),
                language,
                texts,
                customized,
            });
        }
    }
    Ok(out)
}

/// The rules an administrator's texts must follow, as field errors.
///
/// # Errors
///
/// `validation_failed` listing each broken rule.
pub fn check_texts(texts: &NoticeTemplateTexts) -> Result<(), ApiError> {
    let problems = templates::problems(texts);
    if problems.is_empty() {
        return Ok(());
    }
    Err(ApiError::Validation(
        problems
            .into_iter()
            .map(|(field, message, message_sv)| FieldError {
                field: field.into(),
                code: "invalid_template".into(),
                message: message.into(),
                message_sv: message_sv.into(),
            })
            .collect(),
    ))
}

/// Replaces the texts of one template.
///
/// # Errors
///
/// `validation_failed` for texts that break a rule.
pub async fn save_template(
    db: &DatabaseConnection,
    kind: NoticeKind,
    language: NoticeLanguage,
    texts: NoticeTemplateTexts,
    staff_id: Uuid,
    now: DateTime<Utc>,
) -> Result<NoticeTemplateResponse, ApiError> {
    check_texts(&texts)?;
    let row = notification_templates::ActiveModel {
        kind: Set(kind.as_str().to_owned()),
        language: Set(language.as_str().to_owned()),
        subject: Set(texts.subject.clone()),
        body: Set(texts.body.clone()),
        sms: Set(texts.sms.clone()),
        updated_at: Set(now),
        updated_by: Set(staff_id),
    };
    let txn = db.begin().await.map_err(ApiError::internal)?;
    notification_templates::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                notification_templates::Column::Kind,
                notification_templates::Column::Language,
            ])
            .update_columns([
                notification_templates::Column::Subject,
                notification_templates::Column::Body,
                notification_templates::Column::Sms,
                notification_templates::Column::UpdatedAt,
                notification_templates::Column::UpdatedBy,
            ])
            .to_owned(),
        )
        .exec(&txn)
        .await
        .map_err(ApiError::internal)?;
    audit_and_commit(txn, staff_id, kind, language, "", now).await?;
    Ok(NoticeTemplateResponse {
        kind: kind.as_str().to_owned(),
        language,
        texts,
        customized: true,
    })
}

/// Records a template change in the audit log (`kind/language` and `what`) and commits it.
async fn audit_and_commit(
    txn: sea_orm::DatabaseTransaction,
    staff_id: Uuid,
    kind: NoticeKind,
    language: NoticeLanguage,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    crate::audit::record(
        &txn,
        staff_id,
        crate::audit::Action::NoticeTemplateChanged,
        None,
        Some(format!("{}/{}{what}", kind.as_str(), language.as_str())),
        now,
    )
    .await
    .map_err(ApiError::internal)?;
    txn.commit().await.map_err(ApiError::internal)
}

/// Goes back to the built-in texts of one template.
///
/// # Errors
///
/// The database's.
pub async fn reset_template(
    db: &DatabaseConnection,
    kind: NoticeKind,
    language: NoticeLanguage,
    staff_id: Uuid,
    now: DateTime<Utc>,
) -> Result<NoticeTemplateResponse, ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    notification_templates::Entity::delete_many()
        .filter(notification_templates::Column::Kind.eq(kind.as_str()))
        .filter(notification_templates::Column::Language.eq(language.as_str()))
        .exec(&txn)
        .await
        .map_err(ApiError::internal)?;
    audit_and_commit(txn, staff_id, kind, language, " reset", now).await?;
    Ok(NoticeTemplateResponse {
        kind: kind.as_str().to_owned(),
        language,
        texts: templates::builtin(kind, language),
        customized: false,
    })
}
