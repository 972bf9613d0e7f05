//! Extractors whose rejections are the contract's error envelope, never axum's plain text.

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use guichet_domain::FieldErrors;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::AppError;
use crate::request_body;
use guichet_domain::messages;
use guichet_domain::validate::has_control_character;

/// A JSON body: 415 without a JSON content type, 413 past the operation's limit, 400 if it is
/// not one JSON value (with nothing but white space after it), 422 (with the failing field) if it
/// is JSON of the wrong shape.
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
    // Whether the body is JSON is settled first, on its own: serde_json files some errors of
    // shape as syntax (a number where an enum's name goes), so its category cannot tell a 400
    // from a 422. `from_slice` reads to the end: anything after the value (`{...} GARBAGE`) is
    // refused too.
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|_| AppError::bad_request("The body is not valid JSON."))?;
    if let Some(field) = holding_control_character(&value, "body") {
        return Err(AppError::field(field, messages::CONTROL_CHARACTER));
    }
    // Well-formed, so whatever fails now is the shape. Read from the bytes again rather than from
    // the value, which keeps the last of two equal keys where a struct refuses the second.
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(bytes)).map_err(
        |e| {
            AppError::validation(shape_error(
                &e.path().to_string(),
                &e.into_inner().to_string(),
            ))
        },
    )
}

/// Where some text of `value` holds a control character ([`has_control_character`]): every
/// text the server reads comes through here or [`ApiQuery`], so no field needs its own check.
/// Named by the key that holds the text, as the contract names fields (a ticket's
/// `fields.description` is `description`); `field` for `value` itself.
fn holding_control_character<'a>(value: &'a Value, field: &'a str) -> Option<&'a str> {
    match value {
        Value::String(text) => has_control_character(text).then_some(field),
        Value::Array(items) => items
            .iter()
            .find_map(|item| holding_control_character(item, field)),
        Value::Object(map) => map.iter().find_map(|(key, item)| {
            if has_control_character(key) {
                Some(field)
            } else {
                holding_control_character(item, key)
            }
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
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

/// Query parameters; a malformed query is a 400 envelope, a value holding a control character a
/// 422 naming its parameter.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let invalid =
            |e: QueryRejection| AppError::bad_request(format!("Invalid query: {}", e.body_text()));
        let Query(pairs) =
            Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map_err(invalid)?;
        for (name, value) in &pairs {
            if has_control_character(name) {
                return Err(AppError::field("query", messages::CONTROL_CHARACTER));
            }
            if has_control_character(value) {
                return Err(AppError::field(name, messages::CONTROL_CHARACTER));
            }
        }
        Query::try_from_uri(&parts.uri)
            .map(|Query(v)| ApiQuery(v))
            .map_err(invalid)
    }
}

/// A page size from a query: `default` when absent, refused (422 naming `limit`) outside
/// `1..=max`, as the document's minimum and maximum say, rather than quietly bent into range.
/// Which page of a list: at most `limit` items, after the `cursor` of the page before.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListPage {
    /// Items per page, at most 500; each list says its default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// Absent for the first page; then the `next_cursor` of the page before, with the same
    /// filters and `sort`.
    pub cursor: Option<String>,
}

/// An operation that must never act twice refuses a request without an `Idempotency-Key`
/// (400 `bad_request`, with `why`: what the key is for there).
pub fn require_idempotency_key(headers: &HeaderMap, why: &'static str) -> Result<(), AppError> {
    if headers.contains_key(guichet_domain::paths::headers::IDEMPOTENCY_KEY) {
        Ok(())
    } else {
        Err(AppError::bad_request(why))
    }
}

pub fn page_size(limit: Option<u32>, default: u32, max: u32) -> Result<u32, AppError> {
    match limit {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(_) => Err(AppError::field("limit", messages::OUT_OF_RANGE)),
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
    fn nothing_may_follow_the_value() {
        let user = r#"{"email": "a@b.cd", "name": "A", "roles": ["viewer"]}"#;
        assert!(parse::<CreateUserRequest>(format!("{user} \n").as_bytes()).is_ok());
        for tail in [" GARBAGE", "{}", ",", "\u{0}"] {
            let e = parse::<CreateUserRequest>(format!("{user}{tail}").as_bytes()).unwrap_err();
            assert_eq!(e.status(), 400, "{tail:?}");
        }
    }

    /// serde_json calls a number or an array where an enum's name goes a syntax error: it is
    /// well-formed JSON of the wrong shape all the same.
    #[test]
    fn a_mistyped_enum_is_a_shape_error() {
        for roles in ["[1]", "[[]]", "[true]", "[null]", "[{}]"] {
            let body = format!(r#"{{"email": "a@b.cd", "name": "A", "roles": {roles}}}"#);
            let e = parse::<CreateUserRequest>(body.as_bytes()).unwrap_err();
            assert_eq!(e.status(), 422, "{roles}");
        }
    }

    #[test]
    fn control_characters_are_named_by_the_key_holding_them() {
        let field = |json: &str| {
            let value: Value = serde_json::from_str(json).unwrap();
            holding_control_character(&value, "body").map(str::to_owned)
        };
        assert_eq!(field(r#"{"a": "x\ty\r\n", "b": [1, null]}"#), None);
        assert_eq!(
            field(r#"{"fields": {"description": "a\u0000b"}}"#).as_deref(),
            Some("description")
        );
        assert_eq!(
            field(r#"{"ids": ["ok", "\u001b[31m"]}"#).as_deref(),
            Some("ids")
        );
        assert_eq!(field(r#"{"a\u0000": "x"}"#).as_deref(), Some("body"));
        assert_eq!(field(r#""\u007f""#).as_deref(), Some("body"));
        let e = parse::<CreateUserRequest>(
            br#"{"email": "a@b.cd", "name": "A\u0000", "roles": ["viewer"]}"#,
        )
        .unwrap_err();
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
