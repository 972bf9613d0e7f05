//! The rules of the reports page, in plain Rust: the period asked for (the last full calendar
//! month unless said) and the server's checks on it, made before anything is sent; the rows of
//! a CSV counted as its chunks arrive, wherever they cut it; and the reconciliation's lines.

use chrono::{Datelike, NaiveDate};
use guichet_domain::balances::{Rate, Reconciliation, ReportFormat};
use guichet_domain::FieldErrors;

use crate::i18n::Locale;

/// The longest period one report covers, in days, both ends included (the server's limit).
pub const MAX_DAYS: i64 = 400;

/// The message keys of the browser's checks on the period.
pub const DAY_MISSING: &str = "reports.error.day";
pub const UNTIL_BEFORE_FROM: &str = "reports.error.until_before_from";
pub const TOO_LONG: &str = "reports.error.too_long";

/// The calendar month before `today`'s, first and last days: what an accountant closes.
pub fn last_full_month(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let this_month = today.with_day(1).unwrap_or(today);
    let last = this_month.pred_opt().unwrap_or(this_month);
    (last.with_day(1).unwrap_or(last), last)
}

/// The period as the date inputs hold it (ISO days, empty when not chosen), checked as the
/// server checks it: the end not before the start (refused on `until`), and [`MAX_DAYS`] at
/// most (refused on `from`, as the server does).
pub fn check_period(from: &str, until: &str) -> Result<(NaiveDate, NaiveDate), FieldErrors> {
    let day = |typed: &str| typed.trim().parse::<NaiveDate>().ok();
    let mut errors = FieldErrors::new();
    let mut refuse = |field: &str, key: &str| {
        errors.insert(field.to_owned(), vec![key.to_owned()]);
    };
    match (day(from), day(until)) {
        (Some(from), Some(until)) if until < from => refuse("until", UNTIL_BEFORE_FROM),
        (Some(from), Some(until)) if (until - from).num_days() >= MAX_DAYS => {
            refuse("from", TOO_LONG)
        }
        (Some(from), Some(until)) => return Ok((from, until)),
        (from, until) => {
            if from.is_none() {
                refuse("from", DAY_MISSING);
            }
            if until.is_none() {
                refuse("until", DAY_MISSING);
            }
        }
    }
    Err(errors)
}

/// The name the report is saved under.
pub fn file_name(from: NaiveDate, until: NaiveDate) -> String {
    format!("guichet-report-{from}-{until}.csv")
}

/// The dialect a spreadsheet in the user's language reads as it is: French gets semicolons and
/// decimal commas.
pub fn format_for(locale: Locale) -> ReportFormat {
    match locale {
        Locale::Fr => ReportFormat::CsvFr,
        Locale::En => ReportFormat::Csv,
    }
}

/// A rate as people write it, without the sign: `18`, `7.5`; « 7,5 » in French.
pub fn percent(rate: Rate, locale: Locale) -> String {
    let (whole, hundredths) = (rate.0 / 100, rate.0 % 100);
    let text = if hundredths == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{hundredths:02}")
            .trim_end_matches('0')
            .to_owned()
    };
    match locale {
        Locale::Fr => text.replace('.', ","),
        Locale::En => text,
    }
}

/// The select's value back; anything else is the plain CSV.
pub fn parse_format(value: &str) -> ReportFormat {
    if value == "csv_fr" {
        ReportFormat::CsvFr
    } else {
        ReportFormat::Csv
    }
}

/// The bytes and rows of a CSV received so far, counted chunk by chunk: a line break inside a
/// quoted cell (a refund's reason may hold one) ends no row, and a chunk may end anywhere, in
/// a cell, between `\r` and `\n` or inside quotes. The first line is the header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounter {
    bytes: u64,
    lines: u64,
    /// Inside a quoted cell: a doubled quote toggles twice, so it stays inside.
    quoted: bool,
    /// The current line has something in it.
    open: bool,
}

impl RowCounter {
    /// Counts the next chunk.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        for &byte in chunk {
            match byte {
                b'"' => {
                    self.quoted = !self.quoted;
                    self.open = true;
                }
                b'\n' if !self.quoted => {
                    self.lines += 1;
                    self.open = false;
                }
                b'\r' if !self.quoted => {}
                _ => self.open = true,
            }
        }
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The rows under the header: every line ended, and the last one if it has no line break.
    pub fn rows(&self) -> u64 {
        (self.lines + u64::from(self.open)).saturating_sub(1)
    }
}

