//! App-wide state: each is a `Copy` handle in context with a `provide_x()` / `use_x()` pair;
//! and the hooks every form shares over it (`use_submit`).

pub mod announcer;
pub mod clock;
pub mod entry;
pub mod form_feedback;
pub mod locale;
pub mod session;
pub mod submit;
