//! The one error type of the client, decoded from the contract's error envelope.

use guichet_domain::{ApiErrorBody, ErrorCode, FieldErrors};

/// Why a call failed. Every variant that came from a response carries its request id, which
/// the app shows next to the message because support asks for it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server could not be reached (offline, DNS, refused, CORS).
    #[error("network unavailable")]
    Network,
    /// Not signed in, or the session expired (401 `unauthenticated`).
    #[error("please sign in again")]
    Unauthorized { request_id: Option<String> },
    /// Wrong e-mail or password (401 `invalid_credentials`).
    #[error("wrong e-mail or password")]
    InvalidCredentials { request_id: Option<String> },
    /// Too many failed log-ins (429 `account_locked`) or any other 429.
    #[error("too many attempts")]
    Locked { request_id: Option<String> },
    /// Signed in but not allowed (403 `forbidden`, `csrf_failed`).
    #[error("you are not allowed to do this")]
    Forbidden { request_id: Option<String> },
    /// The one-time password must be replaced first (403 `password_change_required`).
    #[error("the password must be changed first")]
    PasswordChangeRequired { request_id: Option<String> },
    #[error("not found")]
    NotFound { request_id: Option<String> },
    /// The input breaks the rules; `fields` maps field names to message keys.
    #[error("please fix the highlighted fields")]
    Validation {
        fields: FieldErrors,
        request_id: Option<String>,
    },
    /// The action conflicts with the current state (409): `reason` is the rule's message key
    /// when the server names it, `message` the server's English words.
    #[error("{message}")]
    Conflict {
        message: String,
        reason: Option<String>,
        request_id: Option<String>,
    },
    /// The request was malformed (400, 405, 415): a bug on our side, not the user's.
    #[error("request refused ({status})")]
    BadRequest {
        status: u16,
        request_id: Option<String>,
    },
    /// The service failed or is unavailable (5xx).
    #[error("server error ({status})")]
    Server {
        status: u16,
        request_id: Option<String>,
    },
    /// A response we could not read.
    #[error("unexpected response ({status})")]
    Decode {
        status: u16,
        request_id: Option<String>,
    },
}

impl ApiError {
    /// Decodes a non-2xx answer: the envelope's `code` decides, the status is the fallback
    /// when the body is not an envelope (a proxy's HTML page, an empty 502).
    pub fn from_response(status: u16, body: &str, request_id: Option<String>) -> ApiError {
        let envelope = serde_json::from_str::<ApiErrorBody>(body).ok();
        let request_id = request_id.filter(|id| !id.is_empty()).or_else(|| {
            envelope
                .as_ref()
                .map(|e| e.error.request_id.clone())
                .filter(|id| !id.is_empty())
        });
        let Some(ApiErrorBody { error }) = envelope else {
            return Self::from_status(status, request_id);
        };
        match error.code {
            ErrorCode::Unauthenticated => ApiError::Unauthorized { request_id },
            ErrorCode::InvalidCredentials => ApiError::InvalidCredentials { request_id },
            ErrorCode::AccountLocked => ApiError::Locked { request_id },
            ErrorCode::Forbidden | ErrorCode::CsrfFailed => ApiError::Forbidden { request_id },
            ErrorCode::PasswordChangeRequired => ApiError::PasswordChangeRequired { request_id },
            ErrorCode::NotFound => ApiError::NotFound { request_id },
            ErrorCode::ValidationFailed | ErrorCode::IdempotencyKeyReused => ApiError::Validation {
                fields: error.fields,
                request_id,
            },
            ErrorCode::Conflict | ErrorCode::IdempotencyInProgress => ApiError::Conflict {
                message: error.message,
                reason: error.reason,
                request_id,
            },
            // The app checks sizes before it sends: a body too large is a bug on our side.
            ErrorCode::BadRequest
            | ErrorCode::MethodNotAllowed
            | ErrorCode::UnsupportedMediaType
            | ErrorCode::PayloadTooLarge => ApiError::BadRequest { status, request_id },
            // Sending it again may work: the connection, not the request, was at fault.
            ErrorCode::Internal | ErrorCode::Unavailable | ErrorCode::RequestTimeout => {
                ApiError::Server { status, request_id }
            }
        }
    }

