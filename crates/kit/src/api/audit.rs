//! The organisation's audit log.

use guichet_domain::api::{AuditEntry, Page};
use guichet_domain::paths;

use super::{http, ApiError};

/// How many entries one page asks for.
pub const PAGE_SIZE: u32 = 50;

/// One page of the audit log, newest first; `before` is the previous page's `next_cursor`.
///
/// HTTP GET /audit?before=&limit=
pub async fn list(before: Option<String>) -> Result<Page<AuditEntry>, ApiError> {
    http::get_query(paths::AUDIT, &query(before, PAGE_SIZE)).await
}

fn query(before: Option<String>, limit: u32) -> Vec<(&'static str, String)> {
    let mut params = Vec::with_capacity(2);
    if let Some(cursor) = before {
        params.push(("before", cursor));
    }
    params.push(("limit", limit.to_string()));
    params
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cursor_goes_in_the_query_only_when_there_is_one() {
        assert_eq!(super::query(None, 50), [("limit", "50".to_owned())]);
        assert_eq!(
            super::query(Some("c 1".into()), 10),
            [("before", "c 1".to_owned()), ("limit", "10".to_owned())]
        );
    }
}
