//! Refunds under the four-eyes principle (seed 004): one employee asks, **another** decides,
//! the operator executes. The arithmetic of what may still be refunded and the moves a refund's
//! status may make are written once, here: the browser checks them as the user types, the
//! server again under its write lock, so that no sequence of requests refunds more than was paid.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::ids::{PurchaseId, RefundId};
use crate::messages;
use crate::money::Money;
use crate::validate::{has_control_character, Checker};

use super::{PaymentEvent, PurchaseStatus, PurchaseSummary};

/// The longest note or rejection reason: a ticket message's.
pub const NOTE_MAX_CHARS: usize = crate::tickets::MESSAGE_MAX_CHARS;

/// Where a refund stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    /// Asked for; waits for another employee's decision (« En attente d'approbation »).
    PendingApproval,
    /// Refused by an approver, with a reason; the amount is free again (seed: back to « créé »).
    Rejected,
    /// Approved and with the operator, who may take up to three days (« En attente »).
    Processing,
    /// The operator's last attempt failed; the server tries again on its own (« Échec »).
    Failed,
    /// The customer's instrument is credited; the bank may take 48 h to show it (« Terminé »).
    Completed,
}

impl RefundStatus {
    pub const ALL: [RefundStatus; 5] = [
        RefundStatus::PendingApproval,
        RefundStatus::Processing,
        RefundStatus::Failed,
        RefundStatus::Completed,
        RefundStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefundStatus::PendingApproval => "pending_approval",
            RefundStatus::Rejected => "rejected",
            RefundStatus::Processing => "processing",
            RefundStatus::Failed => "failed",
            RefundStatus::Completed => "completed",
        }
    }

    pub fn parse(s: &str) -> Option<RefundStatus> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether its amount is spoken for: every refund that is not rejected, since one waiting
    /// for approval or for the operator, or failed and being retried, will move money unless
    /// someone rejects it.
    pub fn holds_amount(self) -> bool {
        self != RefundStatus::Rejected
    }

    /// The status after `step`, or `None` when the step does not apply.
    pub fn after(self, step: RefundStep) -> Option<RefundStatus> {
        use RefundStatus::*;
        use RefundStep::*;
        match (self, step) {
            (PendingApproval, Approve) => Some(Processing),
            (PendingApproval, Reject) => Some(Rejected),
            // A timed-out or pending attempt leaves the refund with the operator.
            (Processing, OperatorPending | OperatorUnanswered) => Some(Processing),
            (Processing, OperatorFailed) => Some(Failed),
            (Processing, OperatorCompleted) => Some(Completed),
            (Failed, Retry) => Some(Processing),
            _ => None,
        }
    }

    /// Finished: nothing will happen to it any more.
    pub fn is_final(self) -> bool {
        matches!(self, RefundStatus::Rejected | RefundStatus::Completed)
    }
}

/// What can happen to a refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefundStep {
    Approve,
    Reject,
    /// The operator took the attempt and will finish it later.
    OperatorPending,
    /// The operator did not answer: the outcome is unknown until asked again.
    OperatorUnanswered,
    OperatorFailed,
    OperatorCompleted,
    /// A new attempt after a failure, on the server's schedule or asked for by a person.
    Retry,
}

/// What a new refund of a purchase may still take: its amount if it completed, less every refund
/// that holds an amount ([`RefundStatus::holds_amount`]); zero for a purchase that is not
/// completed. Never negative.
pub fn refundable(
    purchase: PurchaseStatus,
    paid_minor: i64,
    refunds: impl IntoIterator<Item = (i64, RefundStatus)>,
) -> i64 {
    if purchase != PurchaseStatus::Completed {
        return 0;
    }
    let held: i64 = refunds
        .into_iter()
        .filter(|(_, status)| status.holds_amount())
        .map(|(amount, _)| amount)
        .sum();
    (paid_minor - held).max(0)
}

/// Why a refund is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundReason {
    CustomerRequest,
    Duplicate,
    Fraud,
    /// Needs a note saying what.
    Other,
}

