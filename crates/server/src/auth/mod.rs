//! Who is calling: sessions in cookies, the CSRF check, password hashing and the log-in lock-out.

pub mod csrf;
pub mod layer;
pub mod lockout;
pub mod password;
pub mod session;

pub use session::Session;
