//! Administration: the audit log ("who read case X?", "what did officer Y open?").

pub mod list_audit;
