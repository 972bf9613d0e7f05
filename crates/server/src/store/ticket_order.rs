//! The orders of a ticket list ([`TicketSort`]) and their cursors. Each order is a list of keys
//! that ends on the id, all in one direction, so it is total; a cursor holds the keys of the last
//! ticket of a page, and the next page is what sorts after them (keyset paging: no ticket is
//! skipped or shown twice when others are filed meanwhile, and a deep page costs no more than
//! the first).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use guichet_domain::messages;
use guichet_domain::tickets::{TicketSort, Urgency};
use serde::{Deserialize, Serialize};

use super::tickets::TicketRow;
use crate::error::AppError;

/// One key's value in a cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Key {
    Int(i64),
    Text(String),
}

/// Where a page stopped: the order and the last ticket's keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cursor {
    sort: TicketSort,
    keys: Vec<Key>,
}

/// The urgency's place, the most urgent first, as SQL and as a number.
const URGENCY_RANK: &str =
    "CASE t.urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END";

fn urgency_rank(urgency: &str) -> i64 {
    Urgency::parse(urgency).map_or(3, |u| match u {
        Urgency::Critical => 0,
        Urgency::High => 1,
        Urgency::Normal => 2,
    })
}

/// The `ORDER BY` clause of `sort`.
pub fn order_by(sort: TicketSort) -> String {
    let risk = "t.queue_rank, t.queue_due_at, t.queue_left_ms, t.id";
    match sort {
        // Within a rank only one of the two keys is set, so where NULLs sort does not matter.
        TicketSort::Risk => format!(" ORDER BY {risk}"),
        TicketSort::Urgency => format!(" ORDER BY {URGENCY_RANK}, {risk}"),
        TicketSort::Newest => " ORDER BY t.created_at DESC, t.id DESC".into(),
        TicketSort::Oldest => " ORDER BY t.created_at, t.id".into(),
        TicketSort::Updated => " ORDER BY t.updated_at DESC, t.id DESC".into(),
    }
}

/// The keys of the risk order: the rank, then the one deadline key a ticket of that rank has.
fn risk_columns(rank: &Key) -> [&'static str; 3] {
    let deadline = if *rank == Key::Int(1) {
        "t.queue_left_ms"
    } else {
        "t.queue_due_at"
    };
    ["t.queue_rank", deadline, "t.id"]
}

impl Cursor {
    /// The cursor after `row` in `sort`.
    pub fn after(sort: TicketSort, row: &TicketRow) -> Cursor {
        let id = Key::Text(row.id.to_string());
        let rank = Key::Int(row.queue_rank.unwrap_or(0));
        let deadline = match (&row.queue_due_at, row.queue_left_ms) {
            (Some(due), _) => Key::Text(due.clone()),
            (None, left) => Key::Int(left.unwrap_or(0)),
        };
        let keys = match sort {
            TicketSort::Risk => vec![rank, deadline, id],
            TicketSort::Urgency => {
                vec![Key::Int(urgency_rank(&row.urgency)), rank, deadline, id]
            }
            TicketSort::Newest | TicketSort::Oldest => vec![Key::Text(row.created_at.clone()), id],
            TicketSort::Updated => vec![Key::Text(row.updated_at.clone()), id],
        };
        Cursor { sort, keys }
    }

    /// The opaque text a client sends back.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// A cursor a client sent back for a list in `sort`; anything else (made up, or from
    /// another order) is a 422 on `cursor`.
    pub fn decode(text: &str, sort: TicketSort) -> Result<Cursor, AppError> {
        let invalid = || AppError::field("cursor", messages::INVALID);
        let cursor: Cursor = URL_SAFE_NO_PAD
            .decode(text)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(invalid)?;
        let length = match sort {
            TicketSort::Risk => 3,
            TicketSort::Urgency => 4,
            TicketSort::Newest | TicketSort::Oldest | TicketSort::Updated => 2,
        };
        if cursor.sort != sort || cursor.keys.len() != length {
            return Err(invalid());
        }
        Ok(cursor)
    }

    /// The condition « sorts after this cursor », and its values in order.
    pub fn condition(&self) -> (String, Vec<Key>) {
        let columns: Vec<&str> = match self.sort {
            TicketSort::Risk => risk_columns(&self.keys[0]).to_vec(),
            TicketSort::Urgency => std::iter::once(URGENCY_RANK)
                .chain(risk_columns(&self.keys[1]))
                .collect(),
            TicketSort::Newest | TicketSort::Oldest => vec!["t.created_at", "t.id"],
            TicketSort::Updated => vec!["t.updated_at", "t.id"],
        };
        let op = match self.sort {
            TicketSort::Newest | TicketSort::Updated => "<",
            _ => ">",
        };
        // a > x OR (a = x AND (b > y OR (b = y AND c > z))), from the innermost out.
        let mut pairs = columns.iter().zip(&self.keys).rev();
        let mut sql = String::new();
        let mut binds = Vec::new();
        if let Some((column, key)) = pairs.next() {
            sql = format!("{column} {op} ?");
            binds.push(key.clone());
        }
        for (column, key) in pairs {
            sql = format!("({column} {op} ? OR ({column} = ? AND {sql}))");
            binds.splice(0..0, [key.clone(), key.clone()]);
        }
        (format!(" AND {sql}"), binds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(sort: TicketSort, keys: Vec<Key>) -> Cursor {
        Cursor { sort, keys }
    }

    #[test]
    fn the_condition_nests_one_key_after_the_other() {
        let c = cursor(
            TicketSort::Newest,
            vec![Key::Text("2026-12-01".into()), Key::Text("id-9".into())],
        );
        let (sql, binds) = c.condition();
        assert_eq!(
            sql,
            " AND (t.created_at < ? OR (t.created_at = ? AND t.id < ?))"
        );
        assert_eq!(
            binds,
            [
                Key::Text("2026-12-01".into()),
                Key::Text("2026-12-01".into()),
                Key::Text("id-9".into())
            ]
        );
    }

    #[test]
    fn a_paused_ticket_resumes_on_what_it_has_left() {
        let c = cursor(
            TicketSort::Risk,
            vec![Key::Int(1), Key::Int(5000), Key::Text("x".into())],
        );
        let (sql, _) = c.condition();
        assert!(sql.contains("t.queue_left_ms > ?"), "{sql}");
        assert!(!sql.contains("queue_due_at"), "{sql}");
    }

    #[test]
    fn a_cursor_works_only_for_its_own_order() {
        let c = cursor(
            TicketSort::Oldest,
            vec![Key::Text("2026".into()), Key::Text("x".into())],
        );
        let text = c.encode();
        assert_eq!(Cursor::decode(&text, TicketSort::Oldest).unwrap(), c);
        assert!(Cursor::decode(&text, TicketSort::Newest).is_err());
        assert!(Cursor::decode("not a cursor", TicketSort::Oldest).is_err());
        assert!(Cursor::decode(&URL_SAFE_NO_PAD.encode(b"{}"), TicketSort::Oldest).is_err());
    }
}
