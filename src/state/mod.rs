//! App-wide state: each is a `Copy` handle in context with a `provide_x()` / `use_x()` pair.

pub mod announcer;
pub mod locale;
pub mod session;
