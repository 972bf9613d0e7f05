//! The rules of the balances pages, in plain Rust: which accounts show, a settlement's lines as
//! the merchant reads them, the days a settlement covers, and the chart's scale and labels.

use chrono::NaiveDate;
use guichet_domain::balances::{Balances, DayFigures, SettlementLines};
use guichet_domain::payments::{PurchaseFilter, PurchaseStatus};
use guichet_domain::Money;

use crate::api::payments::{purchase_params, query_string};

/// The accounts under the main balance, each by its words' key: the shop and the reserve, and
/// what is owed only while something is.
pub fn other_accounts(balances: &Balances) -> Vec<(&'static str, Money)> {
    let mut accounts = vec![
        ("balances.shop", balances.shop),
        ("balances.reserve", balances.reserve),
    ];
    if balances.owed.amount_minor != 0 {
        accounts.push(("balances.owed", balances.owed));
    }
    accounts
}

/// A line of a settlement, in the order the merchant reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    Gross,
    Fees,
    Vat,
    Refunds,
    CarriedIn,
    ReserveHeld,
    ReserveReleased,
    Net,
    CarriedOut,
}

impl Line {
    pub const ALL: [Line; 9] = [
        Line::Gross,
        Line::Fees,
        Line::Vat,
        Line::Refunds,
        Line::CarriedIn,
        Line::ReserveHeld,
        Line::ReserveReleased,
        Line::Net,
        Line::CarriedOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Line::Gross => "gross",
            Line::Fees => "fees",
            Line::Vat => "vat",
            Line::Refunds => "refunds",
            Line::CarriedIn => "carried_in",
            Line::ReserveHeld => "reserve_held",
            Line::ReserveReleased => "reserve_released",
            Line::Net => "net",
            Line::CarriedOut => "carried_out",
        }
    }

    /// The amount as the statement shows it: what comes off the gross sales negative, what
    /// comes back positive, so that the lines above the net add up to it with what is carried
    /// to the next settlement (which the main account could not cover, and which is shown
    /// after the net, as it stands).
    pub fn shown(self, lines: &SettlementLines) -> i64 {
        match self {
            Line::Gross => lines.gross,
            Line::Fees => -lines.fees,
            Line::Vat => -lines.vat,
            Line::Refunds => -lines.refunds,
            Line::CarriedIn => -lines.carried_in,
            Line::ReserveHeld => -lines.reserve_held,
            Line::ReserveReleased => lines.reserve_released,
            Line::Net => lines.net,
            Line::CarriedOut => lines.carried_out,
        }
    }

    /// Whether the settlement shows it: what is carried only when there is some.
    pub fn applies(self, lines: &SettlementLines) -> bool {
        match self {
            Line::CarriedIn => lines.carried_in != 0,
            Line::CarriedOut => lines.carried_out != 0,
            _ => true,
        }
    }

    /// The lines a settlement shows, in order.
    pub fn of(lines: &SettlementLines) -> Vec<Line> {
        Self::ALL
            .into_iter()
            .filter(|line| line.applies(lines))
            .collect()
    }

    /// The key of its words.
    pub fn label_key(self) -> String {
        format!("settlement.line.{}", self.as_str())
    }
}

/// The days whose sales a settlement took, first and last: from the previous business day
/// (`from_day`) to the day before it ran (a Monday's takes Friday to Sunday).
pub fn covered(from_day: NaiveDate, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let last = day.pred_opt().unwrap_or(day).max(from_day);
    (from_day, last)
}

/// The purchases list showing the completed purchases of those days. The list reads a
/// purchase's day from when it was made, a settlement from when it completed: near midnight
/// the two may differ by a purchase or two.
pub fn purchases_path(from: NaiveDate, until: NaiveDate) -> String {
    let filter = PurchaseFilter {
        status: Some(PurchaseStatus::Completed),
        from: Some(from),
        until: Some(until),
        ..PurchaseFilter::default()
    };
    format!("/purchases?{}", query_string(&purchase_params(&filter)))
}

/// The sums of the chart's days: sales, fees, net settled.
pub fn totals(days: &[DayFigures]) -> (i64, i64, i64) {
    days.iter().fold((0, 0, 0), |(s, f, n), d| {
        (s + d.sales_minor, f + d.fees_minor, n + d.settled_minor)
    })
}

/// The chart's vertical axis: from `bottom` (zero, or below it when a figure is negative) to
/// `top`, with a tick every `step`, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    pub bottom: i64,
    pub top: i64,
    pub step: i64,
}

