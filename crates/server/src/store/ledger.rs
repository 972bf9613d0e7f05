//! The ledger: every money movement as entries that sum to zero, in integer minor units, on
//! the accounts of [`Account`] (whose documentation tables each movement's entries). A
//! movement is named by its cause (`purchase:<id>`, `refund:<id>`, `settlement:<id>`,
//! `payout:<id>`) and
//! written once: the database refuses a second (`ledger_once`).

use chrono::{DateTime, Utc};
use guichet_domain::balances::Account;
use std::collections::BTreeMap;

use guichet_domain::{Currency, Money, OrgId, PayoutId, RefundId};

use super::Conn;
use crate::error::AppError;
use crate::time;

/// Writes `movement`'s entries, unless it was written already (then `false`: whoever reports
/// a movement twice, it is in the books once).
pub async fn post(
    conn: &mut Conn,
    org: &OrgId,
    movement: &str,
    currency: &str,
    at: DateTime<Utc>,
    entries: &[(Account, i64)],
) -> Result<bool, AppError> {
    debug_assert_eq!(entries.iter().map(|(_, a)| a).sum::<i64>(), 0, "{movement}");
    let written: Option<i64> =
        sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries WHERE movement = $1")
            .bind(movement)
            .fetch_optional(&mut *conn)
            .await?;
    if written.unwrap_or(0) > 0 {
        return Ok(false);
    }
    for (account, amount_minor) in entries {
        sqlx::query(
            "INSERT INTO ledger_entries (org_id, movement, account, amount_minor, currency, at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org)
        .bind(movement)
        .bind(account.as_str())
        .bind(amount_minor)
        .bind(currency)
        .bind(time::to_db(at))
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// A completed refund: the operator paid the customer, and the merchant owes it until a
/// settlement deducts it. `false` if it was written already.
pub async fn refund_completed(
    conn: &mut Conn,
    org: &OrgId,
    refund: &RefundId,
    amount: Money,
    at: DateTime<Utc>,
) -> Result<bool, AppError> {
    post(
        conn,
        org,
        &format!("refund:{refund}"),
        amount.currency.code(),
        at,
        &[
            (Account::Owed, -amount.amount_minor),
            (Account::Operator, amount.amount_minor),
        ],
    )
    .await
}

/// A paid payout: the operator paid the merchant from the main account. `false` if it was
/// written already.
pub async fn payout_paid(
    conn: &mut Conn,
    org: &OrgId,
    payout: &PayoutId,
    amount: Money,
    at: DateTime<Utc>,
) -> Result<bool, AppError> {
    post(
        conn,
        org,
        &format!("payout:{payout}"),
        amount.currency.code(),
        at,
        &[
            (Account::Main, -amount.amount_minor),
            (Account::Operator, amount.amount_minor),
        ],
    )
    .await
}

/// Each account's balance (the sum of its entries) for an organisation in `currency`; an
/// account without entries is not there.
pub async fn balances(
    conn: &mut Conn,
    org: &OrgId,
    currency: Currency,
) -> Result<BTreeMap<Account, i64>, AppError> {
    let sums: Vec<(String, i64)> = sqlx::query_as(
        // PostgreSQL sums BIGINTs as NUMERIC, which the Any driver does not read.
        "SELECT account, CAST(SUM(amount_minor) AS BIGINT) FROM ledger_entries \
         WHERE org_id = $1 AND currency = $2 GROUP BY account",
    )
    .bind(org)
    .bind(currency.code())
    .fetch_all(conn)
    .await?;
    sums.into_iter()
        .map(|(account, sum)| {
            let account = Account::parse(&account)
                .ok_or_else(|| AppError::internal(format_args!("bad account {account:?}")))?;
            Ok((account, sum))
        })
        .collect()
}

/// One account's balance for an organisation in `currency`.
pub async fn balance(
    conn: &mut Conn,
    org: &OrgId,
    account: Account,
    currency: Currency,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM ledger_entries \
         WHERE org_id = $1 AND account = $2 AND currency = $3",
    )
    .bind(org)
    .bind(account.as_str())
    .bind(currency.code())
    .fetch_one(conn)
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
