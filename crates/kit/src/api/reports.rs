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

impl Received {
    /// Hands the report to the user as the file `name`, from its chunks. False if the browser
    /// refused.
    pub fn save(&self, name: &str, media_type: &str) -> bool {
        crate::files::save(&self.chunks, name, media_type)
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