impl RefundReason {
    pub const ALL: [RefundReason; 4] = [
        RefundReason::CustomerRequest,
        RefundReason::Duplicate,
        RefundReason::Fraud,
        RefundReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefundReason::CustomerRequest => "customer_request",
            RefundReason::Duplicate => "duplicate",
            RefundReason::Fraud => "fraud",
            RefundReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<RefundReason> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// `POST /purchases/{id}/refunds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRefund {
    /// In the purchase's currency's minor units: more than zero, at most what is refundable.
    pub amount_minor: i64,
    pub reason: RefundReason,
    /// For the approver; required when the reason is `other`.
    #[serde(default)]
    pub note: String,
}

/// Checks a new refund against what the purchase may still refund. Field errors by wire name:
/// `amount_minor`: `error.amount_positive`, `error.refund_exceeds`; `note`: `error.required`
/// (reason `other`), `error.too_long`, `error.control_character`.
pub fn check_new_refund(req: &NewRefund, refundable_minor: i64) -> Result<(), FieldErrors> {
    let mut checker = Checker::default();
    checker.check(
        "amount_minor",
        if req.amount_minor <= 0 {
            Err(messages::AMOUNT_POSITIVE)
        } else if req.amount_minor > refundable_minor {
            Err(messages::REFUND_EXCEEDS)
        } else {
            Ok(())
        },
    );
    let note = req.note.trim();
    checker.check(
        "note",
        if req.reason == RefundReason::Other && note.is_empty() {
            Err(messages::REQUIRED)
        } else {
            check_text(note)
        },
    );
    checker.finish()
}

/// `POST /refunds/{id}/reject`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundRejection {
    /// Required: the requester reads it in the decision's notification.
    pub reason: String,
}

/// Checks a rejection: `reason`: `error.required`, `error.too_long`, `error.control_character`.
pub fn check_rejection(req: &RefundRejection) -> Result<(), FieldErrors> {
    let reason = req.reason.trim();
    let mut checker = Checker::default();
    checker.check(
        "reason",
        if reason.is_empty() {
            Err(messages::REQUIRED)
        } else {
            check_text(reason)
        },
    );
    checker.finish()
}

fn check_text(text: &str) -> Result<(), &'static str> {
    if text.chars().count() > NOTE_MAX_CHARS {
        Err(messages::TOO_LONG)
    } else if has_control_character(text) {
        Err(messages::CONTROL_CHARACTER)
    } else {
        Ok(())
    }
}

/// A refund in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundSummary {
    pub id: RefundId,
    pub purchase_id: PurchaseId,
    pub purchase_reference: String,
    pub amount: Money,
    pub status: RefundStatus,
    pub reason: RefundReason,
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    /// When its status last changed.
    pub updated_at: DateTime<Utc>,
}

/// `GET /refunds/{id}`: a refund with its purchase and its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundDetail {
    pub refund: RefundSummary,
    pub note: String,
    pub purchase: PurchaseSummary,
    /// What the purchase may still refund, besides this refund.
    pub refundable: Money,
    /// Who approved or rejected it, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    /// Attempts made with the operator.
    pub attempts: u32,
    /// When the server tries again on its own, while it is failed or waiting on the operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Oldest first.
    pub events: Vec<PaymentEvent>,
    /// Whether the caller may approve or reject it now: it waits for a decision, they hold
    /// `refunds.approve`, and they did not ask for it.
    pub can_decide: bool,
    /// Whether the caller may ask for an attempt now (it failed, and they may create refunds).
    pub can_retry: bool,
}

/// `GET /refunds` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::IntoParams),
    into_params(parameter_in = Query)
)]
pub struct RefundFilter {
    pub status: Option<RefundStatus>,
    /// `true`: only those the caller may decide on (waiting for approval, asked by someone else).
    pub to_decide: Option<bool>,
}

