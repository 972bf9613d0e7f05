//! The overview after log-in.

pub mod home_page;
pub mod model;

pub use home_page::HomePage;
