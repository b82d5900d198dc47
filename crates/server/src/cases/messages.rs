//! The message thread of a case, between its owner and the officers: writing (a domain command,
//! so the lifecycle decides when the citizen may write), files sent with a message, read
//! receipts and the unread counters on the case row that the lists show.

use std::collections::HashMap;

use api_types::{MessageAttachmentResponse, MessageAuthor, MessageResponse};
use chrono::{DateTime, Duration, Utc};
use domain::CaseCommand;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use uuid::Uuid;

use super::officer::{self, Reader};
use super::record;
use crate::audit::{self, Action};
use crate::entities::{case_messages, cases, message_attachments, users};
use crate::error::ApiError;

/// The longest message file, in bytes.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// The types a message file may have (found from its content).
pub const ACCEPTED_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

fn author_of(reader: Reader<'_>) -> MessageAuthor {
    match reader {
        Reader::Owner(_) => MessageAuthor::Citizen,
        Reader::Officer(_) => MessageAuthor::Officer,
    }
}

const fn role_name(author: MessageAuthor) -> &'static str {
    match author {
        MessageAuthor::Citizen => "citizen",
        MessageAuthor::Officer => "officer",
    }
}

/// The thread of a case, oldest first, with each message's files.
pub async fn thread(
    db: &impl ConnectionTrait,
    case_id: Uuid,
) -> Result<Vec<MessageResponse>, ApiError> {
    let messages = case_messages::Entity::find()
        .filter(case_messages::Column::CaseId.eq(case_id))
        .order_by_asc(case_messages::Column::CreatedAt)
        .order_by_asc(case_messages::Column::Id)
        .all(db)
        .await
        .map_err(ApiError::internal)?;
    let mut files: HashMap<Uuid, Vec<MessageAttachmentResponse>> = HashMap::new();
    for file in message_attachments::Entity::find()
        .filter(message_attachments::Column::CaseId.eq(case_id))
        .filter(message_attachments::Column::MessageId.is_not_null())
        .order_by_asc(message_attachments::Column::CreatedAt)
        .all(db)
        .await
        .map_err(ApiError::internal)?
    {
        if let Some(message_id) = file.message_id {
            files
                .entry(message_id)
                .or_default()
                .push(attachment_response(&file));
        }
    }
    Ok(messages
        .into_iter()
        .map(|message| MessageResponse {
            id: message.id.into(),
            author: if message.author_role == role_name(MessageAuthor::Officer) {
                MessageAuthor::Officer
            } else {
                MessageAuthor::Citizen
            },
            author_name: message.author_name,
            body: message.body,
            created_at: message.created_at.to_rfc3339(),
            read_at: message.read_at.map(|at| at.to_rfc3339()),
            attachments: files.remove(&message.id).unwrap_or_default(),
        })
        .collect())
}

/// The API view of a message file.
pub fn attachment_response(file: &message_attachments::Model) -> MessageAttachmentResponse {
    MessageAttachmentResponse {
        id: file.id.into(),
        file_name: file.file_name.clone(),
        content_type: file.content_type.clone(),
        size_bytes: u64::try_from(file.size_bytes).unwrap_or_default(),
    }
}

/// Until when the owner may write on `case` (`None`: while open, always; or never).
pub fn writable_until(case: &cases::Model, reply_window_days: u32) -> Option<DateTime<Utc>> {
    case.closed_at
        .map(|closed| closed + Duration::days(i64::from(reply_window_days)))
}

/// Whether `reader` may write on `case` at `now` (the domain's rule, asked without recording).
pub fn can_write(
    case: &cases::Model,
    reader: Reader<'_>,
    reply_window_days: u32,
    now: DateTime<Utc>,
) -> bool {
    let Ok(state) = super::state_of(case) else {
        return false;
    };
    domain::decide(
        &state,
        command(reader, Uuid::nil(), reply_window_days),
        now,
        reader.actor(),
    )
    .is_ok()
}

