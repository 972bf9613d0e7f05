//! Callbacks: when a refund or a transfer settles, the fake POSTs its view to the URL the client gave, as
//! operators notify merchants. One try, 5 s at most, no retry; sometimes twice on purpose
//! (`duplicate_callback`), so that the receiving side proves it handles a duplicate.

use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

pub(crate) type Client = hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>>;

const TIMEOUT: Duration = Duration::from_secs(5);

pub(crate) fn client() -> Client {
    hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http()
}

/// One settled refund's or transfer's callback.
pub(crate) struct Delivery {
    pub operator_ref: String,
    pub url: String,
    /// Its view, as JSON.
    pub body: Bytes,
    /// 1, or 2 for a duplicate.
    pub times: u8,
}

/// Delivers, one POST after the other. Failures are logged and dropped: a real operator's
/// callbacks are not to be relied on either, and the client can always read the refund or transfer.
pub(crate) async fn deliver(client: &Client, delivery: Delivery) {
    for attempt in 1..=delivery.times {
        let result =
            tokio::time::timeout(TIMEOUT, post(client, &delivery.url, delivery.body.clone()))
                .await
                .unwrap_or_else(|_| Err("no answer within 5 s".to_owned()));
        // The URL stays out of the logs: a receiver may put a token in it.
        match result {
            Ok(status) => tracing::info!(
                operator_ref = %delivery.operator_ref,
                attempt,
                status = status.as_u16(),
                "fake operator: callback delivered"
            ),
            Err(error) => tracing::warn!(
                operator_ref = %delivery.operator_ref,
                attempt,
                %error,
                "fake operator: callback failed"
            ),
        }
    }
}

async fn post(client: &Client, url: &str, body: Bytes) -> Result<StatusCode, String> {
    let request = Request::post(url)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(body))
        .map_err(|e| e.to_string())?;
    let response = client.request(request).await.map_err(|e| e.to_string())?;
    let status = response.status();
    // Read to the end, so the connection can carry the duplicate.
    response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    Ok(status)
}
