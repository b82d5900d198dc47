//! A submitted case's page (status, case number, answers and dated history), the receipt shown
//! right after submitting, and the list of answers that the review page shares.
//!
//! - [`answers`]: the answers as people read them ([`answer_lines`], [`AnswerList`]);
//! - [`overview`]: a case that is no longer a draft ([`CaseOverview`]);
//! - [`receipt`]: the receipt ([`ReceiptPage`]).

pub mod answers;
pub mod messages;
pub mod notices;
pub mod overview;
pub mod receipt;

pub use answers::{AnswerList, answer_lines};
pub use overview::CaseOverview;
pub use receipt::ReceiptPage;
