//! The SQL, one file per table family. Functions take a connection so that a handler decides
//! what runs inside one transaction.

pub mod api_keys;
pub mod attachments;
pub mod audit;
pub mod conversation;
pub mod invoices;
pub mod jobs;
pub mod keyset;
pub mod ledger;
pub mod orgs;
pub mod outbox;
pub mod payouts;
pub mod purchases;
pub mod refunds;
pub mod reports;
pub mod settlements;
pub mod ticket_order;
pub mod tickets;
pub mod users;

pub type Conn = sqlx::AnyConnection;

/// A fresh id of any kind (a random UUID).
pub fn new_id<T: From<String>>() -> T {
    uuid::Uuid::new_v4().to_string().into()
}
