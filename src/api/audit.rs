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
    http::get(&query_path(before.as_deref(), PAGE_SIZE)).await
}

fn query_path(before: Option<&str>, limit: u32) -> String {
    match before {
        Some(cursor) => format!(
            "{}?before={}&limit={limit}",
            paths::AUDIT,
            super::encode_query_value(cursor)
        ),
        None => format!("{}?limit={limit}", paths::AUDIT),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cursor_goes_in_the_query() {
        assert_eq!(super::query_path(None, 50), "/audit?limit=50");
        assert_eq!(super::query_path(Some("a b"), 10), "/audit?before=a%20b&limit=10");
    }
}
