//! Signing in, and replacing a password.

pub mod change_password_page;
pub mod login_page;
pub mod model;

pub use change_password_page::ChangePasswordPage;
pub use login_page::LoginPage;