impl Axis {
    /// The axis holding every value from `low` to `high` and zero, in `steps` round steps or
    /// one more (a step is 1, 2 or 5 times a power of ten, never less than `unit`: one major
    /// unit), the smallest such step.
    pub fn new(low: i64, high: i64, steps: i64, unit: i64) -> Self {
        let (low, high) = (low.min(0), high.max(0));
        let intervals = |step: i64| (high + step - 1).div_euclid(step) - low.div_euclid(step);
        let mut power = 1i64;
        let step = loop {
            let fits = [1, 2, 5]
                .into_iter()
                .map(|m| power.saturating_mul(m))
                .find(|s| *s >= unit.max(1) && intervals(*s) <= steps.max(1) + 1);
            match fits {
                Some(step) => break step,
                None if power > i64::MAX / 10 => break power,
                None => power *= 10,
            }
        };
        let top = (high + step - 1).div_euclid(step) * step;
        let bottom = low.div_euclid(step) * step;
        Axis {
            bottom,
            top: top.max(bottom + step),
            step,
        }
    }

    /// Every tick, from the bottom up.
    pub fn ticks(&self) -> Vec<i64> {
        let mut ticks = Vec::new();
        let mut at = self.bottom;
        while at <= self.top {
            ticks.push(at);
            at += self.step;
        }
        ticks
    }

    /// How far below the top of a plot `height` high the value lies.
    pub fn y(&self, value: i64, height: f64) -> f64 {
        let span = (self.top - self.bottom) as f64;
        let clamped = value.clamp(self.bottom, self.top);
        (self.top - clamped) as f64 / span * height
    }

    /// A bar from zero to `value`: its top and its height in a plot `height` high. A figure
    /// that is not zero is at least a pixel high, so that no day looks empty that is not.
    pub fn bar(&self, value: i64, height: f64) -> (f64, f64) {
        let (zero, at) = (self.y(0, height), self.y(value, height));
        let (top, size) = (zero.min(at), (zero - at).abs());
        if value != 0 && size < 1.0 {
            (if value > 0 { zero - 1.0 } else { zero }, 1.0)
        } else {
            (top, size)
        }
    }
}

/// The room on the chart's left for its scale's labels, right-aligned before the plot: the
/// longest label at about `char` pixels a character, and a gap.
pub fn gutter(labels: &[String], char: f64) -> f64 {
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    (longest as f64 * char).ceil() + 8.0
}

/// One day in how many is labelled under the chart, so that labels `label` pixels wide do not
/// touch on a plot `width` pixels wide for `days` days: every day, or every 2, 3, 5, 7, 10 or
/// 15 days.
pub fn label_every(days: usize, width: f64, label: f64) -> usize {
    let slot = width / days.max(1) as f64;
    [1, 2, 3, 5, 7, 10, 15]
        .into_iter()
        .find(|n| slot * *n as f64 >= label)
        .unwrap_or(days.max(1))
}

