//! Administration: the audit log ("who read case X?", "what did officer Y open?"), the
//! notification outbox and the notice templates.

pub mod list_audit;
pub mod list_notice_templates;
pub mod list_outbox;
pub mod preview_notice_template;
pub mod reset_notice_template;
pub mod update_notice_template;
