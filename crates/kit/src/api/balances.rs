//! Balances and settlements: a merchant's accounts and the next settlement's estimate, the
//! settlements that ran, line by line, and the monthly fee invoices.

use guichet_domain::api::Page;
use guichet_domain::balances::invoices::Invoice;
use guichet_domain::balances::{Balances, ReportFormat, Settlement};
use guichet_domain::{paths, InvoiceId, SettlementId};

use super::{http, ApiError};

/// The main, shop, reserve and owed accounts, the reserve's releases, the next settlement and
/// the last 30 days' figures.
///
/// HTTP GET /balances
pub async fn balances() -> Result<Balances, ApiError> {
    http::get(paths::BALANCES).await
}

/// A page of the organisation's settlements, newest first: the first without a `cursor`, then
/// the one after the page whose `next_cursor` it is.
///
/// HTTP GET /settlements
pub async fn settlements(cursor: Option<&str>) -> Result<Page<Settlement>, ApiError> {
    let params: Vec<(&str, String)> = cursor
        .map(|cursor| ("cursor", cursor.to_owned()))
        .into_iter()
        .collect();
    http::get_query(paths::SETTLEMENTS, &params).await
}

/// HTTP GET /settlements/{id}
pub async fn settlement(id: &SettlementId) -> Result<Settlement, ApiError> {
    http::get(&paths::settlement(id)).await
}

/// The organisation's fee invoices, newest month first.
///
/// HTTP GET /invoices
pub async fn invoices() -> Result<Vec<Invoice>, ApiError> {
    http::get(paths::INVOICES).await
}

/// HTTP GET /invoices/{id}
pub async fn invoice(id: &InvoiceId) -> Result<Invoice, ApiError> {
    http::get(&paths::invoice(id)).await
}

/// Where the browser downloads an invoice as CSV in `format` (a link: the file is small).
///
/// HTTP GET /invoices/{id}/download
pub fn invoice_download_url(id: &InvoiceId, format: ReportFormat) -> String {
    format!(
        "{}{}?format={}",
        http::api_base(),
        paths::invoice_download(id),
        format.as_str()
    )
}
