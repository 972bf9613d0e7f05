//! Signing in and out, the current user, their password and their language.

use guichet_domain::api::{
    ChangePasswordRequest, LoginRequest, Me, PasswordResetConfirm, PasswordResetRequest,
    SessionState, SetLanguageRequest,
};
use guichet_domain::{paths, Language};

use super::{http, ApiError};

/// Signs in; the server sets the session cookie and answers who is signed in.
///
/// HTTP POST /auth/login
pub async fn login(request: &LoginRequest) -> Result<Me, ApiError> {
    http::post(paths::LOGIN, request, None).await
}

/// Ends the session.
///
/// HTTP POST /auth/logout
pub async fn logout() -> Result<(), ApiError> {
    http::post_no_content(paths::LOGOUT, &serde_json::json!({}), None).await
}

/// « Forgot your password? »: asks for a link to be mailed to the address. The answer is the
/// same whether or not the address has an account.
///
/// HTTP POST /auth/password-reset
pub async fn ask_password_reset(request: &PasswordResetRequest) -> Result<(), ApiError> {
    http::post_no_content(paths::PASSWORD_RESET, request, None).await
}

/// Sets a new password with the token of a mailed link, which it spends.
///
/// HTTP POST /auth/password-reset/confirm
pub async fn reset_password(request: &PasswordResetConfirm) -> Result<(), ApiError> {
    http::post_no_content(paths::PASSWORD_RESET_CONFIRM, request, None).await
}

/// Who is signed in, where, and what they may do.
///
/// HTTP GET /me
pub async fn me() -> Result<Me, ApiError> {
    http::get(paths::ME).await
}

/// Who is signed in, if anyone; unlike [`me`] it is not an error to be signed out.
///
/// HTTP GET /session
pub async fn session() -> Result<Option<Me>, ApiError> {
    http::get::<SessionState>(paths::SESSION)
        .await
        .map(|s| s.me)
}

/// Replaces the caller's password (a one-time password must be replaced before anything else).
///
/// HTTP POST /me/password
pub async fn change_password(request: &ChangePasswordRequest) -> Result<(), ApiError> {
    http::post_no_content(paths::ME_PASSWORD, request, None).await
}

/// Records the caller's language, which the server writes their mail in.
///
/// HTTP PUT /me/language
pub async fn set_language(language: Language) -> Result<(), ApiError> {
    http::put_no_content(paths::ME_LANGUAGE, &SetLanguageRequest { language }).await
}
