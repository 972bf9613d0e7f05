//! Balances, settlements and payouts: what the provider charges ([`pricing`], with the rounding
//! rule), the business days settlements and payouts count on ([`calendar`]), and the ledger's
//! accounts and a day's settlement ([`settlement`]).

pub mod calendar;
pub mod invoices;
pub mod payouts;
pub mod pricing;
pub mod settlement;

pub use calendar::BusinessCalendar;
pub use pricing::{Charge, Country, Fee, Pricing, Rate};
pub use settlement::{Account, SettlementInput, SettlementLines};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Money, SettlementId};

/// `GET /balances`: a merchant's accounts, as the ledger sums them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Balances {
    /// Completed sales the next settlement takes.
    pub shop: Money,
    /// Settled money, which payouts are paid from.
    pub main: Money,
    /// The guarantee reserve held, and when each part is released.
    pub reserve: Money,
    pub releases: Vec<ReserveRelease>,
    /// Refunds paid and deficits the next settlements deduct (zero or more).
    pub owed: Money,
    /// The next settlement: its business day and what it would be with today's figures.
    pub next_settlement: NextSettlement,
    /// The last 30 days in the merchant's zone, oldest first.
    pub days: Vec<DayFigures>,
}

/// Part of the reserve, released by the first settlement on or after `on`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReserveRelease {
    pub on: NaiveDate,
    pub amount: Money,
}

/// The next settlement, estimated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NextSettlement {
    pub day: NaiveDate,
    pub estimate: SettlementLines,
}

/// One day's figures for the chart: its completed sales, the fees (with VAT) on them, and the
/// net its settlement paid to the main account (none on a day without one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayFigures {
    pub day: NaiveDate,
    pub sales_minor: i64,
    pub fees_minor: i64,
    pub settled_minor: i64,
}

/// A settlement, as lists and its page show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settlement {
    pub id: SettlementId,
    /// The business day it ran for, and the first day whose sales it took.
    pub day: NaiveDate,
    pub from_day: NaiveDate,
    pub currency: crate::Currency,
    pub lines: SettlementLines,
    /// The completed purchases it took.
    pub purchases: u64,
    /// Its reserve is released by the first settlement after this day.
    pub reserve_until: NaiveDate,
}

/// `GET /reports/transactions` and `GET /reports/reconciliation`: a period of business days
/// in the merchant's zone, both included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::IntoParams),
    into_params(parameter_in = Query)
)]
pub struct ReportQuery {
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// `csv` (comma, decimal point: RFC 4180) or `csv_fr` (semicolon, decimal comma, French
    /// headers, for a spreadsheet in French). Only the transactions report reads it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub format: ReportFormat,
}

/// The report's CSV dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    #[default]
    Csv,
    CsvFr,
}

impl ReportFormat {
    /// The API's name: `csv`, `csv_fr`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Csv => "csv",
            ReportFormat::CsvFr => "csv_fr",
        }
    }
}

/// `GET /reports/reconciliation`: the period's settlements beside the report's rows they took,
/// and the main account's change beside the settlements less the payouts. Every figure of
/// `differences` that is not zero is a discrepancy to look into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reconciliation {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub currency: crate::Currency,
    /// The settlements of the period's business days, summed line by line.
    pub settlements: u64,
    pub settled: SettlementLines,
    /// The report's rows those settlements took, and their sums.
    pub report_rows: u64,
    pub report_gross: i64,
    pub report_fees: i64,
    pub report_vat: i64,
    pub report_refunds: i64,
    /// Payouts paid over the period.
    pub payouts: i64,
    /// The main account's change over the period, by the ledger.
    pub main_change: i64,
    /// Report less settlements (gross, fees, VAT, refunds), and main change less (settled net
    /// less payouts): all zero when the books reconcile.
    pub differences: ReconciliationDifferences,
}

/// What did not add up, line by line (zero when it did).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReconciliationDifferences {
    pub gross: i64,
    pub fees: i64,
    pub vat: i64,
    pub refunds: i64,
    pub balance: i64,
}

impl ReconciliationDifferences {
    pub fn none(&self) -> bool {
        *self == Self::default()
    }
}
