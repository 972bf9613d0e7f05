//! The organisation's roles and what each allows.

pub mod roles_page;

pub use roles_page::RolesPage;
