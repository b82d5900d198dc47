//! The signing service: a citizen's BankID signature of their draft, from the order (only they
//! can complete it, and what they sign binds the answers and files) to the recorded signature
//! (the signing row, the domain's event and the draft's state in one transaction).

use std::net::IpAddr;

use api_types::{LoginDevice, UserMessage};
use bankid::Rfa;
use bankid::wire::{CompletionData, Requirement, Risk, SignRequest};
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ConnectionTrait, TransactionTrait};
use uuid::Uuid;

use super::{CaseError, drafts, load_owned, load_owned_for_update, transition_error};
use crate::auth::bankid_login::{bankid_error, user_message};
use crate::auth::bankid_orders::{OrderStatus, StoredOrder};
use crate::entities::{case_signatures, users};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// A started signing: its row, BankID's autostart token, and the text shown in the app.
#[derive(Debug)]
pub struct StartedSigning {
    /// The stored signing.
    pub signing: case_signatures::Model,
    /// For the same-device flow's autostart link.
    pub auto_start_token: String,
    /// What the citizen sees in the BankID app.
    pub signed_text: String,
}

/// Starts a BankID signature of `owner`'s complete draft from `ip`.
pub async fn start(
    state: &AppState,
    owner: &users::Model,
    case_id: Uuid,
    device: LoginDevice,
    ip: IpAddr,
) -> Result<StartedSigning, ApiError> {
    let case = load_owned(&state.db, owner.id, case_id).await?;
    if domain::CaseStatus::from(case.status) != domain::CaseStatus::Draft {
        return Err(transition_error(
            domain::TransitionError::IllegalTransition {
                from: case.status.into(),
                command: domain::CaseCommandKind::RecordSignature,
            },
        ));
    }
    let definition =
        crate::eservices::version(&state.db, &case.e_service_slug, case.e_service_version).await?;
    let now = state.clock.now();
    let files = drafts::check_answers(&state.db, &case, &definition, eservice::Scope::All, now)
        .await?
        .map_err(ApiError::Validation)?;
    let answers = drafts::answers_of(&case);
    let signed_text = eservice::summary_text(&definition, &answers, eservice::Lang::Sv);
    let digest = drafts::signed_digest(&definition, &case, &files);
    // Only the logged-in citizen can complete the order, and BankID reports its risk.
    let mut request = SignRequest::new(ip.to_string(), &signed_text).with_non_visible_data(&digest);
    request.requirement = Some(Requirement {
        personal_number: Some(owner.personnummer.to_digits()),
        ..Requirement::default()
    });
    request.return_risk = Some(true);
    let order = state.bankid.sign(&request).await.map_err(bankid_error)?;
    let signing = case_signatures::ActiveModel {
        id: Set(Uuid::new_v4()),
        case_id: Set(case.id),
        user_id: Set(owner.id),
        order_ref: Set(order.order_ref),
        qr_start_token: Set(order.qr_start_token),
        qr_start_secret: Set(order.qr_start_secret),
        device: Set(match device {
            LoginDevice::ThisDevice => "this_device".into(),
            LoginDevice::OtherDevice => "other_device".into(),
        }),
        answers_digest: Set(hex::encode(digest)),
        lock_version: Set(case.lock_version),
        status: Set(OrderStatus::Pending.as_str().into()),
        signature: Set(None),
        ocsp_response: Set(None),
        started_at: Set(now),
        finished_at: Set(None),
    }
    .insert(&state.db)
    .await
    .map_err(ApiError::internal)?;
    Ok(StartedSigning {
        signing,
        auto_start_token: order.auto_start_token,
        signed_text,
    })
}

/// Records a completed BankID order as `owner`'s signature of the draft, if it counts: signed by
/// them, not refused for risk, and the draft unchanged since signing started. `Ok(Err(message))`
/// is a refusal (the signing is then failed), `Ok(Ok(()))` the recorded signature.
pub async fn record_completion(
    state: &AppState,
    owner: &users::Model,
    signing: &case_signatures::Model,
    completion: &CompletionData,
    now: DateTime<Utc>,
) -> Result<Result<(), UserMessage>, ApiError> {
    let txn = state.db.begin().await.map_err(ApiError::internal)?;
    let outcome = match refusal(owner, completion) {
        Some(message) => Err(message),
        None => {
            end(&txn, signing, OrderStatus::Complete, Some(completion), now).await?;
            let case = load_owned_for_update(&txn, owner.id, signing.case_id).await?;
            let signed_revision =
                u32::try_from(signing.lock_version).map_err(ApiError::internal)?;
            match drafts::record_signature(&txn, &case, signed_revision, now).await {
                Ok(_) => Ok(()),
                // Changed since signing started, or no longer a draft.
                Err(CaseError::Refused(_) | CaseError::Concurrent) => Err(draft_changed()),
                Err(other) => return Err(other.into()),
            }
        }
    };
    match outcome {
        Ok(()) => txn.commit().await.map_err(ApiError::internal)?,
        Err(_) => {
            // A refused completion is not kept as a signature.
            txn.rollback().await.map_err(ApiError::internal)?;
            end(&state.db, signing, OrderStatus::Failed, None, now).await?;
        }
    }
    Ok(outcome)
}

/// Ends a signing that BankID failed.
pub async fn record_failure(
    state: &AppState,
    signing: &case_signatures::Model,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    end(&state.db, signing, OrderStatus::Failed, None, now).await
}

/// Ends the pending signing exactly once; a signing another request already ended is
/// `signing_finished` (and the caller's transaction rolls back).
async fn end(
    db: &impl ConnectionTrait,
    signing: &case_signatures::Model,
    to: OrderStatus,
    completion: Option<&CompletionData>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    if signing
        .finish(db, &[OrderStatus::Pending], to, completion, now)
        .await?
    {
        Ok(())
    } else {
        Err(signing_finished())
    }
}

/// Why a completed order does not count as the citizen's signature, if it does not.
fn refusal(owner: &users::Model, completion: &CompletionData) -> Option<UserMessage> {
    if completion.user.personal_number != owner.personnummer.0.as_str() {
        tracing::warn!(user_id = %owner.id, "signing refused: signed by another person");
        return Some(UserMessage {
            code: "signed_by_another_person".into(),
            sv: "Ärendet signerades med någon annans BankID. Signera med ditt eget BankID.".into(),
            en: "The case was signed with someone else's BankID. Sign with your own BankID.".into(),
        });
    }
    if completion.risk == Some(Risk::High) {
        tracing::warn!(user_id = %owner.id, "signing refused: BankID risk high");
        return Some(user_message(Rfa::Rfa22));
    }
    None
}

fn draft_changed() -> UserMessage {
    UserMessage {
        code: "draft_changed".into(),
        sv: "Utkastet ändrades under signeringen. Granska det och signera igen.".into(),
        en: "The draft changed while it was being signed. Review it and sign again.".into(),
    }
}

/// The answer for a signing that has already ended.
pub fn signing_finished() -> ApiError {
    ApiError::Conflict {
        code: ErrorCode::SigningFinished,
        detail: "This signing has already ended. Start a new one.".into(),
        detail_sv: "Den här signeringen är redan avslutad. Börja om.".into(),
    }
}