fn command(reader: Reader<'_>, message_id: Uuid, reply_window_days: u32) -> CaseCommand {
    match reader {
        Reader::Owner(_) => CaseCommand::PostCitizenMessage {
            message_id,
            reply_window_days,
        },
        Reader::Officer(_) => CaseCommand::PostOfficerMessage { message_id },
    }
}

/// A message to write.
#[derive(Debug)]
pub struct NewMessage<'a> {
    /// The text, trimmed by the caller's validation.
    pub body: &'a str,
    /// Files uploaded for it by the same writer.
    pub attachment_ids: &'a [Uuid],
}

/// Writes a message on a case `reader` may see: the domain decides whether they may write now
/// (a citizen on a closed case only within the reply window); the other side's unread count
/// goes up, an officer's message records a notification, all in one transaction.
pub async fn post(
    db: &DatabaseConnection,
    reader: Reader<'_>,
    case_id: Uuid,
    new: NewMessage<'_>,
    now: DateTime<Utc>,
) -> Result<MessageResponse, ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    let case = officer::load(&txn, reader, case_id, true).await?;
    let definition =
        crate::eservices::version(&txn, &case.e_service_slug, case.e_service_version).await?;
    let window = definition.settings().reply_window_days();
    let message_id = Uuid::new_v4();
    let author = author_of(reader);
    let (author_id, author_name) = match reader {
        Reader::Owner(id) => {
            let user = users::Entity::find_by_id(id)
                .one(&txn)
                .await
                .map_err(ApiError::internal)?
                .ok_or(ApiError::NotFound)?;
            (id, format!("{} {}", user.given_name, user.surname))
        }
        Reader::Officer(member) => (member.id(), member.account.display_name.clone()),
    };
    record(
        &txn,
        &case,
        cases::ActiveModel {
            last_message_at: Set(Some(now)),
            ..Default::default()
        },
        reader.actor(),
        command(reader, message_id, window),
        now,
    )
    .await?;
    let stored = case_messages::ActiveModel {
        id: Set(message_id),
        case_id: Set(case.id),
        author_role: Set(role_name(author).to_owned()),
        author_id: Set(author_id),
        author_name: Set(author_name.clone()),
        body: Set(new.body.to_owned()),
        created_at: Set(now),
        read_at: Set(None),
    }
    .insert(&txn)
    .await
    .map_err(ApiError::internal)?;
    let mut files = Vec::new();
    for id in new.attachment_ids {
        let file = message_attachments::Entity::find_by_id(*id)
            .one(&txn)
            .await
            .map_err(ApiError::internal)?
            .filter(|file| {
                file.case_id == case.id
                    && file.uploader_id == author_id
                    && file.message_id.is_none()
            })
            .ok_or_else(|| {
                ApiError::Validation(vec![api_types::FieldError {
                    field: "attachment_ids".into(),
                    code: "unknown_attachment".into(),
                    message: "A file is missing or already sent. Attach it again.".into(),
                    message_sv: "En fil saknas eller är redan skickad. Bifoga den igen.".into(),
                }])
            })?;
        let mut linked: message_attachments::ActiveModel = file.into();
        linked.message_id = Set(Some(message_id));
        files.push(attachment_response(
            &linked.update(&txn).await.map_err(ApiError::internal)?,
        ));
    }
    let counter = match author {
        MessageAuthor::Citizen => cases::Column::UnreadByOfficer,
        MessageAuthor::Officer => cases::Column::UnreadByCitizen,
    };
    cases::Entity::update_many()
        .col_expr(counter, Expr::col(counter).add(1))
        .filter(cases::Column::Id.eq(case.id))
        .exec(&txn)
        .await
        .map_err(ApiError::internal)?;
    if let Reader::Officer(member) = reader {
        audit::record(
            &txn,
            member.id(),
            Action::MessageSent,
            Some(case.id),
            Some(message_id.to_string()),
            now,
        )
        .await
        .map_err(ApiError::internal)?;
    }
    txn.commit().await.map_err(ApiError::internal)?;
    Ok(MessageResponse {
        id: stored.id.into(),
        author,
        author_name,
        body: stored.body,
        created_at: stored.created_at.to_rfc3339(),
        read_at: None,
        attachments: files,
    })
}

