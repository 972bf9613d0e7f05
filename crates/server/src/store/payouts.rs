//! Payout accounts and payouts (migration `…_payouts.sql`).

use chrono::{DateTime, NaiveDate, Utc};
use guichet_domain::balances::payouts::Payout;
use guichet_domain::balances::payouts::{AccountKind, AccountStatus, PayoutAccount, PayoutStatus};
use guichet_domain::roles::may_decide;
use guichet_domain::{Currency, Money, OrgId, PayoutAccountId, PayoutId, UserId};

use super::Conn;
use crate::error::AppError;
use crate::time;

fn bad(what: &str, value: &str) -> AppError {
    AppError::internal(format_args!("bad {what} {value:?}"))
}

const ACCOUNT_SELECT: &str = "SELECT a.id, a.org_id, a.kind, a.label, a.number, a.masked, \
     a.status, a.replaces, a.requested_by, u.name AS requester_name, a.requested_at, \
     d.name AS decider_name, a.rejection_reason \
     FROM payout_accounts a JOIN users u ON u.id = a.requested_by \
     LEFT JOIN users d ON d.id = a.decided_by";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: PayoutAccountId,
    pub org_id: OrgId,
    pub kind: String,
    pub label: String,
    /// The whole number: for the operator only.
    pub number: String,
    pub masked: String,
    pub status: String,
    pub replaces: Option<PayoutAccountId>,
    pub requested_by: UserId,
    pub requester_name: String,
    pub requested_at: String,
    pub decider_name: Option<String>,
    pub rejection_reason: Option<String>,
}

impl AccountRow {
    pub fn status(&self) -> Result<AccountStatus, AppError> {
        AccountStatus::parse(&self.status).ok_or_else(|| bad("account status", &self.status))
    }

    /// The account as `viewer` sees it; `may_approve`: whether they hold `payouts.approve`.
    pub fn view(&self, viewer: &UserId, may_approve: bool) -> Result<PayoutAccount, AppError> {
        let status = self.status()?;
        Ok(PayoutAccount {
            id: self.id.clone(),
            kind: AccountKind::parse(&self.kind).ok_or_else(|| bad("account kind", &self.kind))?,
            label: self.label.clone(),
            masked: self.masked.clone(),
            status,
            replaces: self.replaces.clone(),
            requested_by: self.requester_name.clone(),
            requested_at: time::from_db(&self.requested_at)?,
            decided_by: self.decider_name.clone(),
            rejection_reason: self.rejection_reason.clone(),
            can_decide: may_approve
                && status == AccountStatus::Pending
                && may_decide(&self.requested_by, viewer),
        })
    }
}

pub struct NewAccount<'a> {
    pub id: &'a PayoutAccountId,
    pub org_id: &'a OrgId,
    pub kind: AccountKind,
    pub label: &'a str,
    pub number: &'a str,
    pub masked: &'a str,
    pub replaces: Option<&'a PayoutAccountId>,
    pub requested_by: &'a UserId,
    pub at: DateTime<Utc>,
}

pub async fn insert_account(conn: &mut Conn, a: &NewAccount<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO payout_accounts (id, org_id, kind, label, number, masked, status, replaces, \
         requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(a.id)
    .bind(a.org_id)
    .bind(a.kind.as_str())
    .bind(a.label)
    .bind(a.number)
    .bind(a.masked)
    .bind(AccountStatus::Pending.as_str())
    .bind(a.replaces)
    .bind(a.requested_by)
    .bind(time::to_db(a.at))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find_account(
    conn: &mut Conn,
    org: &OrgId,
    id: &PayoutAccountId,
) -> Result<Option<AccountRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{ACCOUNT_SELECT} WHERE a.org_id = $1 AND a.id = $2"
    ))
    .bind(org)
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// The organisation's accounts: pending and active first, then the others, newest first.
pub async fn accounts(conn: &mut Conn, org: &OrgId) -> Result<Vec<AccountRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{ACCOUNT_SELECT} WHERE a.org_id = $1 ORDER BY CASE a.status WHEN 'pending' THEN 0 \
         WHEN 'active' THEN 1 ELSE 2 END, a.requested_at DESC, a.id"
    ))
    .bind(org)
    .fetch_all(conn)
    .await?)
}

