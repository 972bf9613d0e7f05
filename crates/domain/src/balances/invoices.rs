//! Monthly fee invoices (« Facturation »): what the settlements of a calendar month charged in
//! fees and VAT, line by payment method, issued once the month is over. The amounts are those
//! the settlements took (each purchase's fee and its VAT, rounded by [`super::Rate::of`]), so
//! that an invoice always equals the month's settlements; the VAT rate is stated beside them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Rate;
use crate::payments::MethodKind;
use crate::{InvoiceId, Money, OrgId};

/// A month's fee invoice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: InvoiceId,
    /// `FAC-2026-000042`: numbers follow each other without gaps across the provider.
    pub number: String,
    /// The month invoiced: its first and last days.
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub issued_on: NaiveDate,
    /// The merchant's business account: what the provider's support asks for.
    pub business_account: OrgId,
    /// The shop's name.
    pub shop: String,
    /// The VAT rate of the merchant's country.
    pub vat_rate: Rate,
    pub lines: Vec<InvoiceLine>,
    /// Fees before VAT, the VAT on them, and both.
    pub fees: Money,
    pub vat: Money,
    pub total: Money,
}

/// The fees charged on one payment method's purchases of the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceLine {
    pub method: MethodKind,
    /// The purchases settled in the month, and what customers paid for them.
    pub purchases: u64,
    pub volume: Money,
    pub fees: Money,
    pub vat: Money,
}

/// An invoice's number: its year and its place in the provider's sequence.
pub fn invoice_number(year: i32, sequence: u64) -> String {
    format!("FAC-{year}-{sequence:06}")
}

/// The month `day` falls in: its first and last days.
pub fn month_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).expect("every month has a first day");
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .expect("a month after");
    (first, next.pred_opt().expect("a day before"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_month_runs_from_its_first_to_its_last_day() {
        assert_eq!(
            month_of(d("2026-02-17")),
            (d("2026-02-01"), d("2026-02-28"))
        );
        assert_eq!(
            month_of(d("2028-02-29")),
            (d("2028-02-01"), d("2028-02-29"))
        );
        assert_eq!(
            month_of(d("2026-12-31")),
            (d("2026-12-01"), d("2026-12-31"))
        );
    }

    #[test]
    fn numbers_sort_as_they_were_issued() {
        assert_eq!(invoice_number(2026, 42), "FAC-2026-000042");
        assert!(invoice_number(2026, 9) < invoice_number(2026, 10));
    }
}
