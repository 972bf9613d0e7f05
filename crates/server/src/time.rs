//! Times are stored as fixed-width RFC 3339 UTC text (microseconds, `Z`), so that comparing and
//! ordering them as strings is comparing and ordering instants, in SQLite and PostgreSQL alike.

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};

use crate::error::AppError;

/// Truncated to what the database keeps, so a value returned before and after a round trip agree.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

pub fn to_db(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn from_db(s: &str) -> Result<DateTime<Utc>, AppError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| AppError::internal(format_args!("bad time {s:?} in database: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_sorts_as_text() {
        let a = now();
        let b = a + chrono::Duration::milliseconds(1);
        assert!(to_db(a) < to_db(b));
        assert_eq!(to_db(a).len(), to_db(b).len());
        assert_eq!(
            from_db(&to_db(a)).unwrap().timestamp_micros(),
            a.timestamp_micros()
        );
    }
}