/// Sets an account's status, with who decided and why.
pub async fn set_account_status(
    conn: &mut Conn,
    id: &PayoutAccountId,
    status: AccountStatus,
    by: Option<&UserId>,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE payout_accounts SET status = $1, decided_by = COALESCE($2, decided_by), \
         decided_at = COALESCE($3, decided_at), rejection_reason = $4 WHERE id = $5",
    )
    .bind(status.as_str())
    .bind(by)
    .bind(by.map(|_| time::to_db(at)))
    .bind(reason)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

const PAYOUT_SELECT: &str = "SELECT p.id, p.org_id, p.account_id, a.label AS account_label, \
     a.masked AS account_masked, a.number AS account_number, p.amount_minor, p.currency, \
     p.on_day, p.expected_by, p.status, p.requested_by, u.name AS requester_name, \
     p.requested_at, d.name AS decider_name, p.decided_at, p.rejection_reason, p.attempts, \
     p.operator_ref, p.failure_reason \
     FROM payouts p JOIN payout_accounts a ON a.id = p.account_id \
     JOIN users u ON u.id = p.requested_by LEFT JOIN users d ON d.id = p.decided_by";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PayoutRow {
    pub id: PayoutId,
    pub org_id: OrgId,
    pub account_id: PayoutAccountId,
    pub account_label: String,
    pub account_masked: String,
    /// The whole IBAN or wallet number: for the operator only.
    pub account_number: String,
    pub amount_minor: i64,
    pub currency: String,
    pub on_day: String,
    pub expected_by: String,
    pub status: String,
    pub requested_by: UserId,
    pub requester_name: String,
    pub requested_at: String,
    pub decider_name: Option<String>,
    pub decided_at: Option<String>,
    pub rejection_reason: Option<String>,
    /// Attempts sent to the operator: one, unless it lost a payout it never took.
    pub attempts: i64,
    pub operator_ref: Option<String>,
    pub failure_reason: Option<String>,
}

impl PayoutRow {
    /// The operator's idempotency key of the current attempt.
    pub fn attempt_key(&self) -> String {
        format!("{}-{}", self.id, self.attempts)
    }

    pub fn status(&self) -> Result<PayoutStatus, AppError> {
        PayoutStatus::parse(&self.status).ok_or_else(|| bad("payout status", &self.status))
    }

    pub fn amount(&self) -> Result<Money, AppError> {
        let currency =
            Currency::parse(&self.currency).ok_or_else(|| bad("currency", &self.currency))?;
        Ok(Money::new(self.amount_minor, currency))
    }

    /// The payout as `viewer` sees it; `may_approve`, `may_create`: their permissions.
    pub fn view(
        &self,
        viewer: &UserId,
        may_approve: bool,
        may_create: bool,
    ) -> Result<Payout, AppError> {
        let status = self.status()?;
        let waiting = status == PayoutStatus::Requested;
        Ok(Payout {
            id: self.id.clone(),
            account_id: self.account_id.clone(),
            account_label: self.account_label.clone(),
            account_masked: self.account_masked.clone(),
            amount: self.amount()?,
            on: self
                .on_day
                .parse::<NaiveDate>()
                .map_err(|_| bad("day", &self.on_day))?,
            status,
            expected_by: time::from_db(&self.expected_by)?,
            requested_by: self.requester_name.clone(),
            requested_at: time::from_db(&self.requested_at)?,
            decided_by: self.decider_name.clone(),
            decided_at: self.decided_at.as_deref().map(time::from_db).transpose()?,
            rejection_reason: self.rejection_reason.clone(),
            failure_reason: self.failure_reason.clone(),
            can_decide: may_approve && waiting && may_decide(&self.requested_by, viewer),
            can_cancel: may_create && waiting,
        })
    }
}