/// Whether day `i` of `days` has its label: counted back from the last day, today's, which
/// always has one.
pub fn labelled(i: usize, days: usize, every: usize) -> bool {
    (days.saturating_sub(1).saturating_sub(i)).is_multiple_of(every.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::balances::{NextSettlement, Rate, SettlementInput};
    use guichet_domain::Currency;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn what_is_owed_shows_only_while_something_is() {
        let xof = |n| Money::new(n, Currency::Xof);
        let mut balances = Balances {
            shop: xof(1_580_100),
            main: xof(342_373_483),
            reserve: xof(1_925_112),
            releases: Vec::new(),
            owed: xof(0),
            next_settlement: NextSettlement {
                day: day("2026-12-08"),
                estimate: SettlementLines::default(),
            },
            days: Vec::new(),
        };
        let keys = |b: &Balances| {
            other_accounts(b)
                .into_iter()
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&balances), ["balances.shop", "balances.reserve"]);
        balances.owed = xof(12_000);
        assert_eq!(
            keys(&balances),
            ["balances.shop", "balances.reserve", "balances.owed"]
        );
    }

    /// Whatever a settlement was, its lines above the net and what it carries on add up to the
    /// net, and the carried lines show only when there is some.
    #[test]
    fn the_lines_add_up_to_the_net() {
        let reserve = Rate(500);
        for (gross, refunds, carried_in, released, main_before) in [
            (7_327_300, 0, 0, 469_185, 0),
            (100_000, 250_000, 0, 0, 50_000),
            (0, 0, 80_000, 10_000, 0),
            (2_740_700, 30_000, 12_000, 141_325, 1_000_000),
        ] {
            let lines = SettlementLines::settle(
                SettlementInput {
                    gross,
                    fees: gross / 50,
                    vat: gross / 280,
                    refunds,
                    carried_in,
                    reserve_released: released,
                    main_before,
                },
                reserve,
            );
            let shown = Line::of(&lines);
            let above: i64 = shown
                .iter()
                .take_while(|l| **l != Line::Net)
                .map(|l| l.shown(&lines))
                .sum();
            assert_eq!(above + lines.carried_out, lines.net, "{lines:?}");
            assert_eq!(shown.contains(&Line::CarriedIn), carried_in != 0);
            assert_eq!(shown.contains(&Line::CarriedOut), lines.carried_out != 0);
            assert!(shown.contains(&Line::Net) && shown.contains(&Line::Refunds));
        }
        assert_eq!(Line::Vat.label_key(), "settlement.line.vat");
    }

    #[test]
    fn a_settlement_covers_the_days_since_the_previous_business_day() {
        // A Monday's takes Friday to Sunday; a Friday's the Thursday.
        assert_eq!(
            covered(day("2026-12-04"), day("2026-12-07")),
            (day("2026-12-04"), day("2026-12-06"))
        );
        assert_eq!(
            covered(day("2026-12-03"), day("2026-12-04")),
            (day("2026-12-03"), day("2026-12-03"))
        );
        // Never backwards, whatever the server sends.
        assert_eq!(
            covered(day("2026-12-04"), day("2026-12-04")),
            (day("2026-12-04"), day("2026-12-04"))
        );
        assert_eq!(
            purchases_path(day("2026-12-04"), day("2026-12-06")),
            "/purchases?status=completed&from=2026-12-04&until=2026-12-06"
        );
    }

    #[test]
    fn the_axis_is_round_and_holds_every_figure() {
        let axis = Axis::new(0, 8_430_622, 4, 1);
        assert_eq!(
            axis,
            Axis {
                bottom: 0,
                top: 10_000_000,
                step: 2_000_000
            }
        );
        assert_eq!(
            axis.ticks(),
            [0, 2_000_000, 4_000_000, 6_000_000, 8_000_000, 10_000_000]
        );
        // Euros in cents: steps of 5,000 €.
        assert_eq!(Axis::new(0, 1_843_210, 4, 100).step, 500_000);
        // A negative net: the axis goes below zero, in the same steps.
        let below = Axis::new(-120_000, 3_000_000, 4, 1);
        assert_eq!(
            (below.bottom, below.top, below.step),
            (-1_000_000, 3_000_000, 1_000_000)
        );
        // Nothing at all: one major unit.
        assert_eq!(
            Axis::new(0, 0, 4, 100),
            Axis {
                bottom: 0,
                top: 100,
                step: 100
            }
        );
    }

    #[test]
    fn bars_stand_on_zero() {
        let axis = Axis::new(0, 10_000_000, 5, 1);
        assert_eq!(axis.y(10_000_000, 200.0), 0.0);
        assert_eq!(axis.y(0, 200.0), 200.0);
        assert_eq!(axis.bar(5_000_000, 200.0), (100.0, 100.0));
        assert_eq!(axis.bar(0, 200.0), (200.0, 0.0));
        assert_eq!(axis.bar(3_000, 200.0), (199.0, 1.0), "a pixel at least");
        let below = Axis::new(-1_000_000, 3_000_000, 4, 1);
        assert_eq!(below.bar(-1_000_000, 200.0), (150.0, 50.0));
        assert_eq!(below.y(99_000_000, 200.0), 0.0, "clamped");
    }

    #[test]
    fn the_scale_has_room_for_its_longest_label() {
        let labels = ["0 F CFA", "10 M F CFA"].map(str::to_owned);
        assert_eq!(gutter(&labels, 7.0), 78.0);
        assert_eq!(gutter(&[], 7.0), 8.0);
    }

    #[test]
    fn labels_under_the_chart_never_touch() {
        assert_eq!(label_every(30, 1_000.0, 48.0), 2);
        assert_eq!(label_every(30, 300.0, 48.0), 5);
        assert_eq!(label_every(30, 2_000.0, 48.0), 1);
        assert_eq!(label_every(30, 10.0, 48.0), 30);
        assert!(labelled(29, 30, 7), "today");
        assert!(labelled(22, 30, 7) && !labelled(23, 30, 7));
        assert!(labelled(0, 30, 1));
    }

    #[test]
    fn totals_add_each_figure() {
        let days = [
            DayFigures {
                day: day("2026-12-06"),
                sales_minor: 10,
                fees_minor: 1,
                settled_minor: 0,
            },
            DayFigures {
                day: day("2026-12-07"),
                sales_minor: 20,
                fees_minor: 2,
                settled_minor: 25,
            },
        ];
        assert_eq!(totals(&days), (30, 3, 25));
    }
}
