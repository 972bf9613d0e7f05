//! The rules of the purchases and refunds pages, in plain Rust: the list's view as the page's
//! address holds it, the date presets, amounts as typed, which rows of a long list are drawn,
//! and what a refund's viewer may do.

use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate};
use guichet_domain::payments::refunds::{check_new_refund, check_rejection};
use guichet_domain::payments::{
    parse_major, MethodKind, NewRefund, PurchaseFilter, PurchaseSort, PurchaseStatus, RefundReason,
    RefundRejection, RefundStatus,
};
use guichet_domain::{Currency, FieldErrors, Money};

use crate::api::payments::{purchase_params, query_string};

/// The message of an amount that does not read as one in the currency.
pub const AMOUNT_FORMAT: &str = "error.amount_format";

/// The purchases list's filters from the page's address (the API's names and values, read by
/// `get`); what does not parse is left out, as if absent.
pub fn filter_from_query(get: impl Fn(&str) -> Option<String>) -> PurchaseFilter {
    let date = |name: &str| get(name).and_then(|d| d.parse::<NaiveDate>().ok());
    let amount = |name: &str| get(name).and_then(|n| n.parse::<i64>().ok());
    PurchaseFilter {
        status: get("status").and_then(|s| PurchaseStatus::parse(&s)),
        from: date("from"),
        until: date("until"),
        min_amount_minor: amount("min_amount_minor"),
        max_amount_minor: amount("max_amount_minor"),
        method: get("method").and_then(|m| MethodKind::parse(&m)),
        q: get("q").filter(|q| !q.trim().is_empty()),
        sort: get("sort").and_then(|s| PurchaseSort::parse(&s)),
    }
}

/// The page's address for a view of the list: what a link or a reload shows again.
pub fn list_path(filter: &PurchaseFilter) -> String {
    let query = query_string(&purchase_params(filter));
    if query.is_empty() {
        "/purchases".to_owned()
    } else {
        format!("/purchases?{query}")
    }
}

/// A period a finance team often asks for, as days in the organisation's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Today,
    Last7Days,
    Last30Days,
    ThisMonth,
}

impl Preset {
    pub const ALL: [Preset; 4] = [
        Preset::Today,
        Preset::Last7Days,
        Preset::Last30Days,
        Preset::ThisMonth,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Today => "today",
            Preset::Last7Days => "7_days",
            Preset::Last30Days => "30_days",
            Preset::ThisMonth => "this_month",
        }
    }

    pub fn parse(s: &str) -> Option<Preset> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The first and last days (both included), `today` being the organisation's.
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let back = |n: u64| today.checked_sub_days(Days::new(n)).unwrap_or(today);
        let first = match self {
            Preset::Today => today,
            Preset::Last7Days => back(6),
            Preset::Last30Days => back(29),
            Preset::ThisMonth => today.with_day(1).unwrap_or(today),
        };
        (first, today)
    }

    /// The preset whose days these are, if one is.
    pub fn of(from: Option<NaiveDate>, until: Option<NaiveDate>, today: NaiveDate) -> Option<Self> {
        let (from, until) = (from?, until?);
        Self::ALL
            .into_iter()
            .find(|p| p.range(today) == (from, until))
    }
}

/// An amount filter as typed in major units: blank is no bound.
pub fn amount_bound(typed: &str, currency: Currency) -> Result<Option<i64>, &'static str> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    parse_major(typed, currency.minor_digits())
        .map(Some)
        .ok_or(AMOUNT_FORMAT)
}

/// A bound in minor units as the amount field shows it again: `1500.50`, `150000`.
pub fn amount_text(minor: Option<i64>, currency: Currency) -> String {
    minor.map_or_else(String::new, |m| Money::new(m, currency).decimal_string())
}

/// The rows of a long list worth drawing: those in the viewport and `overscan` on each side.
/// `scrolled` is how far the list's top is above the viewport's (negative while below it),
/// `row` the height of one row, all in CSS pixels.
pub fn visible_rows(
    scrolled: f64,
    viewport: f64,
    row: f64,
    len: usize,
    overscan: usize,
) -> Range<usize> {
    if len == 0 || row <= 0.0 {
        return 0..0;
    }
    let first = (scrolled.max(0.0) / row).floor() as usize;
    let shown = (viewport.max(0.0) / row).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(len);
    let end = (first + shown + overscan).min(len);
    start..end.max(start)
}