/// A line of the reconciliation: what was found beside what was expected, and the difference
/// the server computed (zero when they agree).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckLine {
    /// The report's figures that settlements took, against those settlements'.
    Gross,
    Fees,
    Vat,
    Refunds,
    /// The main account's change by the ledger, against the settlements' net less the payouts.
    Balance,
}

impl CheckLine {
    pub const ALL: [CheckLine; 5] = [
        CheckLine::Gross,
        CheckLine::Fees,
        CheckLine::Vat,
        CheckLine::Refunds,
        CheckLine::Balance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckLine::Gross => "gross",
            CheckLine::Fees => "fees",
            CheckLine::Vat => "vat",
            CheckLine::Refunds => "refunds",
            CheckLine::Balance => "balance",
        }
    }

    /// The key of its name.
    pub fn label_key(self) -> String {
        format!("reports.check.line.{}", self.as_str())
    }

    /// The key of what its two figures are, where the table's note does not say it: the main
    /// account's line.
    pub fn hint_key(self) -> Option<String> {
        (self == CheckLine::Balance).then(|| format!("reports.check.line.{}.hint", self.as_str()))
    }

    /// The figure checked: the report's sum, or the main account's change.
    pub fn found(self, r: &Reconciliation) -> i64 {
        match self {
            CheckLine::Gross => r.report_gross,
            CheckLine::Fees => r.report_fees,
            CheckLine::Vat => r.report_vat,
            CheckLine::Refunds => r.report_refunds,
            CheckLine::Balance => r.main_change,
        }
    }

    /// The figure it should equal: the settlements', or their net less the payouts paid.
    pub fn expected(self, r: &Reconciliation) -> i64 {
        match self {
            CheckLine::Gross => r.settled.gross,
            CheckLine::Fees => r.settled.fees,
            CheckLine::Vat => r.settled.vat,
            CheckLine::Refunds => r.settled.refunds,
            CheckLine::Balance => r.settled.net - r.payouts,
        }
    }

    /// Found less expected, as the server says.
    pub fn difference(self, r: &Reconciliation) -> i64 {
        let d = r.differences;
        match self {
            CheckLine::Gross => d.gross,
            CheckLine::Fees => d.fees,
            CheckLine::Vat => d.vat,
            CheckLine::Refunds => d.refunds,
            CheckLine::Balance => d.balance,
        }
    }
}

