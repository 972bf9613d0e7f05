//! Reports (« Rapports »): a period's transactions as CSV, read as it streams in with its
//! progress and saved as a file, and the reconciliation of the same period (the report against
//! the settlements, the main account against their net less the payouts), line by line; and
//! billing (« Facturation »): the monthly fee invoices, each with its lines, its files and a
//! question to support about it.

pub mod download;
pub mod download_status;
pub mod invoice_page;
pub mod invoices_page;
pub mod model;
pub mod reconciliation_check;
pub mod report_form;
pub mod reports_page;
pub mod texts;

pub use invoice_page::InvoicePage;
pub use invoices_page::InvoicesPage;
pub use reports_page::ReportsPage;
