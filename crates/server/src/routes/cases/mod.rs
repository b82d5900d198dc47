//! A citizen's cases: drafts (create, save, validate, delete, attachments), submission, and the
//! lists and history of Mina sidor. Each handler parses the request, calls the case service
//! ([`crate::cases`]) and maps the result.

pub mod create_draft;
pub mod delete_attachment;
pub mod delete_draft;
pub mod download_attachment;
pub mod download_message_attachment;
pub mod get_case;
pub mod list_case_notices;
pub mod list_cases;
pub mod list_messages;
pub mod mark_messages_read;
pub mod post_message;
pub mod save_draft;
pub mod submit_draft;
pub mod upload_attachment;
pub mod upload_message_attachment;
pub mod validate_draft;
