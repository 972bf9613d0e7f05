//! The ledger: every money movement as entries that sum to zero, in integer minor units.
//! Accounts: `merchant`, what the provider owes the merchant (its balance), and `operator`,
//! what the operators owe the provider. A movement is named by its cause (`purchase:<id>`,
//! `refund:<id>`) and written once: the database refuses a second (`ledger_once`).

use chrono::{DateTime, Utc};
use guichet_domain::{Money, OrgId, RefundId};

use super::Conn;
use crate::error::AppError;
use crate::time;

pub const MERCHANT: &str = "merchant";
pub const OPERATOR: &str = "operator";

/// A completed refund: the merchant's balance gives back what the operator paid the customer.
/// Returns `false` if it was written already (the refund completed once, whoever says so again).
pub async fn refund_completed(
    conn: &mut Conn,
    org: &OrgId,
    refund: &RefundId,
    amount: Money,
    at: DateTime<Utc>,
) -> Result<bool, AppError> {
    let movement = format!("refund:{refund}");
    let written: Option<i64> =
        sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries WHERE movement = $1")
            .bind(&movement)
            .fetch_optional(&mut *conn)
            .await?;
    if written.unwrap_or(0) > 0 {
        return Ok(false);
    }
    for (account, amount_minor) in [
        (MERCHANT, -amount.amount_minor),
        (OPERATOR, amount.amount_minor),
    ] {
        sqlx::query(
            "INSERT INTO ledger_entries (org_id, movement, account, amount_minor, currency, at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org)
        .bind(&movement)
        .bind(account)
        .bind(amount_minor)
        .bind(amount.currency.code())
        .bind(time::to_db(at))
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// The sum of an account's entries for an organisation, by currency.
pub async fn balance(
    conn: &mut Conn,
    org: &OrgId,
    account: &str,
) -> Result<Vec<(String, i64)>, AppError> {
    Ok(sqlx::query_as(
        // PostgreSQL sums BIGINTs as NUMERIC, which the Any driver does not read.
        "SELECT currency, CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM ledger_entries \
         WHERE org_id = $1 AND account = $2 GROUP BY currency ORDER BY currency",
    )
    .bind(org)
    .bind(account)
    .fetch_all(conn)
    .await?)
}

/// The movements whose entries do not sum to zero: none, in a sound ledger.
pub async fn unbalanced(conn: &mut Conn) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT movement FROM ledger_entries GROUP BY movement, currency \
         HAVING SUM(amount_minor) <> 0",
    )
    .fetch_all(conn)
    .await?)
}
