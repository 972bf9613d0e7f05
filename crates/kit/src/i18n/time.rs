//! Instants in the user's language and the organisation's time zone, through the browser's
//! `Intl.DateTimeFormat`; and the current instant, which chrono cannot read in the browser.

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::Date;
use wasm_bindgen::JsValue;

use super::{fill, t_in, Locale};

/// E.g. « 13 janv. 2026, 10:04 » in `fr` and `Africa/Abidjan`. An unknown zone or a browser
/// without `Intl` gives the UTC time in ISO form instead.
pub fn format_instant(at: DateTime<Utc>, locale_tag: &str, time_zone: &str) -> String {
    intl_format(at, locale_tag, time_zone).unwrap_or_else(|| fallback(at))
}

/// An RFC 3339 instant (as fields and drafts store them) in the user's language and the
/// organisation's zone (UTC outside a session); what does not parse is shown as it is.
pub fn format_stored(rfc3339: &str) -> String {
    let Ok(at) = DateTime::parse_from_rfc3339(rfc3339) else {
        return rfc3339.to_owned();
    };
    let zone = leptos::prelude::use_context::<crate::state::session::Session>()
        .and_then(|s| s.me())
        .map_or_else(|| "UTC".to_owned(), |me| me.organisation.time_zone);
    format_instant(
        at.with_timezone(&Utc),
        crate::state::locale::current_locale().tag(),
        &zone,
    )
}

/// Now, from the browser's clock (`Date.now()`); natively, the system clock.
pub fn now() -> DateTime<Utc> {
    if cfg!(target_arch = "wasm32") {
        DateTime::from_timestamp_millis(Date::now() as i64).unwrap_or_default()
    } else {
        Utc::now()
    }
}

/// Today's date in `time_zone` (the organisation's day, not the browser's): `Intl` writes it
/// in the `en-CA` form, which is ISO's `2026-12-07`. Natively, or for a zone the browser does
/// not know, the UTC day.
pub fn today_in(time_zone: &str) -> chrono::NaiveDate {
    let options = [
        ("timeZone", time_zone),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
    ];
    super::intl::format("DateTimeFormat", "en-CA", &options, || Date::new_0().into())
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(|| now().date_naive())
}

/// How much of a day [`format_day`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayStyle {
    /// "Tuesday 8 December 2026", « mardi 8 décembre 2026 ».
    Full,
    /// "8 Dec 2026", « 8 déc. 2026 ».
    Medium,
    /// "8 Dec", « 8 déc. »: a chart's axis.
    DayMonth,
    /// "December 2026", « décembre 2026 »: the month the day is in.
    Month,
}

/// A day as the server names it (the organisation's day: no time, no zone) in the user's
/// language. It is read at midnight UTC in UTC, so no zone moves it to the day before. Natively,
/// or without `Intl`, the ISO form `2026-12-08`.
pub fn format_day(day: NaiveDate, locale_tag: &str, style: DayStyle) -> String {
    let options: &[(&str, &str)] = match style {
        DayStyle::Full => &[("timeZone", "UTC"), ("dateStyle", "full")],
        DayStyle::Medium => &[("timeZone", "UTC"), ("dateStyle", "medium")],
        DayStyle::DayMonth => &[("timeZone", "UTC"), ("day", "numeric"), ("month", "short")],
        DayStyle::Month => &[("timeZone", "UTC"), ("month", "long"), ("year", "numeric")],
    };
    let millis = day
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis();
    super::intl::format("DateTimeFormat", locale_tag, options, || {
        Date::new(&JsValue::from_f64(millis as f64)).into()
    })
    .unwrap_or_else(|| day.to_string())
}