/// `GET /refunds/pending`: how many requests wait for the caller's decision, for the count
/// beside « To approve » in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundsToDecide {
    pub count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use RefundStatus::*;

    #[test]
    fn only_a_completed_purchase_is_refundable() {
        assert_eq!(refundable(PurchaseStatus::Completed, 1_000, []), 1_000);
        assert_eq!(refundable(PurchaseStatus::Pending, 1_000, []), 0);
        assert_eq!(refundable(PurchaseStatus::Cancelled, 1_000, []), 0);
    }

    #[test]
    fn every_refund_but_a_rejected_one_holds_its_amount() {
        let refunds = [
            (100, PendingApproval),
            (200, Processing),
            (50, Failed),
            (25, Completed),
            (400, Rejected),
        ];
        assert_eq!(
            refundable(PurchaseStatus::Completed, 1_000, refunds),
            1_000 - 375
        );
        assert_eq!(
            refundable(PurchaseStatus::Completed, 100, [(300, Completed)]),
            0
        );
    }

    #[test]
    fn the_amount_is_checked_against_the_refundable() {
        let req = |amount_minor, reason, note: &str| NewRefund {
            amount_minor,
            reason,
            note: note.to_owned(),
        };
        assert!(check_new_refund(&req(500, RefundReason::Duplicate, ""), 500).is_ok());
        let e = check_new_refund(&req(501, RefundReason::Duplicate, ""), 500).unwrap_err();
        assert_eq!(e["amount_minor"], [messages::REFUND_EXCEEDS]);
        let e = check_new_refund(&req(0, RefundReason::Other, " "), 500).unwrap_err();
        assert_eq!(e["amount_minor"], [messages::AMOUNT_POSITIVE]);
        assert_eq!(e["note"], [messages::REQUIRED]);
        let long = "a".repeat(NOTE_MAX_CHARS + 1);
        let e = check_new_refund(&req(1, RefundReason::Fraud, &long), 500).unwrap_err();
        assert_eq!(e["note"], [messages::TOO_LONG]);
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        let e = check_rejection(&RefundRejection {
            reason: "  ".into(),
        })
        .unwrap_err();
        assert_eq!(e["reason"], [messages::REQUIRED]);
        assert!(check_rejection(&RefundRejection {
            reason: "Already refunded in cash".into()
        })
        .is_ok());
    }

    #[test]
    fn transitions() {
        use RefundStep::*;
        assert_eq!(PendingApproval.after(Approve), Some(Processing));
        assert_eq!(PendingApproval.after(Reject), Some(Rejected));
        assert_eq!(PendingApproval.after(OperatorCompleted), None);
        assert_eq!(Processing.after(OperatorFailed), Some(Failed));
        assert_eq!(Failed.after(Retry), Some(Processing));
        assert_eq!(Failed.after(OperatorCompleted), None);
        assert_eq!(Completed.after(Retry), None);
        assert_eq!(Rejected.after(Approve), None);
        assert!(Completed.is_final() && Rejected.is_final() && !Failed.is_final());
    }

    #[derive(Debug, Clone)]
    enum Op {
        Create(i64),
        Step(usize, RefundStep),
    }

    fn op() -> impl Strategy<Value = Op> {
        use RefundStep::*;
        let step = prop_oneof![
            Just(Approve),
            Just(Reject),
            Just(OperatorPending),
            Just(OperatorUnanswered),
            Just(OperatorFailed),
            Just(OperatorCompleted),
            Just(Retry),
        ];
        prop_oneof![
            (-50i64..2_000).prop_map(Op::Create),
            (0usize..12, step).prop_map(|(i, s)| Op::Step(i, s)),
        ]
    }

    proptest! {
        /// Whatever is asked, approved, rejected, failed, retried and completed, in any order,
        /// the refunds that hold an amount (and so those completed) never exceed what was paid.
        #[test]
        fn no_sequence_refunds_more_than_was_paid(
            paid in 1i64..5_000,
            ops in proptest::collection::vec(op(), 0..60),
        ) {
            let mut refunds: Vec<(i64, RefundStatus)> = Vec::new();
            for op in ops {
                match op {
                    Op::Create(amount) => {
                        let cap = refundable(PurchaseStatus::Completed, paid, refunds.iter().copied());
                        let req = NewRefund { amount_minor: amount, reason: RefundReason::Duplicate, note: String::new() };
                        if check_new_refund(&req, cap).is_ok() {
                            refunds.push((amount, PendingApproval));
                        }
                    }
                    Op::Step(i, step) => {
                        if let Some(r) = refunds.get_mut(i) {
                            if let Some(next) = r.1.after(step) {
                                r.1 = next;
                            }
                        }
                    }
                }
                let held: i64 = refunds.iter().filter(|r| r.1.holds_amount()).map(|r| r.0).sum();
                let completed: i64 = refunds.iter().filter(|r| r.1 == Completed).map(|r| r.0).sum();
                prop_assert!(held <= paid);
                prop_assert!(completed <= held);
                prop_assert!(refunds.iter().all(|r| r.0 > 0));
                prop_assert_eq!(refundable(PurchaseStatus::Completed, paid, refunds.iter().copied()), paid - held);
            }
        }
    }
}
