//! CSV files for download (the transactions report, an invoice, the purchases list): the two
//! dialects, cells a spreadsheet will not run, and a file streamed as it is written, so that
//! the server holds a chunk at a time whatever its length.

use std::future::Future;

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::IntoResponse;
use guichet_domain::balances::ReportFormat;
use guichet_domain::{Currency, Money};
use tokio::sync::mpsc;

use crate::error::AppError;

/// Bytes gathered before they are sent.
const CHUNK: usize = 64 * 1024;

/// A CSV dialect: RFC 4180 (commas, decimal points), or for a spreadsheet in French
/// (`csv_fr`: semicolons, decimal commas, and a byte-order mark first, so that it reads the file
/// as UTF-8).
#[derive(Debug, Clone, Copy)]
pub struct Dialect {
    pub french: bool,
}

impl Dialect {
    pub const PLAIN: Dialect = Dialect { french: false };

    pub fn of(format: ReportFormat) -> Dialect {
        Dialect {
            french: format == ReportFormat::CsvFr,
        }
    }

    /// A writer of this dialect that goes on after `start`.
    fn writer_after(self, start: Vec<u8>) -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .delimiter(if self.french { b';' } else { b',' })
            .from_writer(start)
    }

    /// An amount as a decimal in major units.
    pub fn amount(self, minor: i64, currency: Currency) -> String {
        let text = Money::new(minor, currency).decimal_string();
        if self.french {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// A text cell a spreadsheet will not run: one starting like a formula gets a `'` first.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A CSV file being sent: rows are written into a buffer, sent a chunk at a time.
pub struct CsvStream {
    out: csv::Writer<Vec<u8>>,
    dialect: Dialect,
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
}

impl CsvStream {
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    pub fn row<I, T>(&mut self, cells: I) -> Result<(), AppError>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.out
            .write_record(cells)
            .map_err(|e| AppError::internal(format_args!("csv: {e}")))
    }

    /// Sends what is written if it makes a chunk; a client gone stops the writing.
    pub async fn send_full(&mut self) -> Result<(), AppError> {
        if self.out.get_ref().len() >= CHUNK {
            self.send().await?;
        }
        Ok(())
    }

    /// Sends what is left: the end of the file.
    pub async fn finish(mut self) -> Result<(), AppError> {
        self.send().await
    }

    async fn send(&mut self) -> Result<(), AppError> {
        let empty = self.dialect.writer_after(Vec::new());
        let bytes = std::mem::replace(&mut self.out, empty)
            .into_inner()
            .map_err(|e| AppError::internal(format_args!("csv: {e}")))?;
        self.tx
            .send(Ok(Bytes::from(bytes)))
            .await
            .map_err(|_| AppError::internal("the client went away"))
    }
}

/// Answers with the CSV file `name` in `dialect`, written by `fill` in a task of its own as it
/// is sent (no length is known before the end). An error there cuts the download short, so
/// that the client sees it failed rather than a file that looks whole.
pub fn download<F, Fut>(name: &str, dialect: Dialect, fill: F) -> impl IntoResponse
where
    F: FnOnce(CsvStream) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), AppError>> + Send + 'static,
{
    let (tx, rx) = mpsc::channel(4);
    let errors = tx.clone();
    let start = if dialect.french { "\u{feff}" } else { "" };
    let out = CsvStream {
        out: dialect.writer_after(start.as_bytes().to_vec()),
        dialect,
        tx,
    };
    tokio::spawn(async move {
        if let Err(e) = fill(out).await {
            tracing::warn!(error = %e, "a download stopped");
            let _ = errors.send(Err(std::io::Error::other(e.to_string()))).await;
        }
    });
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx)),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_formula_is_not_a_formula_in_a_file() {
        assert_eq!(super::cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::cell("ABJ-1000001"), "ABJ-1000001");
    }
}
