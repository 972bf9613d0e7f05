//! The HTTP mechanics of the client: base URL, headers, sending, and decoding answers.
//! Nothing outside `api/` knows about URLs, headers or status codes.

use std::cell::RefCell;

use gloo_net::http::{Request, RequestBuilder, Response};
use guichet_domain::paths::headers;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestCredentials;

use super::{ApiError, IdempotencyKey};

/// Where the API lives when the page does not say otherwise.
pub const DEFAULT_API_BASE: &str = "/api/v1";
/// The `<meta name=…>` that points the app at another backend.
pub const API_BASE_META: &str = "guichet-api-base";

thread_local! {
    static CSRF_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static ON_UNAUTHORIZED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
    static API_BASE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Remembers the session's CSRF token (from `Me`) for the `X-CSRF-Token` header of mutations.
pub fn set_csrf_token(token: Option<String>) {
    CSRF_TOKEN.with(|t| *t.borrow_mut() = token);
}

/// Registers what happens when any call answers 401 `unauthenticated`: the session state
/// resets itself, and the router then sends the user to the log-in page.
pub fn set_unauthorized_hook(hook: impl Fn() + 'static) {
    ON_UNAUTHORIZED.with(|h| *h.borrow_mut() = Some(Box::new(hook)));
}

/// The API base URL: the page's `<meta name="guichet-api-base">`, else `/api/v1`.
pub fn api_base() -> String {
    API_BASE.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| normalise_base(read_base_meta().as_deref()))
            .clone()
    })
}

fn read_base_meta() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector(&format!("meta[name=\"{API_BASE_META}\"]"))
        .ok()??;
    meta.get_attribute("content")
}

/// A trimmed base without a trailing slash; empty or missing means the default.
pub fn normalise_base(content: Option<&str>) -> String {
    match content.map(str::trim).filter(|c| !c.is_empty()) {
        Some(base) => base.trim_end_matches('/').to_owned(),
        None => DEFAULT_API_BASE.to_owned(),
    }
}

enum Method {
    Get,
    Post,
    Put,
}

fn builder(method: Method, path: &str) -> RequestBuilder {
    let url = format!("{}{path}", api_base());
    let builder = match method {
        Method::Get => Request::get(&url),
        Method::Post => Request::post(&url),
        Method::Put => Request::put(&url),
    };
    builder
        .credentials(RequestCredentials::SameOrigin)
        .header("accept", "application/json")
}

fn mutation(method: Method, path: &str, key: Option<&IdempotencyKey>) -> RequestBuilder {
    let mut b = builder(method, path);
    if let Some(token) = CSRF_TOKEN.with(|t| t.borrow().clone()) {
        b = b.header(headers::CSRF_TOKEN, &token);
    }
    if let Some(key) = key {
        b = b.header(headers::IDEMPOTENCY_KEY, key.as_str());
    }
    b
}

/// Sends the request; a 2xx comes back as the response, anything else as its `ApiError`.
async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|_| ApiError::Decode {
        status: 0,
        request_id: None,
    })?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    let request_id = request_id_of(&response);
    let body = response.text().await.unwrap_or_default();
    Err(failed(response.status(), &body, request_id))
}

/// The error of a non-2xx answer; a 401 also resets the session, wherever it came from.
fn failed(status: u16, body: &str, request_id: Option<String>) -> ApiError {
    let error = ApiError::from_response(status, body, request_id);
    if matches!(error, ApiError::Unauthorized { .. }) {
        ON_UNAUTHORIZED.with(|h| {
            if let Some(hook) = h.borrow().as_ref() {
                hook();
            }
        });
    }
    error
}

fn request_id_of(response: &Response) -> Option<String> {
    response.headers().get(headers::REQUEST_ID)
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let request_id = request_id_of(&response);
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    serde_json::from_str(&text).map_err(|_| ApiError::Decode { status, request_id })
}

/// `GET path` and decode the JSON answer.
pub(crate) async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send(builder(Method::Get, path).build()).await?).await
}

/// `GET path?name=value&…` (values encoded by the browser) and decode the JSON answer.
pub(crate) async fn get_query<T: DeserializeOwned>(
    path: &str,
    params: &[(&str, String)],
) -> Result<T, ApiError> {
    let query = params.iter().map(|(name, value)| (*name, value.as_str()));
    decode(send(builder(Method::Get, path).query(query).build()).await?).await
}

