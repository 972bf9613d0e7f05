//! The orders of a ticket list ([`TicketSort`]) and their cursors ([`keyset`] paging).

use guichet_domain::tickets::{TicketSort, Urgency};

use super::keyset::{self, Key};
use super::tickets::TicketRow;
use crate::error::AppError;

/// Where a ticket list's page stopped.
pub type Cursor = keyset::Cursor<TicketSort>;

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

    /// A cursor a client sent back for a ticket list in `sort`.
    pub fn for_tickets(text: &str, sort: TicketSort) -> Result<Cursor, AppError> {
        let length = match sort {
            TicketSort::Risk => 3,
            TicketSort::Urgency => 4,
            TicketSort::Newest | TicketSort::Oldest | TicketSort::Updated => 2,
        };
        Cursor::decode(text, sort, length)
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
        let descending = matches!(self.sort, TicketSort::Newest | TicketSort::Updated);
        keyset::after(&columns, &self.keys, descending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(sort: TicketSort, keys: Vec<Key>) -> Cursor {
        Cursor { sort, keys }
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
}
