//! Monthly fee invoices (migration `…_invoices.sql`): issued from a month's settlements once
//! the month is over ([`issue_due`], run after each day's settlements), then only read.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use guichet_domain::balances::invoices::{invoice_number, month_of, Invoice, InvoiceLine};
use guichet_domain::balances::Rate;
use guichet_domain::payments::MethodKind;
use guichet_domain::{Currency, InvoiceId, Money, OrgId};

use super::settlements::Books;
use super::Conn;
use crate::error::AppError;
use crate::time;

#[derive(sqlx::FromRow)]
struct InvoiceRow {
    id: InvoiceId,
    org_id: OrgId,
    shop: String,
    month: String,
    number: String,
    issued_on: String,
    currency: String,
    vat_rate_bp: i64,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    invoice_id: InvoiceId,
    method_kind: String,
    purchases: i64,
    volume_minor: i64,
    fees_minor: i64,
    vat_minor: i64,
}

const SELECT: &str = "SELECT i.id, i.org_id, o.name AS shop, i.month, i.number, i.issued_on, \
     i.currency, i.vat_rate_bp FROM invoices i JOIN organisations o ON o.id = i.org_id";

fn bad(what: &str, value: &str) -> AppError {
    AppError::internal(format_args!("bad {what} {value:?}"))
}

/// Issues the invoice of every month over by `today` that has settlements and no invoice yet,
/// oldest first, in the caller's write transaction (its numbers follow the provider's last).
/// Returns how many were issued.
pub async fn issue_due(
    conn: &mut Conn,
    books: &Books,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let (this_month, _) = month_of(today);
    let months: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT substr(s.day, 1, 7) || '-01' AS month FROM settlements s \
         WHERE s.org_id = $1 AND s.day < $2 AND NOT EXISTS (SELECT 1 FROM invoices i \
         WHERE i.org_id = s.org_id AND i.month = substr(s.day, 1, 7) || '-01') ORDER BY month",
    )
    .bind(&books.org)
    .bind(this_month.to_string())
    .fetch_all(&mut *conn)
    .await?;
    for month in &months {
        let first: NaiveDate = month.parse().map_err(|_| bad("month", month))?;
        issue(conn, books, first, today, now).await?;
    }
    Ok(months.len())
}

async fn issue(
    conn: &mut Conn,
    books: &Books,
    month: NaiveDate,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (first, last) = month_of(month);
    let sequence: i64 =
        sqlx::query_scalar("SELECT CAST(COALESCE(MAX(sequence), 0) + 1 AS BIGINT) FROM invoices")
            .fetch_one(&mut *conn)
            .await?;
    let id: InvoiceId = super::new_id();
    sqlx::query(
        "INSERT INTO invoices (id, org_id, month, sequence, number, issued_on, currency, \
         vat_rate_bp, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&books.org)
    .bind(first.to_string())
    .bind(sequence)
    .bind(invoice_number(
        today.year(),
        u64::try_from(sequence).unwrap_or_default(),
    ))
    .bind(today.to_string())
    .bind(books.currency.code())
    .bind(i64::from(books.country.vat().0))
    .bind(time::to_db(now))
    .execute(&mut *conn)
    .await?;
    // What the month's settlements took: each purchase's fee and VAT, as they were charged.
    sqlx::query(
        "INSERT INTO invoice_lines (invoice_id, method_kind, purchases, volume_minor, \
         fees_minor, vat_minor) \
         SELECT $1, p.method_kind, COUNT(*), CAST(SUM(p.amount_minor) AS BIGINT), \
         CAST(SUM(p.fee_minor) AS BIGINT), CAST(SUM(p.vat_minor) AS BIGINT) \
         FROM purchases p JOIN settlements s ON s.id = p.settlement_id \
         WHERE s.org_id = $2 AND s.day >= $3 AND s.day <= $4 GROUP BY p.method_kind",
    )
    .bind(&id)
    .bind(&books.org)
    .bind(first.to_string())
    .bind(last.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The organisation's invoices, newest month first.
pub async fn list(conn: &mut Conn, org: &OrgId) -> Result<Vec<Invoice>, AppError> {
    let rows: Vec<InvoiceRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE i.org_id = $1 ORDER BY i.month DESC"
    ))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT l.invoice_id, l.method_kind, l.purchases, l.volume_minor, l.fees_minor, \
         l.vat_minor FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id \
         WHERE i.org_id = $1 ORDER BY l.method_kind",
    )
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            let id = row.id.clone();
            invoice(row, lines.iter().filter(|l| l.invoice_id == id))
        })
        .collect()
}

/// One of the organisation's invoices.
pub async fn get(
    conn: &mut Conn,
    org: &OrgId,
    id: &InvoiceId,
) -> Result<Option<Invoice>, AppError> {
    let row: Option<InvoiceRow> =
        sqlx::query_as(&format!("{SELECT} WHERE i.org_id = $1 AND i.id = $2"))
            .bind(org)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT invoice_id, method_kind, purchases, volume_minor, fees_minor, vat_minor \
         FROM invoice_lines WHERE invoice_id = $1 ORDER BY method_kind",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    invoice(row, lines.iter()).map(Some)
}

fn invoice<'a>(
    row: InvoiceRow,
    lines: impl Iterator<Item = &'a LineRow>,
) -> Result<Invoice, AppError> {
    let currency = Currency::parse(&row.currency).ok_or_else(|| bad("currency", &row.currency))?;
    let money = |minor| Money::new(minor, currency);
    let lines = lines
        .map(|l| {
            Ok(InvoiceLine {
                method: MethodKind::parse(&l.method_kind)
                    .ok_or_else(|| bad("method", &l.method_kind))?,
                purchases: u64::try_from(l.purchases).unwrap_or_default(),
                volume: money(l.volume_minor),
                fees: money(l.fees_minor),
                vat: money(l.vat_minor),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let fees = lines.iter().map(|l| l.fees.amount_minor).sum();
    let vat = lines.iter().map(|l| l.vat.amount_minor).sum();
    let month: NaiveDate = row.month.parse().map_err(|_| bad("month", &row.month))?;
    let (period_start, period_end) = month_of(month);
    Ok(Invoice {
        id: row.id,
        number: row.number,
        period_start,
        period_end,
        issued_on: row
            .issued_on
            .parse()
            .map_err(|_| bad("day", &row.issued_on))?,
        business_account: row.org_id,
        shop: row.shop,
        vat_rate: Rate(u32::try_from(row.vat_rate_bp).unwrap_or_default()),
        lines,
        fees: money(fees),
        vat: money(vat),
        total: money(fees + vat),
    })
}