/// `GET path?name=value&…` for a body of `media_type` that the caller reads itself (a stream
/// with no length), with the same credentials as every read; `signal` stops it. A non-2xx is
/// its `ApiError` as for any call.
pub(crate) async fn get_raw(
    path: &str,
    params: &[(&str, String)],
    media_type: &str,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Response, ApiError> {
    let query = params.iter().map(|(name, value)| (*name, value.as_str()));
    let accept = format!("{media_type}, application/json");
    send(
        builder(Method::Get, path)
            .header("accept", &accept)
            .query(query)
            .abort_signal(signal)
            .build(),
    )
    .await
}

/// `POST path` with a JSON body (and the CSRF header), decoding the JSON answer.
pub(crate) async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    key: Option<&IdempotencyKey>,
) -> Result<T, ApiError> {
    decode(send(mutation(Method::Post, path, key).json(body)).await?).await
}

/// `POST path` expecting `204 No Content`.
pub(crate) async fn post_no_content<B: Serialize>(
    path: &str,
    body: &B,
    key: Option<&IdempotencyKey>,
) -> Result<(), ApiError> {
    send(mutation(Method::Post, path, key).json(body)).await?;
    Ok(())
}

/// `POST path?name=value&…` with raw bytes of `media_type` as the body, decoding the JSON
/// answer. Sent with `XMLHttpRequest`, the one browser API that reports upload progress:
/// `on_progress` receives the fraction sent, from 0 to 1.
pub(crate) async fn post_bytes<T: DeserializeOwned>(
    path: &str,
    params: &[(&str, String)],
    media_type: &str,
    content: &[u8],
    on_progress: impl Fn(f64) + 'static,
) -> Result<T, ApiError> {
    let query = params
        .iter()
        .map(|(name, value)| format!("{name}={}", js_sys::encode_uri_component(value)))
        .collect::<Vec<_>>()
        .join("&");
    let url = format!("{}{path}?{query}", api_base());
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                on_progress(e.loaded() / e.total());
            }
        });
    let sent = (|| -> Result<js_sys::Promise, JsValue> {
        xhr.open_with_async("POST", &url, true)?;
        xhr.set_request_header("accept", "application/json")?;
        xhr.set_request_header("content-type", media_type)?;
        if let Some(token) = CSRF_TOKEN.with(|t| t.borrow().clone()) {
            xhr.set_request_header(headers::CSRF_TOKEN, &token)?;
        }
        xhr.upload()?
            .set_onprogress(Some(progress.as_ref().unchecked_ref()));
        let done = js_sys::Promise::new(&mut |resolve, _reject| {
            xhr.set_onloadend(Some(&resolve));
        });
        xhr.send_with_opt_u8_array(Some(content))?;
        Ok(done)
    })();
    let done = sent.map_err(|_| ApiError::Network)?;
    let _ = JsFuture::from(done).await;
    drop(progress);
    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    let request_id = xhr.get_response_header(headers::REQUEST_ID).ok().flatten();
    if status == 0 {
        return Err(ApiError::Network);
    }
    if !(200..300).contains(&status) {
        return Err(failed(status, &text, request_id));
    }
    serde_json::from_str(&text).map_err(|_| ApiError::Decode { status, request_id })
}

/// `PUT path` with a JSON body (and the CSRF header), decoding the JSON answer.
pub(crate) async fn put<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    key: Option<&IdempotencyKey>,
) -> Result<T, ApiError> {
    decode(send(mutation(Method::Put, path, key).json(body)).await?).await
}

/// `PUT path` with a JSON body (and the CSRF header), expecting `204 No Content`.
pub(crate) async fn put_no_content<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    send(mutation(Method::Put, path, None).json(body)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_from_meta_or_default() {
        assert_eq!(normalise_base(None), "/api/v1");
        assert_eq!(normalise_base(Some("  ")), "/api/v1");
        assert_eq!(
            normalise_base(Some("https://api.example/v1/")),
            "https://api.example/v1"
        );
    }

    #[test]
    fn idempotency_keys_are_v4_uuids() {
        let (a, b) = (IdempotencyKey::new(), IdempotencyKey::new());
        assert_ne!(a, b);
        let parsed = uuid::Uuid::parse_str(a.as_str()).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
    }
}
