//! Domain rules for Mina sidor, shared by the server and the WASM frontend.
//!
//! Everything here is pure: no I/O, no async and no clock. Functions that
//! depend on "now" take the time as an argument, so the same rules run in the
//! browser, on the server and in deterministic tests.
//!
//! Value types validate in their constructors and keep their fields private,
//! so holding a [`Personnummer`], [`Email`], [`PhoneNumber`] or [`CaseNumber`]
//! is proof that the value is well formed. Deserialisation goes through the
//! same constructors, so invalid input cannot sneak in through JSON.

#![warn(missing_docs)]

mod case_number;
mod email;
mod ids;
mod lifecycle;
mod notice;
mod personnummer;
mod phone;
mod postal_code;
mod sweden;

pub use case_number::{CaseNumber, CaseNumberError};
pub use email::{Email, EmailError};
pub use ids::{AttachmentId, CaseId, EServiceVersion, MessageId, StaffId, UserId};
pub use lifecycle::{
    Actor, ActorRole, ApplyError, CaseCommand, CaseCommandKind, CaseEvent, CaseEventKind,
    CaseGroup, CaseOutcome, CasePhase, CaseState, CaseStatus, TransitionError, apply, decide,
    replay, start_draft,
};
pub use notice::{NoticeKind, QuietHours, QuietHoursError, retry_delay};
pub use personnummer::{Personnummer, PersonnummerError};
pub use phone::{PhoneNumber, PhoneNumberError};
pub use postal_code::{PostalCode, PostalCodeError};
pub use sweden::{swedish_date, swedish_local_time, swedish_year, utc_offset_seconds};