/// The rows to draw next: those drawn already while they still cover the rows in view (`seen`,
/// drawn without overscan) and the list still has them, else `fresh`. Redrawing only when the
/// view reaches an edge keeps the DOM still through small scrolls, and a keyboard user's
/// focused row where it is.
pub fn next_drawn(
    drawn: &Range<usize>,
    seen: &Range<usize>,
    fresh: Range<usize>,
    len: usize,
) -> Range<usize> {
    let covered = seen.start >= drawn.start && seen.end <= drawn.end && drawn.end <= len;
    if covered && !drawn.is_empty() {
        drawn.clone()
    } else {
        fresh
    }
}

/// One step from the rows drawn `now` toward the `target` rows, such that the page keeps every
/// row it still needs where it is: the keyed list of the rendering library moves the nodes
/// after an insertion at the start, or after one at the end made together with removals, and a
/// moved link loses the keyboard's focus. So rows are removed first, then appended, then
/// prepended, one at a time while `careful` (a row has focus). A disjoint target is drawn anew.
pub fn step_toward(now: &Range<usize>, target: &Range<usize>, careful: bool) -> Range<usize> {
    let (start, end) = (now.start.max(target.start), now.end.min(target.end));
    if now.is_empty() || start >= end {
        return target.clone();
    }
    if (start..end) != *now {
        start..end
    } else if target.end > now.end {
        now.start..target.end
    } else if target.start < now.start && careful {
        now.start - 1..now.end
    } else {
        target.clone()
    }
}

/// The rows around the one that has focus (a keyboard user tabbing through the list), which
/// must be drawn for the next Tab or Shift+Tab to land in the list.
pub fn around_focus(focused: Option<usize>, len: usize) -> Option<Range<usize>> {
    focused.map(|i| i.saturating_sub(FOCUS_MARGIN)..(i + FOCUS_MARGIN + 1).min(len))
}

/// Rows drawn on each side of the focused one.
const FOCUS_MARGIN: usize = 4;

/// `rows` stretched to hold `around` (the focused row's neighbours), unless those are far
/// from them (the focus was left on a row long scrolled away).
pub fn keeping_focus(rows: Range<usize>, around: Option<Range<usize>>) -> Range<usize> {
    match around {
        Some(a) if a.start < rows.end + KEEP_FOCUS && a.end + KEEP_FOCUS > rows.start => {
            rows.start.min(a.start)..rows.end.max(a.end)
        }
        _ => rows,
    }
}

/// How far from the drawn rows a focused row is still kept.
const KEEP_FOCUS: usize = 100;

/// Whether to read the next page: the drawn rows come near the end of those read.
pub fn wants_more(drawn: &Range<usize>, read: usize, more_exists: bool) -> bool {
    more_exists && drawn.end + NEAR_END >= read
}

/// How many rows before the end of what was read the next page is asked for.
pub const NEAR_END: usize = 40;

/// The refund form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundForm {
    pub amount: String,
    pub reason: RefundReason,
    pub note: String,
}

impl RefundForm {
    /// The form as it opens: the whole refundable amount, the usual reason.
    pub fn new(refundable: Money) -> Self {
        RefundForm {
            amount: refundable.decimal_string(),
            reason: RefundReason::CustomerRequest,
            note: String::new(),
        }
    }

    /// The request, or what to fix, by the server's field names (`amount_minor`, `note`).
    pub fn check(&self, refundable: Money) -> Result<NewRefund, FieldErrors> {
        let digits = refundable.currency.minor_digits();
        let refund = NewRefund {
            amount_minor: parse_major(&self.amount, digits).unwrap_or(0),
            reason: self.reason,
            note: self.note.trim().to_owned(),
        };
        let mut errors = match check_new_refund(&refund, refundable.amount_minor) {
            Ok(()) => FieldErrors::new(),
            Err(errors) => errors,
        };
        if parse_major(&self.amount, digits).is_none() && !self.amount.trim().is_empty() {
            errors.insert("amount_minor".to_owned(), vec![AMOUNT_FORMAT.to_owned()]);
        }
        if errors.is_empty() {
            Ok(refund)
        } else {
            Err(errors)
        }
    }
}

