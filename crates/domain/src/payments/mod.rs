//! Purchases and refunds: what a merchant's finance team reads and does with its customers'
//! money. The rules both sides enforce (how much can still be refunded, how a refund's status
//! moves, who may decide on it) are in [`refunds`]; this file holds the purchases' wire types.

pub mod refunds;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{PurchaseId, RefundId};
use crate::money::Money;
pub use refunds::{
    refundable, NewRefund, RefundDetail, RefundFilter, RefundReason, RefundRejection, RefundStatus,
    RefundSummary,
};

/// A purchase's status, as the operator reported it (seed 004: « Terminée », « Annulée »,
/// « En attente »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PurchaseStatus {
    /// Paid: the only status a refund can start from.
    Completed,
    Cancelled,
    /// Authorised, not yet captured.
    Pending,
}

impl PurchaseStatus {
    pub const ALL: [PurchaseStatus; 3] = [
        PurchaseStatus::Completed,
        PurchaseStatus::Pending,
        PurchaseStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PurchaseStatus::Completed => "completed",
            PurchaseStatus::Cancelled => "cancelled",
            PurchaseStatus::Pending => "pending",
        }
    }

    pub fn parse(s: &str) -> Option<PurchaseStatus> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// How the customer paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    Card,
    MobileMoney,
}

impl MethodKind {
    pub const ALL: [MethodKind; 2] = [MethodKind::Card, MethodKind::MobileMoney];

    pub fn as_str(self) -> &'static str {
        match self {
            MethodKind::Card => "card",
            MethodKind::MobileMoney => "mobile_money",
        }
    }

    pub fn parse(s: &str) -> Option<MethodKind> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The payment instrument, never whole: a card's brand and last four digits, or a mobile-money
/// operator and the number with its middle masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethod {
    pub kind: MethodKind,
    /// `Visa`, `Mastercard`; `Orange Money`, `MTN MoMo`, `Wave`, `Moov Money`.
    pub brand: String,
    /// `•••• 4242`, or `+225 07 •• •• 12 34`.
    pub masked: String,
}

/// A line of the purchases list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseSummary {
    pub id: PurchaseId,
    /// The merchant's reference, unique within the merchant.
    pub reference: String,
    pub created_at: DateTime<Utc>,
    pub amount: Money,
    pub status: PurchaseStatus,
    pub method: PaymentMethod,
    /// The customer as the merchant may see them: a name and an initial (`Awa K.`).
    pub customer: String,
    pub shop: String,
}

/// A step in the life of a purchase or of one of its refunds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentEventKind {
    Created,
    Authorised,
    Completed,
    Cancelled,
    RefundRequested,
    RefundApproved,
    RefundRejected,
    /// Sent to the operator (one per attempt).
    RefundSent,
    /// The operator took it and will complete it later.
    RefundPending,
    /// The operator did not answer in time: the next attempt asks again with the same key.
    RefundUnanswered,
    /// The operator refused it or it failed there: retried after a delay.
    RefundFailed,
    RefundCompleted,
}

impl PaymentEventKind {
    pub const ALL: [PaymentEventKind; 12] = [
        PaymentEventKind::Created,
        PaymentEventKind::Authorised,
        PaymentEventKind::Completed,
        PaymentEventKind::Cancelled,
        PaymentEventKind::RefundRequested,
        PaymentEventKind::RefundApproved,
        PaymentEventKind::RefundRejected,
        PaymentEventKind::RefundSent,
        PaymentEventKind::RefundPending,
        PaymentEventKind::RefundUnanswered,
        PaymentEventKind::RefundFailed,
        PaymentEventKind::RefundCompleted,
    ];

