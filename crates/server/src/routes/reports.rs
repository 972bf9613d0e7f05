//! Reconciliation: every transaction of a period as CSV, streamed from the database as it is
//! sent (a million rows in bounded memory), and the check that the report, the settlements and
//! the main account agree. Permission: `reports.read`.

use axum::extract::State;
use axum::response::IntoResponse;
use guichet_domain::balances::{
    Account, Reconciliation, ReconciliationDifferences, ReportQuery, Settlement, SettlementLines,
};
use guichet_domain::{messages, paths, Currency, OrgId, Permission};
use tokio_stream::StreamExt;

use crate::auth::Session;
use crate::csv_file::{self, cell, CsvStream, Dialect};
use crate::db::Db;
use crate::error::{ApiResult, AppError};
use crate::extract::ApiQuery;
use crate::state::AppState;
use crate::store::reports::{self, Period, ReportRow};
use crate::store::settlements::{self, Books};
use crate::time;

/// The longest period one report covers.
const MAX_DAYS: i64 = 400;

/// The columns, in each dialect: the English ones are the CSV's documentation (see the
/// operation's description).
const COLUMNS: [&str; 13] = [
    "date",
    "type",
    "reference",
    "description",
    "currency",
    "gross",
    "fees",
    "vat",
    "refunds",
    "net",
    "settlement_id",
    "settlement_date",
    "payout_id",
];
const COLUMNS_FR: [&str; 13] = [
    "date",
    "type",
    "référence",
    "description",
    "devise",
    "brut",
    "frais",
    "TVA",
    "remboursements",
    "net",
    "règlement",
    "date du règlement",
    "paiement",
];