pub struct NewPayoutRow<'a> {
    pub id: &'a PayoutId,
    pub org_id: &'a OrgId,
    pub account_id: &'a PayoutAccountId,
    pub amount: Money,
    pub on: NaiveDate,
    pub expected_by: DateTime<Utc>,
    pub requested_by: &'a UserId,
    pub at: DateTime<Utc>,
}

pub async fn insert_payout(conn: &mut Conn, p: &NewPayoutRow<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO payouts (id, org_id, account_id, amount_minor, currency, on_day, \
         expected_by, status, requested_by, requested_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(p.id)
    .bind(p.org_id)
    .bind(p.account_id)
    .bind(p.amount.amount_minor)
    .bind(p.amount.currency.code())
    .bind(p.on.to_string())
    .bind(time::to_db(p.expected_by))
    .bind(PayoutStatus::Requested.as_str())
    .bind(p.requested_by)
    .bind(time::to_db(p.at))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find_payout(
    conn: &mut Conn,
    org: &OrgId,
    id: &PayoutId,
) -> Result<Option<PayoutRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{PAYOUT_SELECT} WHERE p.org_id = $1 AND p.id = $2"
    ))
    .bind(org)
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// The organisation's payouts, newest first, `limit` of them requested before `before`.
pub async fn payouts(
    conn: &mut Conn,
    org: &OrgId,
    before: Option<&str>,
    limit: i64,
) -> Result<Vec<PayoutRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{PAYOUT_SELECT} WHERE p.org_id = $1 AND p.requested_at < $2 \
         ORDER BY p.requested_at DESC, p.id LIMIT $3"
    ))
    .bind(org)
    .bind(before.unwrap_or("9999"))
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// The organisation's payouts summed by status (which of them hold the main balance is the
/// domain's rule: `PayoutStatus::holds_amount`).
pub async fn sums_by_status(
    conn: &mut Conn,
    org: &OrgId,
) -> Result<Vec<(i64, PayoutStatus)>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, CAST(SUM(amount_minor) AS BIGINT) FROM payouts \
         WHERE org_id = $1 GROUP BY status",
    )
    .bind(org)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(status, sum)| {
            let status =
                PayoutStatus::parse(&status).ok_or_else(|| bad("payout status", &status))?;
            Ok((sum, status))
        })
        .collect()
}

/// A decision on a payout (approved, rejected, cancelled), with who and why.
pub async fn decide_payout(
    conn: &mut Conn,
    id: &PayoutId,
    status: PayoutStatus,
    by: &UserId,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE payouts SET status = $1, decided_by = $2, decided_at = $3, \
         rejection_reason = $4, updated_at = $3 WHERE id = $5",
    )
    .bind(status.as_str())
    .bind(by)
    .bind(time::to_db(at))
    .bind(reason)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Any organisation's payout (for the payout runner).
pub async fn payout_by_id(conn: &mut Conn, id: &PayoutId) -> Result<Option<PayoutRow>, AppError> {
    Ok(sqlx::query_as(&format!("{PAYOUT_SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// An approved payout is sent: processing, its first attempt begun. `false` if it was no
/// longer approved (another process sent it first).
pub async fn begin_sending(
    conn: &mut Conn,
    id: &PayoutId,
    at: DateTime<Utc>,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE payouts SET status = $1, attempts = attempts + 1, updated_at = $2 \
         WHERE id = $3 AND status = $4",
    )
    .bind(PayoutStatus::Processing.as_str())
    .bind(time::to_db(at))
    .bind(id)
    .bind(PayoutStatus::Approved.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What the operator said of a payout: its status, its reference, why it failed.
pub async fn record_answer(
    conn: &mut Conn,
    id: &PayoutId,
    status: PayoutStatus,
    operator_ref: Option<&str>,
    failure_reason: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE payouts SET status = $1, operator_ref = COALESCE($2, operator_ref), \
         failure_reason = $3, updated_at = $4 WHERE id = $5",
    )
    .bind(status.as_str())
    .bind(operator_ref)
    .bind(failure_reason)
    .bind(time::to_db(at))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}
