//! The SQL, one file per table family. Functions take a connection so that a handler decides
//! what runs inside one transaction.

pub mod audit;
pub mod orgs;
pub mod users;

pub type Conn = sqlx::SqliteConnection;
