//! Extractors whose rejections are the contract's error envelope, never axum's plain text.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use guichet_domain::FieldErrors;
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::request_body;
use guichet_domain::messages;

/// A JSON body: 415 without a JSON content type, 413 past the operation's limit, 400 if it is
/// not JSON, 422 (with the failing field) if it is JSON of the wrong shape.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, AppError> {
        if !is_json(req.headers()) {
            return Err(AppError::unsupported_media_type());
        }
        let (parts, body) = req.into_parts();
        parse(&request_body::read(&parts, body).await?).map(Json)
    }
}

/// A raw body, such as an uploaded file: 413 past the operation's limit.
#[derive(Debug, Clone, Default)]
pub struct ApiBytes(pub Bytes);

impl<S> FromRequest<S> for ApiBytes
where
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, AppError> {
        let (parts, body) = req.into_parts();
        request_body::read(&parts, body).await.map(ApiBytes)
    }
}

pub fn is_json(headers: &HeaderMap) -> bool {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                AppError::validation(shape_error(&path, &inner.to_string()))
            }
            _ => AppError::bad_request("The body is not valid JSON."),
        }
    })?;
    Ok(value)
}

/// Names the field at fault: serde's path, or for a missing field (reported at the parent, path
/// `.`) the name quoted in its message. Values are message keys the app translates.
fn shape_error(path: &str, message: &str) -> FieldErrors {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let (field, key) = match missing {
        Some(name) if path == "." => (name.to_owned(), messages::REQUIRED),
        Some(name) => (format!("{path}.{name}"), messages::REQUIRED),
        None if path == "." => ("body".to_owned(), messages::INVALID),
        None => (path.to_owned(), messages::INVALID),
    };
    FieldErrors::from([(field, vec![key.to_owned()])])
}

/// Query parameters; a malformed query is a 400 envelope.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        Query::try_from_uri(&parts.uri)
            .map(|Query(v)| ApiQuery(v))
            .map_err(|e| AppError::bad_request(format!("Invalid query: {}", e.body_text())))
    }
}

/// Path parameters; a malformed segment (bad percent-encoding) is a 400 envelope.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Path::from_request_parts(parts, state)
            .await
            .map(|Path(v)| ApiPath(v))
            .map_err(|e| AppError::bad_request(format!("Invalid path: {}", e.body_text())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::api::CreateUserRequest;

    #[test]
    fn classifies_syntax_and_shape_errors() {
        let e = parse::<CreateUserRequest>(b"{not json").unwrap_err();
        assert_eq!(e.status(), 400);
        let e =
            parse::<CreateUserRequest>(br#"{"email": 1, "name": "A", "roles": []}"#).unwrap_err();
        assert_eq!(e.status(), 422);
    }

    #[test]
    fn names_missing_and_mistyped_fields() {
        assert_eq!(
            shape_error(".", "missing field `email` at line 1")["email"],
            vec![messages::REQUIRED]
        );
        assert_eq!(
            shape_error("roles[0]", "unknown variant")["roles[0]"],
            vec![messages::INVALID]
        );
    }
}