/// A rejection's reason as typed, checked as the server will.
pub fn rejection(reason: &str) -> Result<RefundRejection, FieldErrors> {
    let rejection = RefundRejection {
        reason: reason.trim().to_owned(),
    };
    check_rejection(&rejection).map(|()| rejection)
}

/// What the viewer of a refund sees about its decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Approve and Reject.
    Open,
    /// They asked for it themselves and may approve others': someone else decides.
    OwnRequest,
    /// It waits for an approver, and they are not one.
    AwaitsApprover,
    /// Decided already.
    Made,
}

impl Decision {
    /// From the refund's status, the server's `can_decide`, and whether the viewer approves.
    pub fn of(status: RefundStatus, can_decide: bool, approves: bool) -> Self {
        match (status, can_decide, approves) {
            (RefundStatus::PendingApproval, true, _) => Decision::Open,
            (RefundStatus::PendingApproval, false, true) => Decision::OwnRequest,
            (RefundStatus::PendingApproval, false, false) => Decision::AwaitsApprover,
            _ => Decision::Made,
        }
    }
}

/// Whether the page reads the refund again on its own: until nothing can happen to it.
pub fn keeps_reading(status: RefundStatus) -> bool {
    !status.is_final()
}

/// The count of matches as the summary says it (`total` never passes a page's count).
pub fn count(total: u64) -> usize {
    usize::try_from(total).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::messages;
    use std::collections::HashMap;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_view_survives_the_address() {
        let filter = PurchaseFilter {
            status: Some(PurchaseStatus::Pending),
            from: Some(day("2026-11-08")),
            until: Some(day("2026-12-07")),
            min_amount_minor: Some(100_000),
            max_amount_minor: Some(250_050),
            method: Some(MethodKind::MobileMoney),
            q: Some("Awa K.".into()),
            sort: Some(PurchaseSort::AmountDesc),
        };
        let path = list_path(&filter);
        let query: HashMap<String, String> = path
            .split_once('?')
            .unwrap()
            .1
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                (k.to_owned(), v.replace("%20", " "))
            })
            .collect();
        assert_eq!(filter_from_query(|k| query.get(k).cloned()), filter);
        assert_eq!(list_path(&PurchaseFilter::default()), "/purchases");
    }

    #[test]
    fn what_does_not_parse_is_left_out() {
        let odd = |k: &str| match k {
            "status" => Some("lost".to_owned()),
            "from" => Some("yesterday".to_owned()),
            "min_amount_minor" => Some("lots".to_owned()),
            "q" => Some("  ".to_owned()),
            _ => None,
        };
        assert_eq!(filter_from_query(odd), PurchaseFilter::default());
    }

    #[test]
    fn presets_are_days_ending_today() {
        let today = day("2026-12-07");
        assert_eq!(Preset::Today.range(today), (today, today));
        assert_eq!(Preset::Last7Days.range(today).0, day("2026-12-01"));
        assert_eq!(Preset::Last30Days.range(today).0, day("2026-11-08"));
        assert_eq!(Preset::ThisMonth.range(today).0, day("2026-12-01"));
        assert_eq!(
            Preset::of(Some(day("2026-11-08")), Some(today), today),
            Some(Preset::Last30Days)
        );
        assert_eq!(
            Preset::of(Some(day("2026-11-09")), Some(today), today),
            None
        );
        assert_eq!(Preset::of(None, Some(today), today), None);
        for p in Preset::ALL {
            assert_eq!(Preset::parse(p.as_str()), Some(p));
        }
    }

    #[test]
    fn amount_bounds_are_typed_in_major_units() {
        assert_eq!(amount_bound(" ", Currency::Eur), Ok(None));
        assert_eq!(amount_bound("1 500,50", Currency::Eur), Ok(Some(150_050)));
        assert_eq!(amount_bound("150 000", Currency::Xof), Ok(Some(150_000)));
        assert_eq!(amount_bound("1.5", Currency::Xof), Err(AMOUNT_FORMAT));
        assert_eq!(amount_text(Some(150_050), Currency::Eur), "1500.50");
        assert_eq!(amount_text(None, Currency::Eur), "");
    }

    #[test]
    fn only_the_rows_near_the_viewport_are_drawn() {
        assert_eq!(visible_rows(0.0, 800.0, 40.0, 0, 10), 0..0);
        assert_eq!(visible_rows(-300.0, 800.0, 40.0, 10_000, 10), 0..31);
        let drawn = visible_rows(400_000.0, 800.0, 40.0, 10_000, 10);
        assert_eq!(drawn, 9_990..10_000);
        assert_eq!(visible_rows(4_000.0, 800.0, 40.0, 10_000, 10), 90..131);
        assert_eq!(
            next_drawn(&(80..131), &(90..111), 78..131, 10_000),
            80..131,
            "still covered"
        );
        assert_eq!(
            next_drawn(&(80..131), &(120..141), 108..153, 10_000),
            108..153
        );
        assert_eq!(
            next_drawn(&(80..131), &(0..10), 0..22, 100),
            0..22,
            "the list got shorter"
        );
        assert_eq!(next_drawn(&(0..0), &(0..10), 0..22, 100), 0..22);
        assert_eq!(
            step_toward(&(10..56), &(32..78), true),
            32..56,
            "remove first"
        );
        assert_eq!(
            step_toward(&(32..56), &(32..78), true),
            32..78,
            "then append"
        );
        assert_eq!(step_toward(&(32..78), &(10..56), true), 32..56);
        assert_eq!(
            step_toward(&(32..56), &(10..56), true),
            31..56,
            "prepend one by one"
        );
        assert_eq!(step_toward(&(32..56), &(10..56), false), 10..56);
        assert_eq!(step_toward(&(0..0), &(0..31), true), 0..31);
        assert_eq!(
            step_toward(&(0..31), &(900..931), true),
            900..931,
            "disjoint: anew"
        );
        let near = |i| around_focus(Some(i), 10_000);
        assert_eq!(near(85), Some(81..90));
        assert_eq!(around_focus(Some(2), 5), Some(0..5));
        assert_eq!(keeping_focus(90..131, near(85)), 81..131);
        assert_eq!(keeping_focus(90..131, near(140)), 90..145);
        assert_eq!(keeping_focus(90..131, None), 90..131);
        assert_eq!(
            keeping_focus(900..931, near(3)),
            900..931,
            "too far to keep"
        );
        assert!(wants_more(&(60..100), 100, true));
        assert!(!wants_more(&(60..100), 100, false));
        assert!(!wants_more(&(0..31), 200, true));
    }

    #[test]
    fn the_refund_form_checks_as_the_server_does() {
        let refundable = Money::new(150_050, Currency::Eur);
        let form = RefundForm::new(refundable);
        assert_eq!(form.amount, "1500.50");
        assert_eq!(form.check(refundable).unwrap().amount_minor, 150_050);
        let too_much = RefundForm {
            amount: "1500.51".into(),
            ..form.clone()
        };
        assert_eq!(
            too_much.check(refundable).unwrap_err()["amount_minor"],
            [messages::REFUND_EXCEEDS]
        );
        let garbled = RefundForm {
            amount: "12,345.6".into(),
            ..form.clone()
        };
        assert_eq!(
            garbled.check(refundable).unwrap_err()["amount_minor"],
            [AMOUNT_FORMAT]
        );
        let other = RefundForm {
            reason: RefundReason::Other,
            note: " ".into(),
            ..form
        };
        assert_eq!(
            other.check(refundable).unwrap_err()["note"],
            [messages::REQUIRED]
        );
        assert!(rejection("  ").is_err());
        assert_eq!(rejection(" Paid in cash ").unwrap().reason, "Paid in cash");
    }

    #[test]
    fn the_pages_are_the_consoles() {
        use guichet_domain::Entry;
        for path in [
            "/purchases",
            "/purchases/p-1",
            "/refunds",
            "/refunds/to-approve",
            "/refunds/r-1",
        ] {
            assert_eq!(Entry::of(path), Entry::Console, "{path}");
        }
    }

    #[test]
    fn the_decision_says_why_it_is_not_yours() {
        use RefundStatus::*;
        assert_eq!(Decision::of(PendingApproval, true, true), Decision::Open);
        assert_eq!(
            Decision::of(PendingApproval, false, true),
            Decision::OwnRequest
        );
        assert_eq!(
            Decision::of(PendingApproval, false, false),
            Decision::AwaitsApprover
        );
        assert_eq!(Decision::of(Processing, false, true), Decision::Made);
        assert!(keeps_reading(Processing) && keeps_reading(PendingApproval));
        assert!(!keeps_reading(Completed) && !keeps_reading(Rejected));
    }
}
