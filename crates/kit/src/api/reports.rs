//! Reports: a period's transactions as CSV, read as it streams in (the server sends no length),
//! and the check that the report, the settlements and the main account agree.

use guichet_domain::balances::{Reconciliation, ReportQuery};
use guichet_domain::paths;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult};

use super::{http, ApiError};

/// The query's parameters: the period, and the dialect where it matters.
pub fn report_params(query: &ReportQuery, with_format: bool) -> Vec<(&'static str, String)> {
    let mut params = vec![
        ("from", query.from.to_string()),
        ("until", query.until.to_string()),
    ];
    if with_format {
        params.push(("format", query.format.as_str().to_owned()));
    }
    params
}

/// The period's settlements beside the report's rows they took, and the main account's change
/// beside their net less the payouts paid.
///
/// HTTP GET /reports/reconciliation
pub async fn reconciliation(query: &ReportQuery) -> Result<Reconciliation, ApiError> {
    http::get_query(paths::REPORT_RECONCILIATION, &report_params(query, false)).await
}

/// Stops a download: its request, or the reading of its body, wherever it is.
pub struct Abort(Option<AbortController>);

impl Abort {
    /// A browser without `AbortController` downloads all the same, without a way to stop.
    pub fn new() -> Self {
        Abort(AbortController::new().ok())
    }

    pub fn abort(&self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }

    fn aborted(&self) -> bool {
        self.0.as_ref().is_some_and(|c| c.signal().aborted())
    }
}

impl Default for Abort {
    fn default() -> Self {
        Self::new()
    }
}

/// How a download ended without its file.
#[derive(Debug, Clone, PartialEq)]
pub enum Stopped {
    /// [`Abort::abort`] was called.
    Cancelled,
    /// The server refused (or could not be reached): nothing came.
    Failed(ApiError),
    /// The report had begun to come and stopped before its end (the server failed while writing
    /// it, or the connection broke): its request id is the one support traces.
    Interrupted { request_id: Option<String> },
}

/// A report received whole: its chunks as the browser gave them, never joined into one copy in
/// the app's memory.
#[derive(Debug, Clone)]
pub struct Received {
    pub chunks: js_sys::Array,
    pub request_id: Option<String>,
}

/// How long an object URL outlives the click that saves it: a browser may start reading it only
/// after the click's task ends.
const URL_LIFETIME_MS: i32 = 30_000;

impl Received {
    /// Hands the report to the user as the file `name`: a `Blob` of the chunks behind an object
    /// URL (the policy's `default-src 'self'` does not govern a download), a link with
    /// `download` clicked, removed at once, and the URL revoked a little later. False if the
    /// browser refused any step.
    pub fn save(&self, name: &str, media_type: &str) -> bool {
        let saved = (|| -> Result<(), wasm_bindgen::JsValue> {
            let options = web_sys::BlobPropertyBag::new();
            options.set_type(media_type);
            let blob =
                web_sys::Blob::new_with_u8_array_sequence_and_options(&self.chunks, &options)?;
            let url = web_sys::Url::create_object_url_with_blob(&blob)?;
            let window = web_sys::window().ok_or(wasm_bindgen::JsValue::NULL)?;
            let document = window.document().ok_or(wasm_bindgen::JsValue::NULL)?;
            let link: web_sys::HtmlElement = document.create_element("a")?.unchecked_into();
            link.set_attribute("href", &url)?;
            link.set_attribute("download", name)?;
            link.set_hidden(true);
            let body = document.body().ok_or(wasm_bindgen::JsValue::NULL)?;
            body.append_child(&link)?;
            link.click();
            link.remove();
            let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            });
            window.set_timeout_with_callback_and_timeout_and_arguments_0(
                revoke.unchecked_ref(),
                URL_LIFETIME_MS,
            )?;
            Ok(())
        })();
        saved.is_ok()
    }
}

/// Downloads the period's transactions, handing each chunk to `on_chunk` as it arrives (to
/// count what came), with the same credentials as every read.
///
/// HTTP GET /reports/transactions
pub async fn transactions(
    query: &ReportQuery,
    abort: &Abort,
    mut on_chunk: impl FnMut(&[u8]),
) -> Result<Received, Stopped> {
    let stopped = |request_id| {
        if abort.aborted() {
            Stopped::Cancelled
        } else {
            Stopped::Interrupted { request_id }
        }
    };
    let params = report_params(query, true);
    let signal = abort.0.as_ref().map(AbortController::signal);
    let response = http::get_raw(
        paths::REPORT_TRANSACTIONS,
        &params,
        "text/csv",
        signal.as_ref(),
    )
    .await
    .map_err(|error| match error {
        ApiError::Network if abort.aborted() => Stopped::Cancelled,
        error => Stopped::Failed(error),
    })?;
    let request_id = response.headers().get(paths::headers::REQUEST_ID);
    let chunks = js_sys::Array::new();
    let Some(body) = response.body() else {
        return Ok(Received { chunks, request_id });
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    loop {
        let read = JsFuture::from(reader.read())
            .await
            .map_err(|_| stopped(request_id.clone()))?;
        let read: ReadableStreamReadResult = read.unchecked_into();
        if read.get_done().unwrap_or(true) {
            break;
        }
        let chunk: js_sys::Uint8Array = read.get_value().unchecked_into();
        on_chunk(&chunk.to_vec());
        chunks.push(&chunk);
    }
    Ok(Received { chunks, request_id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::balances::ReportFormat;

    #[test]
    fn the_format_goes_only_where_it_is_read() {
        let query = ReportQuery {
            from: "2026-11-01".parse().unwrap(),
            until: "2026-11-30".parse().unwrap(),
            format: ReportFormat::CsvFr,
        };
        let pairs = |with| {
            report_params(&query, with)
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        };
        assert_eq!(pairs(false), "from=2026-11-01&until=2026-11-30");
        assert_eq!(
            pairs(true),
            "from=2026-11-01&until=2026-11-30&format=csv_fr"
        );
    }
}