async fn period(
    state: &AppState,
    session: &Session,
    q: &ReportQuery,
) -> ApiResult<(Books, Period)> {
    session.require(Permission::ReportsRead)?;
    if q.until < q.from {
        return Err(AppError::field("until", messages::OUT_OF_RANGE));
    }
    if (q.until - q.from).num_days() >= MAX_DAYS {
        return Err(AppError::field("from", messages::OUT_OF_RANGE));
    }
    let mut conn = state.db.acquire().await?;
    let books = settlements::books(&mut conn, &session.org_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let period = Period {
        from: q.from,
        until: q.until,
        zone: books.zone,
    };
    Ok((books, period))
}

/// Every transaction of the period as CSV: the purchases and refunds the settlements of its
/// business days took, each settlement's reserve held and released and what it carried, then
/// what completed in the period and is not settled yet, and the payouts paid in it. Columns:
/// `date` (ISO 8601, the merchant's zone), `type` (`purchase`, `refund`, `reserve_held`,
/// `reserve_released`, `carried_in`, `carried_out`, `payout`), `reference` (the purchase's, or
/// the payout's id), `description`, `currency`, `gross` (what the customer paid), `fees`,
/// `vat` (on the fees), `refunds`, `net` (what it adds to the main account: gross − fees − VAT
/// − refunds, or the reserve's and carried amounts, or minus a payout's amount),
/// `settlement_id`, `settlement_date`, `payout_id`. Amounts are decimals in major
/// units. The rows of a settlement sum to its net. `format=csv_fr`: semicolons, decimal commas,
/// French headers and a byte-order mark, for a spreadsheet in French. Streamed as it is read:
/// no length is known before the end.
#[utoipa::path(get, path = paths::REPORT_TRANSACTIONS, operation_id = "report_transactions", tag = "balances",
    params(ReportQuery),
    responses(
        (status = 200, description = "The report, streamed.", content_type = "text/csv", body = String),
        (status = 422, description = "`validation`: `until` before `from`, or a period over 400 days.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["reports.read"])))]
pub async fn transactions(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> ApiResult<impl IntoResponse> {
    let (books, period) = period(&state, &session, &q).await?;
    let mut conn = state.db.acquire().await?;
    let taken = settlements::in_period(&mut conn, &books.org, q.from, q.until).await?;
    drop(conn);
    let db = state.db.clone();
    let name = format!("transactions-{}-{}.csv", q.from, q.until);
    Ok(csv_file::download(&name, Dialect::of(q.format), |out| {
        write(db, books, period, taken, out)
    }))
}

/// A report being written: the file, and the merchant's zone and currency.
struct Sheet {
    out: CsvStream,
    zone: chrono_tz::Tz,
    currency: Currency,
}

impl Sheet {
    fn amount(&self, minor: i64) -> String {
        self.out.dialect().amount(minor, self.currency)
    }

    fn row(&mut self, cells: [String; 13]) -> Result<(), AppError> {
        self.out.row(&cells)
    }

    fn transaction(&mut self, r: &ReportRow) -> Result<(), AppError> {
        let at = time::from_db(&r.at)?.with_timezone(&self.zone);
        let net = r.gross - r.fees - r.vat - r.refunds - r.payout;
        let cells = [
            at.to_rfc3339(),
            r.kind.clone(),
            cell(&r.reference),
            cell(&r.description),
            self.currency.code().to_owned(),
            self.amount(r.gross),
            self.amount(r.fees),
            self.amount(r.vat),
            self.amount(r.refunds),
            self.amount(net),
            r.settlement_id.clone().unwrap_or_default(),
            r.settlement_day.clone().unwrap_or_default(),
            r.payout_id.clone().unwrap_or_default(),
        ];
        self.row(cells)
    }

    /// A settlement's own lines: the reserve it held and released, what it carried.
    fn settlement_lines(&mut self, s: &Settlement) -> Result<(), AppError> {
        let SettlementLines {
            reserve_held,
            reserve_released,
            carried_in,
            carried_out,
            ..
        } = s.lines;
        let at = s
            .day
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(self.zone).earliest())
            .map(|t| t.to_rfc3339())
            .unwrap_or_default();
        for (kind, net, description) in [
            (
                "reserve_held",
                -reserve_held,
                format!("until {}", s.reserve_until),
            ),
            ("reserve_released", reserve_released, String::new()),
            ("carried_in", -carried_in, String::new()),
            ("carried_out", carried_out, String::new()),
        ] {
            if net == 0 {
                continue;
            }
            let zero = self.amount(0);
            let cells = [
                at.clone(),
                kind.to_owned(),
                String::new(),
                description,
                self.currency.code().to_owned(),
                zero.clone(),
                zero.clone(),
                zero.clone(),
                zero,
                self.amount(net),
                s.id.to_string(),
                s.day.to_string(),
                String::new(),
            ];
            self.row(cells)?;
        }
        Ok(())
    }
}

/// Writes the report, a chunk at a time; a client gone stops it.
async fn write(
    db: Db,
    books: Books,
    period: Period,
    settled: Vec<Settlement>,
    out: CsvStream,
) -> Result<(), AppError> {
    let french = out.dialect().french;
    let mut sheet = Sheet {
        out,
        zone: books.zone,
        currency: books.currency,
    };
    sheet.row((if french { COLUMNS_FR } else { COLUMNS }).map(str::to_owned))?;
    let mut pending = settled.into_iter().peekable();
    let mut conn = db.acquire().await?;
    let bounds = period.bounds();
    let mut rows = reports::rows(&mut conn, &books.org, &bounds);
    while let Some(row) = rows.next().await {
        let row = row?;
        // The settlements before this row's are complete: their own lines follow theirs.
        while let Some(s) = pending.next_if(|s| {
            row.settlement_day
                .as_deref()
                .is_none_or(|day| s.day.to_string().as_str() < day)
        }) {
            sheet.settlement_lines(&s)?;
        }
        sheet.transaction(&row)?;
        sheet.out.send_full().await?;
    }
    for s in pending {
        sheet.settlement_lines(&s)?;
    }
    sheet.out.finish().await
}

/// Whether the period's report, settlements and main account agree: the report's rows that
/// settlements took against those settlements, line by line, and the main account's change
/// against the settlements' net less the payouts paid.
#[utoipa::path(get, path = paths::REPORT_RECONCILIATION, operation_id = "reconciliation", tag = "balances",
    params(ReportQuery),
    responses(
        (status = 200, description = "The check.", body = Reconciliation),
        (status = 422, description = "`validation`: `until` before `from`, or a period over 400 days.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["reports.read"])))]
pub async fn reconciliation(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> ApiResult<axum::Json<Reconciliation>> {
    let (books, period) = period(&state, &session, &q).await?;
    let mut conn = state.db.acquire().await?;
    let taken = settlements::in_period(&mut conn, &books.org, q.from, q.until).await?;
    let mut settled = SettlementLines::default();
    for s in &taken {
        let l = s.lines;
        settled.gross += l.gross;
        settled.fees += l.fees;
        settled.vat += l.vat;
        settled.refunds += l.refunds;
        settled.carried_in += l.carried_in;
        settled.reserve_held += l.reserve_held;
        settled.reserve_released += l.reserve_released;
        settled.net += l.net;
        settled.carried_out += l.carried_out;
    }
    let (rows, gross, fees, vat, refunds) =
        reports::settled_totals(&mut conn, &books.org, &period.bounds()).await?;
    let (start, end) = period.instants();
    let main_change = main_change(&mut conn, &books.org, &start, &end).await?;
    let payouts = reports::payouts_paid(&mut conn, &books.org, &period.bounds()).await?;
    Ok(axum::Json(Reconciliation {
        from: q.from,
        until: q.until,
        currency: books.currency,
        settlements: taken.len() as u64,
        settled,
        report_rows: u64::try_from(rows).unwrap_or(0),
        report_gross: gross,
        report_fees: fees,
        report_vat: vat,
        report_refunds: refunds,
        payouts,
        main_change,
        differences: ReconciliationDifferences {
            gross: gross - settled.gross,
            fees: fees - settled.fees,
            vat: vat - settled.vat,
            refunds: refunds - settled.refunds,
            balance: main_change - (settled.net - payouts),
        },
    }))
}

/// The main account's change between two instants, by the ledger.
async fn main_change(
    conn: &mut crate::store::Conn,
    org: &OrgId,
    start: &str,
    end: &str,
) -> ApiResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM ledger_entries \
         WHERE org_id = $1 AND account = $2 AND at >= $3 AND at < $4",
    )
    .bind(org)
    .bind(Account::Main.as_str())
    .bind(start)
    .bind(end)
    .fetch_one(conn)
    .await?)
}
