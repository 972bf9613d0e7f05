//! Signing in and out, the current user, their password and their language.

use guichet_domain::api::{
    ChangePasswordRequest, LoginRequest, Me, SessionState, SetLanguageRequest,
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
