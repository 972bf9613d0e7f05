//! The organisation's users.

use guichet_domain::api::{CreateUserRequest, CreatedUser, SetRolesRequest, User};
use guichet_domain::{paths, UserId};

use super::{http, ApiError, IdempotencyKey};

/// Every user of the caller's organisation.
///
/// HTTP GET /users
pub async fn list() -> Result<Vec<User>, ApiError> {
    http::get(paths::USERS).await
}

/// Creates a user; the answer holds the one-time password, shown once. Retries of the same
/// form submission reuse `key`, so the user is created once.
///
/// HTTP POST /users
pub async fn create(
    request: &CreateUserRequest,
    key: &IdempotencyKey,
) -> Result<CreatedUser, ApiError> {
    http::post(paths::USERS, request, Some(key)).await
}

/// Replaces a user's roles.
///
/// HTTP PUT /users/{id}/roles
pub async fn set_roles(
    id: &UserId,
    request: &SetRolesRequest,
    key: &IdempotencyKey,
) -> Result<User, ApiError> {
    http::put(&paths::user_roles(id), request, Some(key)).await
}

/// Deactivates a user and ends their sessions.
///
/// HTTP POST /users/{id}/deactivate
pub async fn deactivate(id: &UserId, key: &IdempotencyKey) -> Result<User, ApiError> {
    http::post(
        &paths::user_deactivate(id),
        &serde_json::json!({}),
        Some(key),
    )
    .await
}

/// Lets a deactivated user sign in again.
///
/// HTTP POST /users/{id}/reactivate
pub async fn reactivate(id: &UserId, key: &IdempotencyKey) -> Result<User, ApiError> {
    http::post(
        &paths::user_reactivate(id),
        &serde_json::json!({}),
        Some(key),
    )
    .await
}
