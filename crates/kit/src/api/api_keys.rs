//! API keys (« Développeurs »): the organisation's keys, creating one with its permissions,
//! rolling and revoking. The answers that create a key hold its secret, once: the app shows it
//! and keeps it nowhere.

use guichet_domain::developers::{ApiKey, CreatedApiKey, KeyFingerprint, NewApiKey, RollApiKey};
use guichet_domain::{paths, ApiKeyId};

use super::{http, ApiError, IdempotencyKey};

/// The organisation's keys, newest first.
///
/// HTTP GET /api-keys
pub async fn list() -> Result<Vec<ApiKey>, ApiError> {
    http::get(paths::API_KEYS).await
}

/// A new key and its secret. The server stores no answer to replay: a retry makes another key.
///
/// HTTP POST /api-keys
pub async fn create(key: &NewApiKey, intent: &IdempotencyKey) -> Result<CreatedApiKey, ApiError> {
    http::post(paths::API_KEYS, key, Some(intent)).await
}

/// A new secret for the key; the old one works for the overlap asked.
///
/// HTTP POST /api-keys/{id}/roll
pub async fn roll(
    id: &ApiKeyId,
    roll: &RollApiKey,
    intent: &IdempotencyKey,
) -> Result<CreatedApiKey, ApiError> {
    http::post(&paths::api_key_roll(id), roll, Some(intent)).await
}

/// Revokes the key at once.
///
/// HTTP POST /api-keys/{id}/revoke
pub async fn revoke(id: &ApiKeyId, intent: &IdempotencyKey) -> Result<ApiKey, ApiError> {
    http::post(&paths::api_key_revoke(id), &(), Some(intent)).await
}

/// The working keys by name and fingerprint, for the ticket wizard's "API key used".
///
/// HTTP GET /api-keys/fingerprints
pub async fn fingerprints() -> Result<Vec<KeyFingerprint>, ApiError> {
    http::get(paths::API_KEY_FINGERPRINTS).await
}
