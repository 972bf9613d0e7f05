//! Who is calling: sessions in cookies, the CSRF check, password hashing, the log-in's defences
//! and the rate limits they rest on.

pub mod api_key;
pub mod client;
pub mod csrf;
pub mod layer;
pub mod login_guard;
pub mod password;
pub mod password_reset;
pub mod rate_limit;
pub mod session;

pub use session::Session;
