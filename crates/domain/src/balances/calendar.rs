//! A country's business days: Monday to Friday, less its public holidays (which the provider's
//! database keeps, by country). Settlements run on them, and a payout's 24 business hours are
//! counted on them.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

/// Business days, given a country's public holidays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusinessCalendar {
    holidays: BTreeSet<NaiveDate>,
}

impl BusinessCalendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        BusinessCalendar {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_business_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&day)
    }

    /// The first business day on or after `day`.
    pub fn on_or_after(&self, day: NaiveDate) -> NaiveDate {
        let mut day = day;
        while !self.is_business_day(day) {
            day = day
                .succ_opt()
                .expect("a date before the end of chrono's range");
        }
        day
    }

    /// The last business day strictly before `day`.
    pub fn previous(&self, day: NaiveDate) -> NaiveDate {
        let mut day = day
            .pred_opt()
            .expect("a date after the start of chrono's range");
        while !self.is_business_day(day) {
            day = day
                .pred_opt()
                .expect("a date after the start of chrono's range");
        }
        day
    }

    /// The days whose sales the settlement of business day `day` takes: from the previous
    /// business day up to the day before `day`. A Tuesday's takes Monday; a Monday's takes
    /// Friday, Saturday and Sunday; the day after a holiday takes the holiday too.
    pub fn settled_by(&self, day: NaiveDate) -> std::ops::Range<NaiveDate> {
        self.previous(day)..day
    }

    /// `hours` business hours after `start` (local time): only the hours of business days
    /// count, so 24 business hours from a Friday at 15:00 end on Monday at 15:00.
    pub fn add_business_hours(&self, start: NaiveDateTime, hours: u32) -> NaiveDateTime {
        let mut at = start;
        // A start outside business days counts from the next one's midnight.
        if !self.is_business_day(at.date()) {
            at = self
                .on_or_after(at.date())
                .and_hms_opt(0, 0, 0)
                .expect("midnight");
        }
        let mut left = Duration::hours(i64::from(hours));
        loop {
            let midnight = at
                .date()
                .succ_opt()
                .expect("in range")
                .and_hms_opt(0, 0, 0)
                .expect("midnight");
            let today = midnight - at;
            if left <= today {
                return at + left;
            }
            left -= today;
            at = self
                .on_or_after(midnight.date())
                .and_hms_opt(0, 0, 0)
                .expect("midnight");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    /// Côte d'Ivoire, December 2026: Christmas is a Friday.
    fn ci() -> BusinessCalendar {
        BusinessCalendar::new([d("2026-12-25"), d("2027-01-01")])
    }

    #[test]
    fn weekends_and_holidays_are_not_business_days() {
        let c = ci();
        assert!(c.is_business_day(d("2026-12-07")), "a Monday");
        assert!(!c.is_business_day(d("2026-12-12")), "a Saturday");
        assert!(!c.is_business_day(d("2026-12-13")), "a Sunday");
        assert!(!c.is_business_day(d("2026-12-25")), "Christmas");
        assert_eq!(c.on_or_after(d("2026-12-25")), d("2026-12-28"));
        assert_eq!(c.previous(d("2026-12-28")), d("2026-12-24"));
    }

    #[test]
    fn a_settlement_takes_the_days_since_the_previous_business_day() {
        let c = ci();
        // Tuesday takes Monday.
        assert_eq!(
            c.settled_by(d("2026-12-08")),
            d("2026-12-07")..d("2026-12-08")
        );
        // Monday takes Friday, Saturday and Sunday.
        assert_eq!(
            c.settled_by(d("2026-12-14")),
            d("2026-12-11")..d("2026-12-14")
        );
        // Monday 28 December takes Thursday 24 (the previous business day), Christmas and the
        // weekend.
        assert_eq!(
            c.settled_by(d("2026-12-28")),
            d("2026-12-24")..d("2026-12-28")
        );
    }

    #[test]
    fn every_day_is_settled_once() {
        let c = ci();
        let mut day = c.on_or_after(d("2026-11-02"));
        let mut next_unsettled = c.settled_by(day).start;
        while day < d("2027-02-01") {
            let range = c.settled_by(day);
            assert_eq!(range.start, next_unsettled, "no day skipped or repeated");
            assert!(range.end == day);
            next_unsettled = range.end;
            day = c.on_or_after(day.succ_opt().unwrap());
        }
    }

    #[test]
    fn twenty_four_business_hours_skip_weekends_and_holidays() {
        let c = ci();
        // Monday 15:00 → Tuesday 15:00.
        assert_eq!(
            c.add_business_hours(t("2026-12-07 15:00"), 24),
            t("2026-12-08 15:00")
        );
        // Friday 15:00 → Monday 15:00.
        assert_eq!(
            c.add_business_hours(t("2026-12-11 15:00"), 24),
            t("2026-12-14 15:00")
        );
        // Thursday 24 December 10:00 → Monday 28 at 10:00 (Christmas and the weekend skipped).
        assert_eq!(
            c.add_business_hours(t("2026-12-24 10:00"), 24),
            t("2026-12-28 10:00")
        );
        // Asked on a Saturday: counted from Monday's midnight.
        assert_eq!(
            c.add_business_hours(t("2026-12-12 09:30"), 24),
            t("2026-12-15 00:00")
        );
    }
}
