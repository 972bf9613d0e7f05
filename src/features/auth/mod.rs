//! Signing in, and replacing a password.

pub mod change_password_page;
pub mod forgot_password_page;
pub mod login_page;
pub mod model;
pub mod new_password_fields;
pub mod reset_password_page;

pub use change_password_page::ChangePasswordPage;
pub use forgot_password_page::ForgotPasswordPage;
pub use login_page::LoginPage;
pub use new_password_fields::NewPasswordFields;
pub use reset_password_page::ResetPasswordPage;
