//! The one error type of every handler and middleware. Each variant of the contract has a named
//! constructor, so a status code and its error code can never disagree.

use std::borrow::Cow;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use guichet_domain::{ApiErrorBody, ErrorCode, ErrorDetail, FieldErrors};

use crate::request_body::BodyLimit;
use crate::request_id;

pub type ApiResult<T> = Result<T, AppError>;

#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    code: ErrorCode,
    message: Cow<'static, str>,
    fields: FieldErrors,
    /// The message key of a conflict's rule.
    reason: Option<&'static str>,
    /// Seconds to wait, for `rate_limited`.
    retry_after: Option<u64>,
    /// Only for the log: the client never sees why a 500 happened, support finds it by request id.
    cause: Option<String>,
}

impl AppError {
    fn new(status: StatusCode, code: ErrorCode, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            fields: FieldErrors::new(),
            reason: None,
            retry_after: None,
            cause: None,
        }
    }

    pub fn bad_request(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, message)
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            "Sign in to continue.",
        )
    }

    /// No API key, or one that does not work (unknown, revoked, expired): one answer for all.
    pub fn invalid_api_key() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            "Send a working API key: Authorization: Bearer <key>.",
        )
    }

    /// A working API key without the permission a route needs: the message names it.
    pub fn missing_scope(scope: guichet_domain::developers::ApiScope) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            format!("This API key lacks the permission {}.", scope.as_str()),
        )
    }

    /// The same answer for an unknown e-mail, a wrong password and a deactivated account.
    pub fn invalid_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::InvalidCredentials,
            "Wrong e-mail or password.",
        )
    }

    /// Too many attempts: the client may try again after `wait` (rounded up to whole seconds,
    /// in the envelope and the `Retry-After` header).
    pub fn rate_limited(wait: std::time::Duration) -> Self {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            format!("Too many attempts. Try again in {seconds} s."),
        );
        e.retry_after = Some(seconds.max(1));
        e
    }

    /// Repeated failures for this account: its owner was e-mailed a code to sign in with.
    pub fn login_code_required() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::LoginCodeRequired,
            "Too many failed sign-ins for this account: enter the code sent to its e-mail address.",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "You do not have permission to do this.",
        )
    }

    pub fn csrf_failed() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::CsrfFailed,
            "Missing or wrong X-CSRF-Token header.",
        )
    }

    pub fn password_change_required() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::PasswordChangeRequired,
            "Change your one-time password before continuing.",
        )
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "Not found.")
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::MethodNotAllowed,
            "Method not allowed on this path.",
        )
    }

    /// The action breaks a rule of the current state: `reason` is the rule's message key, for
    /// the app; `message` says it in English, for people reading the API.
    pub fn conflict(reason: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        let mut e = Self::new(StatusCode::CONFLICT, ErrorCode::Conflict, message);
        e.reason = Some(reason);
        e
    }

    pub fn unsupported_media_type() -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Send the body as JSON with Content-Type: application/json.",
        )
    }

    /// The body is larger than the operation reads (`routes::body_limit`).
    pub fn payload_too_large(limit: BodyLimit) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            format!(
                "The body is larger than the {} bytes this operation accepts.",
                limit.0
            ),
        )
    }

    /// The body did not arrive whole within its time (`serve::Limits::body_timeout`).
    pub fn request_timeout() -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            ErrorCode::RequestTimeout,
            "The body did not arrive in time. Check the connection, then send it again.",
        )
    }

    /// Field errors whose values are message keys (`error.*`) the app translates.
    pub fn validation(fields: FieldErrors) -> Self {
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ValidationFailed,
            "Some fields are invalid.",
        );
        e.fields = fields;
        e
    }

    pub fn field(name: &str, key: &str) -> Self {
        Self::validation(guichet_domain::error::field_error(name, key))
    }

    pub fn idempotency_key_reused() -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::IdempotencyKeyReused,
            "This Idempotency-Key was already used for a different request.",
        )
    }

    pub fn idempotency_in_progress() -> Self {
        Self::new(
            StatusCode::CONFLICT,
            ErrorCode::IdempotencyInProgress,
            "A request with this Idempotency-Key is still being processed.",
        )
    }

    /// The database (or another service the server needs) does not answer; logged with its
    /// cause. A load balancer reads it from the health check and sends traffic elsewhere.
    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        let mut e = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            "The service is unavailable for a moment. Try again shortly.",
        );
        e.cause = Some(cause.to_string());
        e
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "Something went wrong on our side. Quote the request id to support.",
        );
        e.cause = Some(cause.to_string());
        e
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }
}

/// For logs and start-up failures; includes the cause, so it is never sent to a client.
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.message)?;
        match &self.cause {
            Some(cause) => write!(f, ": {cause}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for AppError {}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        Self::internal(format_args!("database: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let request_id = request_id::current();
        if let Some(cause) = &self.cause {
            tracing::error!(%request_id, cause = %cause, "internal error");
        }
        let body = ApiErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message.into_owned(),
                fields: self.fields,
                reason: self.reason.map(str::to_owned),
                retry_after: self.retry_after,
                request_id,
            },
        };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (self.status, json).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
