//! The organisation's audit log.

use chrono::{DateTime, Utc};
use guichet_domain::api::{AuditEntry, Page};
use guichet_domain::paths;

use super::{http, ApiError};

/// How many entries one page asks for.
pub const PAGE_SIZE: u32 = 50;

/// Which entries to read; empty texts and `None` leave a filter out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    /// One action code.
    pub action: String,
    /// Part of the actor's name or e-mail address.
    pub who: String,
    /// From this instant on.
    pub since: Option<DateTime<Utc>>,
    /// Before this instant.
    pub until: Option<DateTime<Utc>>,
}

/// One page of the audit log, newest first; `before` is the previous page's `next_cursor`.
///
/// HTTP GET /audit?action=&who=&since=&until=&before=&limit=
pub async fn list(
    filter: &AuditFilter,
    before: Option<String>,
) -> Result<Page<AuditEntry>, ApiError> {
    http::get_query(paths::AUDIT, &query(filter, before, PAGE_SIZE)).await
}

fn query(filter: &AuditFilter, before: Option<String>, limit: u32) -> Vec<(&'static str, String)> {
    let instant = |at: Option<DateTime<Utc>>| at.map(|at| at.to_rfc3339());
    [
        ("action", Some(filter.action.clone())),
        ("who", Some(filter.who.trim().to_owned())),
        ("since", instant(filter.since)),
        ("until", instant(filter.until)),
        ("before", before),
        ("limit", Some(limit.to_string())),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.filter(|v| !v.is_empty()).map(|v| (name, v)))
    .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cursor_goes_in_the_query_only_when_there_is_one() {
        let none = super::AuditFilter::default();
        assert_eq!(super::query(&none, None, 50), [("limit", "50".to_owned())]);
        assert_eq!(
            super::query(&none, Some("c 1".into()), 10),
            [("before", "c 1".to_owned()), ("limit", "10".to_owned())]
        );
        let some = super::AuditFilter {
            action: "session.login".into(),
            who: " awa ".into(),
            ..Default::default()
        };
        assert_eq!(
            super::query(&some, None, 10),
            [
                ("action", "session.login".to_owned()),
                ("who", "awa".to_owned()),
                ("limit", "10".to_owned())
            ]
        );
    }
}
