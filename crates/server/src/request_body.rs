//! Request bodies: the largest each operation reads (`routes::body_limit` states it once),
//! enforced in one place ([`limit`]), and read in one way ([`read`]), so that a body too large,
//! too slow or broken off is the contract's envelope wherever it is read.

use std::error::Error;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use guichet_domain::paths;
use guichet_domain::tickets::TEXT_MAX_CHARS;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::error::AppError;
use crate::routes;
use crate::serve::BodyTimedOut;

/// The most bytes an operation reads from a request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimit(pub usize);

impl BodyLimit {
    /// Every JSON operation's: the largest ticket, its five long fields full of characters
    /// that JSON writes at their widest (`\u001b`, six bytes each), and room for the rest.
    pub const JSON: BodyLimit = BodyLimit(5 * TEXT_MAX_CHARS * 6 + 64 * 1024);
}

/// Route layer: refuses a body declared larger than the operation's limit without reading it,
/// and cuts off one that grows past it on the way. Readers find the limit in the extensions.
pub async fn limit(request: Request, next: Next) -> Response {
    let path = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("", MatchedPath::as_str);
    let limit = routes::body_limit(
        request.method(),
        path.strip_prefix(paths::PREFIX).unwrap_or(path),
    );
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit.0 as u64) {
        return AppError::payload_too_large(limit).into_response();
    }
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(limit);
    next.run(Request::from_parts(
        parts,
        Body::new(Limited::new(body, limit.0)),
    ))
    .await
}

/// The whole body: 413 past the operation's limit, 408 past its deadline (`serve`), 400 if
/// the client broke off.
pub async fn read(parts: &Parts, body: Body) -> Result<Bytes, AppError> {
    match body.collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) => Err(refusal(parts, &e)),
    }
}

/// Why a body could not be read, found in the error's chain of causes.
fn refusal(parts: &Parts, error: &(dyn Error + 'static)) -> AppError {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<LengthLimitError>() {
            // Only `limit` cuts a body off, and it records the limit it applied.
            let limit = parts.extensions.get::<BodyLimit>().copied();
            return AppError::payload_too_large(limit.unwrap_or(BodyLimit::JSON));
        }
        if e.is::<BodyTimedOut>() {
            return AppError::request_timeout();
        }
        cause = e.source();
    }
    AppError::bad_request("Could not read the body.")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use guichet_domain::tickets::{Category, Field, NewTicket, Urgency, MAX_ATTACHMENTS};

    use super::*;

    #[test]
    fn the_largest_ticket_fits_the_json_limit() {
        let fields: BTreeMap<Field, String> = Field::ALL
            .into_iter()
            // A field with a shape (an id, a date, a URL) is short: 300 characters is plenty.
            .map(|f| (f, "\u{1b}".repeat(f.max_chars().unwrap_or(300))))
            .collect();
        let ticket = NewTicket {
            category: Category::ALL[0],
            urgency: Urgency::ALL[0],
            fields,
            attachment_ids: vec!["a".repeat(64).as_str().into(); MAX_ATTACHMENTS],
        };
        let bytes = serde_json::to_vec(&ticket).unwrap().len();
        assert!(
            bytes <= BodyLimit::JSON.0,
            "{bytes} > {}",
            BodyLimit::JSON.0
        );
    }
}