/// The text used where `Intl` cannot help: `2026-01-13 10:04 UTC`.
pub fn fallback(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn intl_format(at: DateTime<Utc>, locale_tag: &str, time_zone: &str) -> Option<String> {
    let options = [
        ("dateStyle", "medium"),
        ("timeStyle", "short"),
        ("timeZone", time_zone),
    ];
    super::intl::format("DateTimeFormat", locale_tag, &options, || {
        Date::new(&JsValue::from_f64(at.timestamp_millis() as f64)).into()
    })
}

/// A time zone as people read it: « Abidjan (UTC+0) », « Kolkata (UTC+5:30) », the city of its
/// IANA name and its offset now (from the browser's `Intl`); natively, or for a zone the
/// browser does not know, the city alone.
pub fn zone_name(time_zone: &str, locale_tag: &str) -> String {
    let city = time_zone
        .rsplit('/')
        .next()
        .unwrap_or(time_zone)
        .replace('_', " ");
    let options = [("timeZone", time_zone), ("timeZoneName", "shortOffset")];
    let offset = super::intl::format("DateTimeFormat", locale_tag, &options, || {
        Date::new_0().into()
    })
    .and_then(|text| text.rsplit(char::is_whitespace).next().map(utc_offset));
    match offset {
        Some(offset) if city != offset => format!("{city} ({offset})"),
        _ => city,
    }
}

/// « GMT+1 », « UTC−3 », « GMT » as `Intl` writes them, to « UTC+1 », « UTC-3 », « UTC+0 ».
fn utc_offset(written: &str) -> String {
    let hours = written
        .trim_start_matches("GMT")
        .trim_start_matches("UTC")
        .replace('\u{2212}', "-");
    if hours.is_empty() {
        "UTC+0".to_owned()
    } else {
        format!("UTC{hours}")
    }
}

/// A duration in words, coarse enough to read at a glance: "2 d 4 h", "3 h 20 min", "45 min".
pub fn human_duration(minutes: i64, locale: Locale) -> String {
    let minutes = minutes.max(0);
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let unit = |key: &str, n: i64| fill(&t_in(locale, key), &[("n", &n.to_string())]);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(unit("time.days", days));
        if hours > 0 {
            parts.push(unit("time.hours", hours));
        }
    } else if hours > 0 {
        parts.push(unit("time.hours", hours));
        if mins > 0 {
            parts.push(unit("time.minutes", mins));
        }
    } else {
        parts.push(unit("time.minutes", mins));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_is_utc_and_unambiguous() {
        let at = DateTime::parse_from_rfc3339("2026-01-13T10:04:59Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(fallback(at), "2026-01-13 10:04 UTC");
        assert_eq!(
            format_instant(at, "fr", "Africa/Abidjan"),
            "2026-01-13 10:04 UTC"
        );
        // Outside a session (a browser test, the widget before sign-in) it does not panic.
        assert_eq!(
            format_stored("2026-01-13T10:04:59Z"),
            "2026-01-13 10:04 UTC"
        );
    }

    #[test]
    fn a_day_reads_as_iso_without_intl() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        assert_eq!(format_day(day, "fr", DayStyle::Full), "2026-12-08");
    }

    #[test]
    fn zones_read_as_a_city_and_an_offset() {
        assert_eq!(utc_offset("GMT"), "UTC+0");
        assert_eq!(utc_offset("GMT+5:30"), "UTC+5:30");
        assert_eq!(utc_offset("UTC\u{2212}3"), "UTC-3");
        // Natively there is no `Intl`: the city alone.
        assert_eq!(zone_name("America/Port_of_Spain", "en"), "Port of Spain");
        assert_eq!(zone_name("UTC", "en"), "UTC");
    }

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(human_duration(0, Locale::En), "0 min");
        assert_eq!(human_duration(45, Locale::En), "45 min");
        assert_eq!(human_duration(60, Locale::En), "1 h");
        assert_eq!(human_duration(200, Locale::En), "3 h 20 min");
        assert_eq!(human_duration(1440 * 2 + 250, Locale::En), "2 d 4 h");
        assert_eq!(human_duration(1440 * 2 + 250, Locale::Fr), "2 j 4 h");
        assert_eq!(human_duration(-5, Locale::En), "0 min");
    }
}