/// Marks the other side's messages as read by `reader` and sets the reader's unread count to
/// what is still unread. The case row is locked first, so a message written at the same moment
/// is either marked or counted.
pub async fn mark_read(
    db: &DatabaseConnection,
    reader: Reader<'_>,
    case_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    let case = officer::load(&txn, reader, case_id, true).await?;
    let (others, counter) = match reader {
        Reader::Owner(_) => (MessageAuthor::Officer, cases::Column::UnreadByCitizen),
        Reader::Officer(_) => (MessageAuthor::Citizen, cases::Column::UnreadByOfficer),
    };
    case_messages::Entity::update_many()
        .col_expr(case_messages::Column::ReadAt, Expr::value(Some(now)))
        .filter(case_messages::Column::CaseId.eq(case.id))
        .filter(case_messages::Column::AuthorRole.eq(role_name(others)))
        .filter(case_messages::Column::ReadAt.is_null())
        .exec(&txn)
        .await
        .map_err(ApiError::internal)?;
    cases::Entity::update_many()
        .col_expr(counter, Expr::value(0))
        .filter(cases::Column::Id.eq(case.id))
        .exec(&txn)
        .await
        .map_err(ApiError::internal)?;
    if let Reader::Officer(member) = reader {
        audit::record(
            &txn,
            member.id(),
            Action::MessagesRead,
            Some(case.id),
            None,
            now,
        )
        .await
        .map_err(ApiError::internal)?;
    }
    txn.commit().await.map_err(ApiError::internal)?;
    Ok(())
}

/// A file uploaded for a message not yet written.
#[derive(Debug)]
pub struct NewFile {
    /// Cleaned name.
    pub file_name: String,
    /// Sniffed type.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// SHA-256 (hex).
    pub sha256: String,
}

/// Stores the row of an uploaded message file (its content is already in the blob store under
/// `id`), if `reader` may see the case.
pub async fn add_file(
    db: &DatabaseConnection,
    reader: Reader<'_>,
    case_id: Uuid,
    id: Uuid,
    file: NewFile,
    now: DateTime<Utc>,
) -> Result<message_attachments::Model, ApiError> {
    let txn = db.begin().await.map_err(ApiError::internal)?;
    let case = officer::load(&txn, reader, case_id, false).await?;
    let uploader_id = match reader {
        Reader::Owner(id) => id,
        Reader::Officer(member) => member.id(),
    };
    let stored = message_attachments::ActiveModel {
        id: Set(id),
        case_id: Set(case.id),
        message_id: Set(None),
        uploader_id: Set(uploader_id),
        file_name: Set(file.file_name),
        content_type: Set(file.content_type),
        size_bytes: Set(file.size_bytes),
        sha256: Set(file.sha256),
        created_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(ApiError::internal)?;
    if let Reader::Officer(member) = reader {
        audit::record(
            &txn,
            member.id(),
            Action::MessageAttachmentUploaded,
            Some(case.id),
            Some(id.to_string()),
            now,
        )
        .await
        .map_err(ApiError::internal)?;
    }
    txn.commit().await.map_err(ApiError::internal)?;
    Ok(stored)
}

/// A message file of a case `reader` may see: sent files, and the reader's own unsent ones.
pub async fn load_file(
    db: &impl ConnectionTrait,
    reader: Reader<'_>,
    case_id: Uuid,
    file_id: Uuid,
) -> Result<message_attachments::Model, ApiError> {
    let case = officer::load(db, reader, case_id, false).await?;
    let own_id = match reader {
        Reader::Owner(id) => id,
        Reader::Officer(member) => member.id(),
    };
    message_attachments::Entity::find_by_id(file_id)
        .one(db)
        .await
        .map_err(ApiError::internal)?
        .filter(|file| {
            file.case_id == case.id && (file.message_id.is_some() || file.uploader_id == own_id)
        })
        .ok_or(ApiError::NotFound)
}
