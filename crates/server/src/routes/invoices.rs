//! Monthly fee invoices (« Facturation »): listed, read, and downloaded as CSV. Issued by the
//! settlement runner once a month is over (`store/invoices.rs`). Permission: `reports.read`.

use axum::extract::State;
use axum::response::IntoResponse;
use guichet_domain::balances::invoices::Invoice;
use guichet_domain::balances::ReportFormat;
use guichet_domain::{paths, InvoiceId, Permission};

use crate::auth::Session;
use crate::csv_file::{self, cell, Dialect};
use crate::error::{ApiResult, AppError};
use crate::extract::{ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::invoices;

/// The organisation's invoices, newest month first (a dozen a year: no pages).
#[utoipa::path(get, path = paths::INVOICES, operation_id = "list_invoices", tag = "balances",
    responses((status = 200, description = "The invoices.", body = Vec<Invoice>)),
    security(("session" = ["reports.read"])))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Vec<Invoice>>> {
    session.require(Permission::ReportsRead)?;
    let mut conn = state.db.acquire().await?;
    Ok(axum::Json(
        invoices::list(&mut conn, &session.org_id).await?,
    ))
}

async fn find(state: &AppState, session: &Session, id: &InvoiceId) -> ApiResult<Invoice> {
    session.require(Permission::ReportsRead)?;
    let mut conn = state.db.acquire().await?;
    invoices::get(&mut conn, &session.org_id, id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// One invoice: its number, month, lines by payment method, fees, VAT and total.
#[utoipa::path(get, path = paths::invoice(&InvoiceId::from("{id}")), operation_id = "get_invoice", tag = "balances",
    params(("id" = String, Path, description = "Invoice id")),
    responses(
        (status = 200, description = "The invoice.", body = Invoice),
        (status = 404, description = "No such invoice in the caller's organisation.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["reports.read"])))]
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<InvoiceId>,
) -> ApiResult<axum::Json<Invoice>> {
    Ok(axum::Json(find(&state, &session, &id).await?))
}

/// `GET /invoices/{id}/download` query.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DownloadQuery {
    /// `csv` (the default) or `csv_fr` (semicolons, decimal commas, French headers).
    #[serde(default)]
    #[param(inline)]
    pub format: ReportFormat,
}

const COLUMNS: [&str; 14] = [
    "number",
    "period_start",
    "period_end",
    "issued_on",
    "business_account",
    "shop",
    "currency",
    "method",
    "purchases",
    "volume",
    "fees",
    "vat_rate",
    "vat",
    "total",
];
const COLUMNS_FR: [&str; 14] = [
    "numéro",
    "début",
    "fin",
    "émise le",
    "compte business",
    "boutique",
    "devise",
    "moyen de paiement",
    "achats",
    "volume",
    "frais HT",
    "taux de TVA",
    "TVA",
    "total TTC",
];

/// The invoice as CSV: a row per payment method, then a `total` row. Columns: `number`,
/// `period_start`, `period_end`, `issued_on` (ISO dates), `business_account`, `shop`,
/// `currency`, `method` (`card`, `mobile_money`, `total`), `purchases`, `volume` (what
/// customers paid), `fees` (before VAT), `vat_rate` (percent), `vat`, `total` (fees and VAT).
/// Amounts are decimals in major units; `format=csv_fr` is for a spreadsheet in French.
#[utoipa::path(get, path = paths::invoice_download(&InvoiceId::from("{id}")), operation_id = "download_invoice", tag = "balances",
    params(("id" = String, Path, description = "Invoice id"), DownloadQuery),
    responses(
        (status = 200, description = "The invoice as CSV.", content_type = "text/csv", body = String),
        (status = 404, description = "No such invoice in the caller's organisation.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["reports.read"])))]
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<InvoiceId>,
    ApiQuery(q): ApiQuery<DownloadQuery>,
) -> ApiResult<impl IntoResponse> {
    let invoice = find(&state, &session, &id).await?;
    let dialect = Dialect::of(q.format);
    let name = format!("{}.csv", invoice.number);
    Ok(csv_file::download(
        &name,
        dialect,
        move |mut out| async move {
            out.row(if dialect.french { COLUMNS_FR } else { COLUMNS })?;
            for row in rows(&invoice, dialect) {
                out.row(&row)?;
            }
            out.finish().await
        },
    ))
}

/// The invoice's rows: one per payment method, then the total's.
fn rows(invoice: &Invoice, dialect: Dialect) -> Vec<[String; 14]> {
    let currency = invoice.total.currency;
    let amount = |minor| dialect.amount(minor, currency);
    let rate = {
        let percent = format!(
            "{}.{:02}",
            invoice.vat_rate.0 / 100,
            invoice.vat_rate.0 % 100
        );
        if dialect.french {
            percent.replace('.', ",")
        } else {
            percent
        }
    };
    let lines = invoice.lines.iter().map(|l| {
        (
            l.method.as_str(),
            l.purchases,
            l.volume.amount_minor,
            l.fees.amount_minor,
            l.vat.amount_minor,
        )
    });
    let totals = (
        "total",
        invoice.lines.iter().map(|l| l.purchases).sum(),
        invoice.lines.iter().map(|l| l.volume.amount_minor).sum(),
        invoice.fees.amount_minor,
        invoice.vat.amount_minor,
    );
    lines
        .chain([totals])
        .map(|(method, purchases, volume, fees, vat)| {
            [
                invoice.number.clone(),
                invoice.period_start.to_string(),
                invoice.period_end.to_string(),
                invoice.issued_on.to_string(),
                invoice.business_account.to_string(),
                cell(&invoice.shop),
                currency.code().to_owned(),
                method.to_owned(),
                purchases.to_string(),
                amount(volume),
                amount(fees),
                rate.clone(),
                amount(vat),
                amount(fees + vat),
            ]
        })
        .collect()
}
