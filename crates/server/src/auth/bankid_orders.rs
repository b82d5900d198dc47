//! The BankID order service that logins and signings share: a stored order's animated QR code,
//! collecting it (with the user message for every state), cancelling it, and ending it exactly
//! once. The flows differ only in what a completed order means.

use api_types::UserMessage;
use bankid::Rfa;
use bankid::wire::{CollectStatus, CompletionData};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::auth::bankid_login::{bankid_error, flow_for, qr_content_now, user_message};
use crate::entities::{bankid_logins, case_signatures};
use crate::error::ApiError;
use crate::state::AppState;

/// Where a stored order is; stored as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    /// Waiting for the user.
    Pending,
    /// Completed and accepted.
    Complete,
    /// Failed at BankID, or completed but refused here.
    Failed,
    /// Cancelled by the user or the client.
    Cancelled,
}

impl OrderStatus {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Complete => "complete",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }
}

/// The columns every stored BankID order has, whichever flow stored it.
#[derive(Debug, Clone, Copy)]
pub struct OrderColumns<'a> {
    /// BankID's order reference.
    pub order_ref: &'a str,
    /// The QR code's start token.
    pub qr_start_token: &'a str,
    /// The QR code's secret (never sent to a client).
    pub qr_start_secret: &'a str,
    /// When the order was started.
    pub started_at: DateTime<Utc>,
    /// `this_device` or `other_device`.
    pub device: &'a str,
    /// The stored status's name.
    pub status: &'a str,
}

/// A BankID order as a flow stores it.
pub trait StoredOrder {
    /// The order's columns.
    fn columns(&self) -> OrderColumns<'_>;
    /// Moves the order from one of `from` to `to`; false when another request got there first.
    fn finish(
        &self,
        db: &impl ConnectionTrait,
        from: &[OrderStatus],
        to: OrderStatus,
        completion: Option<&CompletionData>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<bool, ApiError>>;

    /// Whether the order still waits for the user.
    fn is_pending(&self) -> bool {
        self.columns().status == OrderStatus::Pending.as_str()
    }
}

/// The QR content for the current second of a pending order; an ended order has no QR code.
pub fn qr_content(order: &impl StoredOrder, now: DateTime<Utc>) -> Result<String, ApiError> {
    if !order.is_pending() {
        return Err(ApiError::NotFound);
    }
    let columns = order.columns();
    Ok(qr_content_now(
        columns.qr_start_token,
        columns.qr_start_secret,
        columns.started_at,
        now,
    ))
}

/// Cancels a pending order at BankID and here. BankID may already have ended it; the order
/// ends here regardless.
pub async fn cancel(state: &AppState, order: &impl StoredOrder) -> Result<(), ApiError> {
    if !order.is_pending() {
        return Ok(());
    }
    if let Err(error) = state.bankid.cancel(order.columns().order_ref).await {
        tracing::info!(%error, "BankID cancel answered with an error");
    }
    order
        .finish(
            &state.db,
            &[OrderStatus::Pending],
            OrderStatus::Cancelled,
            None,
            state.clock.now(),
        )
        .await?;
    Ok(())
}

/// What BankID says of an order, with the message the user sees.
#[derive(Debug)]
pub enum Collected {
    /// Still waiting.
    Pending {
        /// BankID's hint code.
        hint_code: Option<String>,
        /// The RFA message.
        message: UserMessage,
    },
    /// Ended without a signature.
    Failed {
        /// BankID's hint code.
        hint_code: Option<String>,
        /// The RFA message.
        message: UserMessage,
    },
    /// Signed; the flow decides whether it counts.
    Complete {
        /// BankID's hint code.
        hint_code: Option<String>,
        /// Who signed, the signature and the OCSP response.
        completion: Box<CompletionData>,
    },
}

/// Collects a pending order from BankID.
pub async fn collect(state: &AppState, order: &impl StoredOrder) -> Result<Collected, ApiError> {
    let collected = state
        .bankid
        .collect(order.columns().order_ref)
        .await
        .map_err(bankid_error)?;
    let hint_code = collected
        .hint_code
        .as_ref()
        .map(|hint| hint.as_str().to_owned());
    let flow = flow_for(order.columns().device);
    Ok(match (&collected.status, collected.completion_data) {
        (CollectStatus::Complete, Some(completion)) => Collected::Complete {
            hint_code,
            completion: Box::new(completion),
        },
        (CollectStatus::Pending, _) => Collected::Pending {
            message: user_message(
                Rfa::for_collect(&CollectStatus::Pending, collected.hint_code.as_ref(), flow)
                    .unwrap_or(Rfa::Rfa21),
            ),
            hint_code,
        },
        (status, _) => Collected::Failed {
            message: user_message(
                Rfa::for_collect(status, collected.hint_code.as_ref(), flow).unwrap_or(Rfa::Rfa22),
            ),
            hint_code,
        },
    })
}

fn names(statuses: &[OrderStatus]) -> Vec<&'static str> {
    statuses.iter().map(|status| status.as_str()).collect()
}

impl StoredOrder for bankid_logins::Model {
    fn columns(&self) -> OrderColumns<'_> {
        OrderColumns {
            order_ref: &self.order_ref,
            qr_start_token: &self.qr_start_token,
            qr_start_secret: &self.qr_start_secret,
            started_at: self.started_at,
            device: &self.device,
            status: &self.status,
        }
    }
    async fn finish(
        &self,
        db: &impl ConnectionTrait,
        from: &[OrderStatus],
        to: OrderStatus,
        _completion: Option<&CompletionData>,
        now: DateTime<Utc>,
    ) -> Result<bool, ApiError> {
        let result = bankid_logins::Entity::update_many()
            .col_expr(bankid_logins::Column::Status, Expr::value(to.as_str()))
            .col_expr(bankid_logins::Column::FinishedAt, Expr::value(Some(now)))
            .filter(bankid_logins::Column::Id.eq(self.id))
            .filter(bankid_logins::Column::Status.is_in(names(from)))
            .exec(db)
            .await
            .map_err(ApiError::internal)?;
        Ok(result.rows_affected == 1)
    }
}

impl StoredOrder for case_signatures::Model {
    fn columns(&self) -> OrderColumns<'_> {
        OrderColumns {
            order_ref: &self.order_ref,
            qr_start_token: &self.qr_start_token,
            qr_start_secret: &self.qr_start_secret,
            started_at: self.started_at,
            device: &self.device,
            status: &self.status,
        }
    }
    /// Keeps BankID's signature and OCSP response with a completed signing.
    async fn finish(
        &self,
        db: &impl ConnectionTrait,
        from: &[OrderStatus],
        to: OrderStatus,
        completion: Option<&CompletionData>,
        now: DateTime<Utc>,
    ) -> Result<bool, ApiError> {
        let result = case_signatures::Entity::update_many()
            .col_expr(case_signatures::Column::Status, Expr::value(to.as_str()))
            .col_expr(case_signatures::Column::FinishedAt, Expr::value(Some(now)))
            .col_expr(
                case_signatures::Column::Signature,
                Expr::value(completion.map(|c| c.signature.clone())),
            )
            .col_expr(
                case_signatures::Column::OcspResponse,
                Expr::value(completion.map(|c| c.ocsp_response.clone())),
            )
            .filter(case_signatures::Column::Id.eq(self.id))
            .filter(case_signatures::Column::Status.is_in(names(from)))
            .exec(db)
            .await
            .map_err(ApiError::internal)?;
        Ok(result.rows_affected == 1)
    }
}
