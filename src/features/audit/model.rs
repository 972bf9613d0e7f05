//! Rules of the audit page: paging. The actions it names are `guichet_domain::AuditAction`.

use guichet_domain::api::{AuditEntry, Page};

/// The pages read so far, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pages {
    entries: Vec<AuditEntry>,
    next_cursor: Option<String>,
}

impl Pages {
    /// Starts over with the first page.
    pub fn first(page: Page<AuditEntry>) -> Self {
        Pages {
            entries: page.items,
            next_cursor: page.next_cursor,
        }
    }

    /// Adds the next page; entries already shown (a log that grew meanwhile) are not repeated.
    pub fn append(&mut self, page: Page<AuditEntry>) {
        for entry in page.items {
            if !self.entries.iter().any(|e| e.id == entry.id) {
                self.entries.push(entry);
            }
        }
        self.next_cursor = page.next_cursor;
    }

    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    /// The cursor for "Load more", if there is more.
    pub fn next_cursor(&self) -> Option<String> {
        self.next_cursor.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn entry(id: &str) -> AuditEntry {
        AuditEntry {
            id: id.into(),
            at: Utc::now(),
            actor_id: None,
            actor_email: None,
            actor_name: None,
            action: "session.login".into(),
            target: None,
            details: serde_json::json!({}),
            request_id: "r".into(),
        }
    }

    #[test]
    fn pages_accumulate_without_repeats() {
        let mut pages = Pages::first(Page {
            items: vec![entry("3"), entry("2")],
            next_cursor: Some("2".into()),
        });
        assert_eq!(pages.next_cursor().as_deref(), Some("2"));
        pages.append(Page {
            items: vec![entry("2"), entry("1")],
            next_cursor: None,
        });
        let ids: Vec<_> = pages.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["3", "2", "1"]);
        assert_eq!(pages.next_cursor(), None);
    }
}
