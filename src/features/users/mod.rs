//! The organisation's users: list, creation, roles, deactivation.

pub mod create_user_page;
pub mod model;
pub mod role_editor;
pub mod status_toggle;
pub mod user_row;
pub mod users_page;

pub use create_user_page::CreateUserPage;
pub use users_page::UsersPage;
