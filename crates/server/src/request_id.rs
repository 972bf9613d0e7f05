//! Every response carries `x-request-id`, and the error envelope repeats it, because support asks
//! merchants for it. The id lives in a task-local so that errors built anywhere can quote it
//! without threading it through every function.

use std::time::Instant;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use guichet_domain::paths::headers::REQUEST_ID;
use uuid::Uuid;

tokio::task_local! {
    static CURRENT: String;
}

/// The id of the request being served, or an empty string outside of one.
pub fn current() -> String {
    CURRENT.try_with(Clone::clone).unwrap_or_default()
}

/// A caller's id is kept only if it is a UUID, so nothing arbitrary reaches logs or headers.
fn pick(incoming: Option<&HeaderValue>) -> String {
    incoming
        .and_then(|v| v.to_str().ok())
        .and_then(|s| Uuid::parse_str(s.trim()).ok())
        .unwrap_or_else(Uuid::new_v4)
        .to_string()
}

/// Outermost layer: assigns the id, sets the header, and writes the one log line per request.
/// Only method, path, status and timing are logged: never bodies, query strings or headers,
/// which may hold passwords, cookies or tokens.
pub async fn layer(request: Request, next: Next) -> Response {
    let id = pick(request.headers().get(REQUEST_ID));
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();

    let mut response = CURRENT.scope(id.clone(), next.run(request)).await;

    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let status = response.status().as_u16();
    tracing::info!(%method, %path, status, latency = ?started.elapsed(), request_id = %id, "request");
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_uuids_and_replaces_anything_else() {
        let given = "c39df0fb-a684-447c-9fbc-3f24c288f608";
        assert_eq!(pick(Some(&HeaderValue::from_static(given))), given);
        let other = pick(Some(&HeaderValue::from_static("<script>")));
        assert!(Uuid::parse_str(&other).is_ok());
        assert!(Uuid::parse_str(&pick(None)).is_ok());
    }
}