    /// The wire name, e.g. `refund_sent`.
    pub fn as_str(self) -> &'static str {
        use PaymentEventKind::*;
        match self {
            Created => "created",
            Authorised => "authorised",
            Completed => "completed",
            Cancelled => "cancelled",
            RefundRequested => "refund_requested",
            RefundApproved => "refund_approved",
            RefundRejected => "refund_rejected",
            RefundSent => "refund_sent",
            RefundPending => "refund_pending",
            RefundUnanswered => "refund_unanswered",
            RefundFailed => "refund_failed",
            RefundCompleted => "refund_completed",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentEventKind> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One line of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentEvent {
    pub kind: PaymentEventKind,
    pub at: DateTime<Utc>,
    /// The refund it concerns, for a refund's step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_id: Option<RefundId>,
    /// Who did it, for a person's step (a request, a decision, a retry asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The request that did it, when one did (support asks for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The attempt's number, for the operator's steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt: Option<u32>,
    /// What the operator or the person said (a failure's reason, a rejection's reason).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// `GET /purchases/{id}`: everything about a purchase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseDetail {
    pub purchase: PurchaseSummary,
    pub timeline: Vec<PaymentEvent>,
    /// Newest first.
    pub refunds: Vec<RefundSummary>,
    /// What a new refund may still take ([`refundable`]).
    pub refundable: Money,
}

/// `GET /purchases` filters; all optional, combined.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::IntoParams),
    into_params(parameter_in = Query)
)]
pub struct PurchaseFilter {
    pub status: Option<PurchaseStatus>,
    /// The first day, in the organisation's time zone.
    pub from: Option<NaiveDate>,
    /// The last day (included), in the organisation's time zone.
    pub until: Option<NaiveDate>,
    /// The least amount, in minor units.
    pub min_amount_minor: Option<i64>,
    /// The greatest amount, in minor units.
    pub max_amount_minor: Option<i64>,
    pub method: Option<MethodKind>,
    /// A reference (or its beginning), a customer's name, or an amount in major units
    /// (`150000`, `1500.50`).
    pub q: Option<String>,
    pub sort: Option<PurchaseSort>,
}

/// The order of the purchases list; each ends on the id, so that a cursor resumes exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PurchaseSort {
    #[default]
    Newest,
    Oldest,
    AmountDesc,
    AmountAsc,
}

impl PurchaseSort {
    pub const ALL: [PurchaseSort; 4] = [
        PurchaseSort::Newest,
        PurchaseSort::Oldest,
        PurchaseSort::AmountDesc,
        PurchaseSort::AmountAsc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PurchaseSort::Newest => "newest",
            PurchaseSort::Oldest => "oldest",
            PurchaseSort::AmountDesc => "amount_desc",
            PurchaseSort::AmountAsc => "amount_asc",
        }
    }

    pub fn parse(s: &str) -> Option<PurchaseSort> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// `GET /purchases`: a page of matches, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchasePage {
    pub items: Vec<PurchaseSummary>,
    pub next_cursor: Option<String>,
    /// Every purchase the filters match, over all pages.
    pub total: u64,
}

/// Reads an amount typed in major units (`1500.50`, `1 500,50`, `150000`) as minor units of a
/// currency with `digits` decimals; `None` if it is not one, or has more decimals than the
/// currency.
pub fn parse_major(text: &str, digits: u32) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let (whole, fraction) = match cleaned.split_once('.') {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    if whole.is_empty() && fraction.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || fraction.len() > digits as usize
    {
        return None;
    }
    let scale = 10i64.pow(digits);
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let fraction: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<width$}", width = digits as usize)
            .parse()
            .ok()?
    };
    whole.checked_mul(scale)?.checked_add(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_major_units() {
        assert_eq!(parse_major("150000", 0), Some(150_000));
        assert_eq!(parse_major("150 000", 0), Some(150_000));
        assert_eq!(parse_major("1500.50", 2), Some(150_050));
        assert_eq!(parse_major("1 500,5", 2), Some(150_050));
        assert_eq!(parse_major("12", 2), Some(1_200));
        assert_eq!(parse_major(",5", 2), Some(50));
        assert_eq!(parse_major("1.5", 0), None);
        assert_eq!(parse_major("1.505", 2), None);
        assert_eq!(parse_major("AS-001", 0), None);
        assert_eq!(parse_major("", 0), None);
        assert_eq!(parse_major("-5", 0), None);
        assert_eq!(parse_major("99999999999999999999", 0), None);
    }

    #[test]
    fn wire_names() {
        assert_eq!(
            serde_json::to_value(PaymentEventKind::RefundUnanswered).unwrap(),
            "refund_unanswered"
        );
        assert_eq!(
            serde_json::to_value(MethodKind::MobileMoney).unwrap(),
            "mobile_money"
        );
        for k in PaymentEventKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        for s in PurchaseSort::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for s in PurchaseStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
