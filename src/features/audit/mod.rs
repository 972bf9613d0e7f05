//! The organisation's audit log.

pub mod audit_page;
pub mod model;

pub use audit_page::AuditPage;
