//! The organisation's audit log.

pub mod audit_page;
pub mod model;
pub mod texts;

pub use audit_page::AuditPage;