/// The lines that do not add up, in the table's order: none when the books reconcile.
pub fn differing(r: &Reconciliation) -> Vec<CheckLine> {
    CheckLine::ALL
        .into_iter()
        .filter(|line| line.difference(r) != 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::balances::{ReconciliationDifferences, SettlementLines};
    use guichet_domain::Currency;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_default_is_the_last_full_month() {
        let month = |a, b| (day(a), day(b));
        assert_eq!(
            last_full_month(day("2026-12-07")),
            month("2026-11-01", "2026-11-30")
        );
        assert_eq!(
            last_full_month(day("2027-01-01")),
            month("2026-12-01", "2026-12-31")
        );
        assert_eq!(
            last_full_month(day("2028-03-31")),
            month("2028-02-01", "2028-02-29")
        );
    }

    #[test]
    fn the_period_is_checked_as_the_server_does() {
        assert_eq!(
            check_period("2026-11-01", "2026-11-30"),
            Ok((day("2026-11-01"), day("2026-11-30")))
        );
        // One day is a period.
        assert!(check_period("2026-11-30", "2026-11-30").is_ok());
        let refused = |from, until| check_period(from, until).unwrap_err();
        let until_first = refused("2026-11-30", "2026-11-01");
        assert_eq!(until_first["until"], [UNTIL_BEFORE_FROM]);
        assert!(!until_first.contains_key("from"));
        // 400 days, both included, and no more.
        assert!(check_period("2025-01-01", "2026-02-04").is_ok());
        assert_eq!(refused("2025-01-01", "2026-02-05")["from"], [TOO_LONG]);
        let blank = refused("", " ");
        assert_eq!(
            (blank["from"].as_slice(), blank["until"].as_slice()),
            (
                [DAY_MISSING.to_owned()].as_slice(),
                [DAY_MISSING.to_owned()].as_slice()
            )
        );
        assert!(!refused("2026-11-01", "30/11/2026").contains_key("from"));
    }

    #[test]
    fn names_and_formats() {
        assert_eq!(
            file_name(day("2026-11-01"), day("2026-11-30")),
            "guichet-report-2026-11-01-2026-11-30.csv"
        );
        assert_eq!(format_for(Locale::Fr), ReportFormat::CsvFr);
        assert_eq!(format_for(Locale::En), ReportFormat::Csv);
        for format in [ReportFormat::Csv, ReportFormat::CsvFr] {
            assert_eq!(parse_format(format.as_str()), format);
            let wire = serde_json::to_string(&format).unwrap();
            assert_eq!(wire, format!("\"{}\"", format.as_str()));
        }
        assert_eq!(parse_format("xlsx"), ReportFormat::Csv);
    }

    #[test]
    fn rates_read_as_people_write_them() {
        assert_eq!(percent(Rate(1800), Locale::En), "18");
        assert_eq!(percent(Rate(750), Locale::Fr), "7,5");
        assert_eq!(percent(Rate(1925), Locale::En), "19.25");
        assert_eq!(percent(Rate(5), Locale::En), "0.05");
    }

    /// However the chunks cut a file, the same rows are counted.
    #[test]
    fn rows_are_counted_across_chunks() {
        let csv = "\u{feff}date;type;description\r\n\
                   2026-11-02;purchase;\"Visa, Awa\"\r\n\
                   2026-11-03;refund;\"a reason\non two lines, \"\"quoted\"\"\"\r\n\
                   2026-11-04;payout;last, without a break";
        let bytes = csv.as_bytes();
        for size in 1..=bytes.len() {
            let mut counter = RowCounter::default();
            for chunk in bytes.chunks(size) {
                counter.feed(chunk);
            }
            assert_eq!(counter.rows(), 3, "chunks of {size}");
            assert_eq!(counter.bytes(), bytes.len() as u64);
        }
        let mut ended = RowCounter::default();
        ended.feed(b"date,type\n1,purchase\n");
        assert_eq!(ended.rows(), 1);
        let mut header = RowCounter::default();
        header.feed(b"date,type\n");
        assert_eq!(header.rows(), 0);
        assert_eq!(RowCounter::default().rows(), 0);
    }

    fn reconciliation(differences: ReconciliationDifferences) -> Reconciliation {
        let settled = SettlementLines {
            gross: 7_327_300,
            fees: 156_040,
            vat: 28_087,
            refunds: 12_000,
            carried_in: 0,
            reserve_held: 366_365,
            reserve_released: 469_185,
            net: 7_233_993,
            carried_out: 0,
        };
        Reconciliation {
            from: day("2026-11-01"),
            until: day("2026-11-30"),
            currency: Currency::Xof,
            settlements: 20,
            settled,
            report_rows: 1_703,
            report_gross: settled.gross + differences.gross,
            report_fees: settled.fees + differences.fees,
            report_vat: settled.vat + differences.vat,
            report_refunds: settled.refunds + differences.refunds,
            payouts: 5_000_000,
            main_change: settled.net - 5_000_000 + differences.balance,
            differences,
        }
    }

    #[test]
    fn each_line_is_found_less_expected() {
        let books = reconciliation(ReconciliationDifferences::default());
        assert!(differing(&books).is_empty());
        assert_eq!(CheckLine::Balance.expected(&books), 2_233_993);
        let off = reconciliation(ReconciliationDifferences {
            fees: -150,
            balance: 2_000,
            ..ReconciliationDifferences::default()
        });
        assert_eq!(differing(&off), [CheckLine::Fees, CheckLine::Balance]);
        for line in CheckLine::ALL {
            assert_eq!(
                line.found(&off) - line.expected(&off),
                line.difference(&off),
                "{line:?}"
            );
        }
        assert_eq!(CheckLine::Vat.label_key(), "reports.check.line.vat");
        assert_eq!(CheckLine::Vat.hint_key(), None);
        assert_eq!(
            CheckLine::Balance.hint_key().as_deref(),
            Some("reports.check.line.balance.hint")
        );
    }
}
