//! The frame around every page: header, navigation, language, log-out, and the guard that
//! sends people to the log-in or password page.

pub mod language_switch;
pub mod layout;
pub mod main_nav;
pub mod model;

pub use layout::{Chrome, Layout, SIGNED_IN};
