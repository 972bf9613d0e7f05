//! The reconciliation report's SQL: every transaction of a period, settlement by settlement.
//!
//! A period's report holds what the settlements of its business days took (purchases and
//! refunds, each with its settlement), what completed in it but is not settled yet, and the
//! payouts paid in it. Its
//! rows are read as a stream, never gathered: a million rows cost the server one row's memory
//! at a time.

use chrono::NaiveDate;
use chrono_tz::Tz;
use guichet_domain::OrgId;

use super::purchases::day_start;
use super::Conn;
use crate::error::AppError;

/// A transaction of the report.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    /// When it completed (stored UTC text).
    pub at: String,
    /// `purchase`, `refund` or `payout`.
    pub kind: String,
    pub reference: String,
    pub description: String,
    pub gross: i64,
    pub fees: i64,
    pub vat: i64,
    pub refunds: i64,
    /// A payout's amount, out of the main account.
    pub payout: i64,
    pub settlement_id: Option<String>,
    pub settlement_day: Option<String>,
    pub payout_id: Option<String>,
}

/// The period's bounds as the query binds them: its first and last business days, and the
/// instants its days start and end in the merchant's zone.
pub struct Period {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub zone: Tz,
}

/// A period as its queries bind it.
pub struct Bounds(String, String, String, String);

impl Period {
    pub fn bounds(&self) -> Bounds {
        Bounds(
            self.from.to_string(),
            self.until.to_string(),
            day_start(self.from, self.zone),
            day_start(self.until.succ_opt().unwrap_or(self.until), self.zone),
        )
    }

    /// The instants the period starts and ends (stored UTC text).
    pub fn instants(&self) -> (String, String) {
        let b = self.bounds();
        (b.2, b.3)
    }
}

/// The period's transactions (before ordering). Binds `$1` the organisation, `$2`..`$5`
/// [`Period::bounds`].
macro_rules! rows_sql {
    () => {
        "SELECT p.settled_at AS at, 'purchase' AS kind, p.reference AS reference, \
                p.method_brand || ' ' || p.method_masked || ', ' || p.customer AS description, \
                p.amount_minor AS gross, p.fee_minor AS fees, p.vat_minor AS vat, \
                CAST(0 AS BIGINT) AS refunds, CAST(0 AS BIGINT) AS payout, \
                s.id AS settlement_id, s.day AS settlement_day, CAST(NULL AS TEXT) AS payout_id \
         FROM purchases p LEFT JOIN settlements s ON s.id = p.settlement_id \
         WHERE p.org_id = $1 AND p.status = 'completed' \
           AND ((s.day >= $2 AND s.day <= $3) \
                OR (p.settlement_id IS NULL AND p.settled_at >= $4 AND p.settled_at < $5)) \
         UNION ALL \
         SELECT e.at AS at, 'refund' AS kind, p.reference AS reference, r.reason AS description, \
                CAST(0 AS BIGINT) AS gross, CAST(0 AS BIGINT) AS fees, CAST(0 AS BIGINT) AS vat, \
                r.amount_minor AS refunds, CAST(0 AS BIGINT) AS payout, \
                s.id AS settlement_id, s.day AS settlement_day, NULL AS payout_id \
         FROM refunds r JOIN purchases p ON p.id = r.purchase_id \
         JOIN ledger_entries e ON e.movement = 'refund:' || r.id AND e.account = 'owed' \
         LEFT JOIN settlements s ON s.id = r.settlement_id \
         WHERE r.org_id = $1 \
           AND ((s.day >= $2 AND s.day <= $3) \
                OR (r.settlement_id IS NULL AND e.at >= $4 AND e.at < $5)) \
         UNION ALL \
         SELECT e.at AS at, 'payout' AS kind, o.id AS reference, \
                a.label || ' ' || a.masked AS description, CAST(0 AS BIGINT) AS gross, \
                CAST(0 AS BIGINT) AS fees, CAST(0 AS BIGINT) AS vat, CAST(0 AS BIGINT) AS refunds, \
                o.amount_minor AS payout, NULL AS settlement_id, NULL AS settlement_day, \
                o.id AS payout_id \
         FROM payouts o JOIN payout_accounts a ON a.id = o.account_id \
         JOIN ledger_entries e ON e.movement = 'payout:' || o.id AND e.account = 'main' \
         WHERE o.org_id = $1 AND e.at >= $4 AND e.at < $5"
    };
}

/// The period's rows, settlement by settlement (by day; those not settled yet last), each
/// settlement's in the order they completed: a stream, read as it is sent.
pub fn rows<'c>(
    conn: &'c mut Conn,
    org: &'c OrgId,
    bounds: &'c Bounds,
) -> impl tokio_stream::Stream<Item = Result<ReportRow, sqlx::Error>> + Send + 'c {
    sqlx::query_as::<_, ReportRow>(concat!(
        "SELECT * FROM (",
        rows_sql!(),
        ") t ORDER BY CASE WHEN settlement_day IS NULL THEN 1 ELSE 0 END, settlement_day, at, \
         kind, reference"
    ))
    .bind(org)
    .bind(&bounds.0)
    .bind(&bounds.1)
    .bind(&bounds.2)
    .bind(&bounds.3)
    .fetch(conn)
}

/// The report's totals by the same rows: how many, gross, fees, VAT and refunds, of the rows
/// a settlement took (the reconciliation compares them with the settlements).
pub async fn settled_totals(
    conn: &mut Conn,
    org: &OrgId,
    bounds: &Bounds,
) -> Result<(i64, i64, i64, i64, i64), AppError> {
    Ok(sqlx::query_as(concat!(
        "SELECT COUNT(*), CAST(COALESCE(SUM(gross), 0) AS BIGINT), \
         CAST(COALESCE(SUM(fees), 0) AS BIGINT), CAST(COALESCE(SUM(vat), 0) AS BIGINT), \
         CAST(COALESCE(SUM(refunds), 0) AS BIGINT) FROM (",
        rows_sql!(),
        ") t WHERE settlement_id IS NOT NULL"
    ))
    .bind(org)
    .bind(&bounds.0)
    .bind(&bounds.1)
    .bind(&bounds.2)
    .bind(&bounds.3)
    .fetch_one(conn)
    .await?)
}

/// What the payouts paid between two instants took out of the main account.
pub async fn payouts_paid(conn: &mut Conn, org: &OrgId, bounds: &Bounds) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(o.amount_minor), 0) AS BIGINT) FROM payouts o \
         JOIN ledger_entries e ON e.movement = 'payout:' || o.id AND e.account = 'main' \
         WHERE o.org_id = $1 AND e.at >= $2 AND e.at < $3",
    )
    .bind(org)
    .bind(&bounds.2)
    .bind(&bounds.3)
    .fetch_one(conn)
    .await?)
}
