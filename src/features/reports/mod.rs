//! Reports (« Rapports »): a period's transactions as CSV, read as it streams in with its
//! progress and saved as a file, and the reconciliation of the same period (the report against
//! the settlements, the main account against their net less the payouts), line by line.

pub mod download;
pub mod download_status;
pub mod model;
pub mod reconciliation_check;
pub mod report_form;
pub mod reports_page;
pub mod texts;

pub use reports_page::ReportsPage;