    fn from_status(status: u16, request_id: Option<String>) -> ApiError {
        match status {
            401 => ApiError::Unauthorized { request_id },
            403 => ApiError::Forbidden { request_id },
            404 => ApiError::NotFound { request_id },
            409 => ApiError::Conflict {
                message: String::new(),
                reason: None,
                request_id,
            },
            422 => ApiError::Validation {
                fields: FieldErrors::new(),
                request_id,
            },
            429 => ApiError::Locked { request_id },
            500..=599 => ApiError::Server { status, request_id },
            400..=499 => ApiError::BadRequest { status, request_id },
            _ => ApiError::Decode { status, request_id },
        }
    }

    /// The request id of the failed call, when the server sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Network => None,
            ApiError::Unauthorized { request_id }
            | ApiError::InvalidCredentials { request_id }
            | ApiError::Locked { request_id }
            | ApiError::Forbidden { request_id }
            | ApiError::PasswordChangeRequired { request_id }
            | ApiError::NotFound { request_id }
            | ApiError::Validation { request_id, .. }
            | ApiError::Conflict { request_id, .. }
            | ApiError::BadRequest { request_id, .. }
            | ApiError::Server { request_id, .. }
            | ApiError::Decode { request_id, .. } => request_id.as_deref(),
        }
    }

    /// The locale key of the message shown to the user.
    pub fn message_key(&self) -> &'static str {
        match self {
            ApiError::Network => "error.network",
            ApiError::Unauthorized { .. } => "error.unauthenticated",
            ApiError::InvalidCredentials { .. } => "error.invalid_credentials",
            ApiError::Locked { .. } => "error.locked",
            ApiError::Forbidden { .. } => "error.forbidden",
            ApiError::PasswordChangeRequired { .. } => "error.password_change_required",
            ApiError::NotFound { .. } => "error.not_found",
            ApiError::Validation { .. } => "error.validation",
            ApiError::Conflict { .. } => "error.conflict",
            ApiError::BadRequest { .. } => "error.bad_request",
            ApiError::Server { .. } => "error.server",
            ApiError::Decode { .. } => "error.decode",
        }
    }

    /// Field errors to show next to inputs (empty unless this is a validation error).
    pub fn fields(&self) -> FieldErrors {
        match self {
            ApiError::Validation { fields, .. } => fields.clone(),
            _ => FieldErrors::new(),
        }
    }

    /// Whether trying again later may help (the service, not the request, was the problem).
    pub fn is_transient(&self) -> bool {
        matches!(self, ApiError::Network | ApiError::Server { .. })
    }

    /// One value of each variant, for tests that every message has a translation.
    pub fn examples() -> Vec<ApiError> {
        let request_id = None;
        vec![
            ApiError::Network,
            ApiError::Unauthorized { request_id: None },
            ApiError::InvalidCredentials { request_id: None },
            ApiError::Locked { request_id: None },
            ApiError::Forbidden { request_id: None },
            ApiError::PasswordChangeRequired { request_id: None },
            ApiError::NotFound { request_id: None },
            ApiError::Validation {
                fields: FieldErrors::new(),
                request_id: None,
            },
            ApiError::Conflict {
                message: String::new(),
                reason: None,
                request_id: None,
            },
            ApiError::BadRequest {
                status: 400,
                request_id: None,
            },
            ApiError::Server {
                status: 500,
                request_id: None,
            },
            ApiError::Decode {
                status: 200,
                request_id,
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::messages;

    fn envelope(code: &str, fields: &str) -> String {
        format!(
            r#"{{"error":{{"code":"{code}","message":"Something.","fields":{fields},"request_id":"body-id"}}}}"#
        )
    }

    #[test]
    fn codes_decide_the_variant() {
        let rid = || Some("hdr-id".to_owned());
        let cases = [
            (
                401,
                "unauthenticated",
                ApiError::Unauthorized { request_id: rid() },
            ),
            (
                401,
                "invalid_credentials",
                ApiError::InvalidCredentials { request_id: rid() },
            ),
            (
                429,
                "account_locked",
                ApiError::Locked { request_id: rid() },
            ),
            (
                403,
                "csrf_failed",
                ApiError::Forbidden { request_id: rid() },
            ),
            (
                403,
                "password_change_required",
                ApiError::PasswordChangeRequired { request_id: rid() },
            ),
            (404, "not_found", ApiError::NotFound { request_id: rid() }),
            (
                503,
                "unavailable",
                ApiError::Server {
                    status: 503,
                    request_id: rid(),
                },
            ),
            (
                400,
                "bad_request",
                ApiError::BadRequest {
                    status: 400,
                    request_id: rid(),
                },
            ),
            (
                408,
                "request_timeout",
                ApiError::Server {
                    status: 408,
                    request_id: rid(),
                },
            ),
            (
                413,
                "payload_too_large",
                ApiError::BadRequest {
                    status: 413,
                    request_id: rid(),
                },
            ),
        ];
        for (status, code, expected) in cases {
            assert_eq!(
                ApiError::from_response(status, &envelope(code, "{}"), rid()),
                expected,
                "{code}"
            );
        }
    }

    #[test]
    fn validation_keeps_the_field_keys() {
        let body = envelope(
            "validation_failed",
            &format!(r#"{{"email":["{}"]}}"#, messages::EMAIL_TAKEN),
        );
        let err = ApiError::from_response(422, &body, Some("r-1".into()));
        assert_eq!(err.fields()["email"], vec![messages::EMAIL_TAKEN]);
        assert_eq!(err.request_id(), Some("r-1"));
    }

    #[test]
    fn conflict_keeps_the_server_reason() {
        let err = ApiError::from_response(409, &envelope("conflict", "{}"), None);
        assert_eq!(
            err,
            ApiError::Conflict {
                message: "Something.".into(),
                reason: None,
                request_id: Some("body-id".into())
            }
        );
    }

    #[test]
    fn conflict_carries_the_rule_key() {
        let body = format!(
            r#"{{"error":{{"code":"conflict","message":"Closed.","reason":"{}","request_id":"r1"}}}}"#,
            messages::TICKET_CLOSED
        );
        let err = ApiError::from_response(409, &body, None);
        assert!(matches!(
            err,
            ApiError::Conflict { reason: Some(ref r), .. } if r == messages::TICKET_CLOSED
        ));
    }

    #[test]
    fn the_header_wins_and_the_body_fills_in() {
        let body = envelope("forbidden", "{}");
        assert_eq!(
            ApiError::from_response(403, &body, Some("h".into())).request_id(),
            Some("h")
        );
        assert_eq!(
            ApiError::from_response(403, &body, None).request_id(),
            Some("body-id")
        );
        assert_eq!(
            ApiError::from_response(403, &body, Some(String::new())).request_id(),
            Some("body-id")
        );
    }

    #[test]
    fn without_an_envelope_the_status_decides() {
        assert_eq!(
            ApiError::from_response(502, "<html>Bad gateway</html>", None),
            ApiError::Server {
                status: 502,
                request_id: None
            }
        );
        assert_eq!(
            ApiError::from_response(401, "", None),
            ApiError::Unauthorized { request_id: None }
        );
        assert_eq!(
            ApiError::from_response(418, "", Some("x".into())),
            ApiError::BadRequest {
                status: 418,
                request_id: Some("x".into())
            }
        );
        assert!(matches!(
            ApiError::from_response(302, "", None),
            ApiError::Decode { status: 302, .. }
        ));
        assert!(matches!(
            ApiError::from_response(422, "{}", None),
            ApiError::Validation { .. }
        ));
    }

    #[test]
    fn an_unknown_code_falls_back_to_the_status() {
        let body = r#"{"error":{"code":"brand_new","message":"?","request_id":"b"}}"#;
        assert_eq!(
            ApiError::from_response(503, body, None),
            ApiError::Server {
                status: 503,
                request_id: None
            }
        );
    }

    #[test]
    fn only_service_failures_are_transient() {
        assert!(ApiError::Network.is_transient());
        assert!(ApiError::Server {
            status: 500,
            request_id: None
        }
        .is_transient());
        assert!(!ApiError::Forbidden { request_id: None }.is_transient());
    }
}
