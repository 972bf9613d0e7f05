//! The one error envelope every non-2xx response carries:
//! `{ "error": { "code", "message", "fields", "request_id" } }`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Messages per field name, rendered next to the matching input.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// One field's error: its name and the message key.
pub fn field_error(field: &str, key: &str) -> FieldErrors {
    FieldErrors::from([(field.to_owned(), vec![key.to_owned()])])
}

/// Adds the message key `key` to `field`'s errors.
pub fn add_field_error(errors: &mut FieldErrors, field: &str, key: &str) {
    errors
        .entry(field.to_owned())
        .or_default()
        .push(key.to_owned());
}

/// Machine-readable error codes. Clients branch on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON, or a header is malformed (400).
    BadRequest,
    /// Not signed in, or the session expired (401).
    Unauthenticated,
    /// Wrong e-mail or password; never says which (401).
    InvalidCredentials,
    /// Too many failed log-ins: try again later (429).
    AccountLocked,
    /// Signed in but lacking the permission (403).
    Forbidden,
    /// The CSRF token is missing or wrong (403).
    CsrfFailed,
    /// The password must be changed before anything else (403).
    PasswordChangeRequired,
    NotFound,
    MethodNotAllowed,
    /// The body parsed but breaks the rules; see `fields` (422).
    ValidationFailed,
    /// The action conflicts with the current state (409).
    Conflict,
    /// The same Idempotency-Key was used for a different request (422).
    IdempotencyKeyReused,
    /// A request with this Idempotency-Key is still being processed (409).
    IdempotencyInProgress,
    UnsupportedMediaType,
    /// The body is larger than the operation accepts; its limit is in the message (413).
    PayloadTooLarge,
    /// The body did not arrive whole in time: a slow or broken connection (408).
    RequestTimeout,
    /// Something broke on the server (500). Quote the request id to support.
    Internal,
    /// The service or an upstream provider is unavailable (503).
    Unavailable,
}

/// The envelope around every error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// Human-readable, in English; the app shows its own translation of `code`.
    pub message: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: FieldErrors,
    /// For `conflict`: which rule the action ran into, as a stable message key such as
    /// `error.last_admin` or `error.ticket_closed`, for the app to translate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The same value as the response's `x-request-id` header.
    #[serde(default)]
    pub request_id: String,
}
