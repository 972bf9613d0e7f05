//! Refunds and the steps of purchases and refunds (`payment_events`).

use chrono::{DateTime, Utc};
use guichet_domain::payments::{
    PaymentEvent, PaymentEventKind, RefundReason, RefundStatus, RefundSummary,
};
use guichet_domain::{Currency, Language, Money, OrgId, PurchaseId, RefundId, UserId};

use super::keyset::{self, Key};
use super::Conn;
use crate::db;
use crate::error::AppError;
use crate::time;

const SELECT: &str = "SELECT r.id, r.org_id, r.purchase_id, p.reference AS purchase_reference, \
     r.amount_minor, r.currency, r.status, r.reason, r.note, r.requested_by, \
     u.name AS requester_name, u.email AS requester_email, u.language AS requester_language, \
     r.requested_at, r.decided_by, d.name AS decider_name, r.decided_at, r.rejection_reason, \
     r.attempts, r.operator_ref, r.next_attempt_at, r.updated_at \
     FROM refunds r JOIN purchases p ON p.id = r.purchase_id \
     JOIN users u ON u.id = r.requested_by LEFT JOIN users d ON d.id = r.decided_by";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RefundRow {
    pub id: RefundId,
    pub org_id: OrgId,
    pub purchase_id: PurchaseId,
    pub purchase_reference: String,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub reason: String,
    pub note: String,
    pub requested_by: UserId,
    pub requester_name: String,
    pub requester_email: String,
    pub requester_language: String,
    pub requested_at: String,
    pub decided_by: Option<UserId>,
    pub decider_name: Option<String>,
    pub decided_at: Option<String>,
    pub rejection_reason: Option<String>,
    pub attempts: i64,
    pub operator_ref: Option<String>,
    pub next_attempt_at: Option<String>,
    pub updated_at: String,
}

impl RefundRow {
    pub fn status(&self) -> Result<RefundStatus, AppError> {
        RefundStatus::parse(&self.status)
            .ok_or_else(|| AppError::internal(format_args!("bad refund status {:?}", self.status)))
    }

    pub fn amount(&self) -> Result<Money, AppError> {
        let currency = Currency::parse(&self.currency)
            .ok_or_else(|| AppError::internal(format_args!("bad currency {:?}", self.currency)))?;
        Ok(Money::new(self.amount_minor, currency))
    }

    pub fn requester_language(&self) -> Language {
        Language::from_tag(&self.requester_language).unwrap_or(Language::En)
    }

    /// The key of the current attempt with the operator, sent as its Idempotency-Key: asking
    /// again with it after a time-out can never refund twice.
    pub fn attempt_key(&self) -> String {
        format!("{}-{}", self.id, self.attempts)
    }

    pub fn summary(&self) -> Result<RefundSummary, AppError> {
        Ok(RefundSummary {
            id: self.id.clone(),
            purchase_id: self.purchase_id.clone(),
            purchase_reference: self.purchase_reference.clone(),
            amount: self.amount()?,
            status: self.status()?,
            reason: RefundReason::parse(&self.reason).ok_or_else(|| {
                AppError::internal(format_args!("bad refund reason {:?}", self.reason))
            })?,
            requested_by: self.requester_name.clone(),
            requested_at: time::from_db(&self.requested_at)?,
            updated_at: time::from_db(&self.updated_at)?,
        })
    }
}

pub struct NewRefundRow<'a> {
    pub id: &'a RefundId,
    pub org_id: &'a OrgId,
    pub purchase_id: &'a PurchaseId,
    pub amount: Money,
    pub reason: RefundReason,
    pub note: &'a str,
    pub requested_by: &'a UserId,
    pub at: DateTime<Utc>,
}

pub async fn insert(conn: &mut Conn, r: &NewRefundRow<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO refunds (id, org_id, purchase_id, amount_minor, currency, status, reason, \
         note, requested_by, requested_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(r.id)
    .bind(r.org_id)
    .bind(r.purchase_id)
    .bind(r.amount.amount_minor)
    .bind(r.amount.currency.code())
    .bind(RefundStatus::PendingApproval.as_str())
    .bind(r.reason.as_str())
    .bind(r.note)
    .bind(r.requested_by)
    .bind(time::to_db(r.at))
    .execute(conn)
    .await?;
    Ok(())
}

/// The refund `id`, within `org` when one is given (a request), or wherever it is (the runner).
pub async fn find(
    conn: &mut Conn,
    org: Option<&OrgId>,
    id: &RefundId,
) -> Result<Option<RefundRow>, AppError> {
    let row: Option<RefundRow> = sqlx::query_as(&format!("{SELECT} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.filter(|r| org.is_none_or(|o| *o == r.org_id)))
}

/// A purchase's refunds, newest first.
pub async fn of_purchase(
    conn: &mut Conn,
    purchase: &PurchaseId,
) -> Result<Vec<RefundRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE r.purchase_id = $1 ORDER BY r.requested_at DESC, r.id DESC"
    ))
    .bind(purchase)
    .fetch_all(conn)
    .await?)
}

/// Where a refunds page stopped: the newest first.
pub type Cursor = keyset::Cursor<String>;
const ORDER: &str = "newest";

/// A page of the organisation's refunds, newest first; `to_decide_by`: only those waiting for
/// a decision that this user did not ask for.
pub async fn list(
    conn: &mut Conn,
    org: &OrgId,
    status: Option<RefundStatus>,
    to_decide_by: Option<&UserId>,
    after: Option<&str>,
    limit: i64,
) -> Result<(Vec<RefundRow>, Option<String>), AppError> {
    let mut sql = format!("{SELECT} WHERE r.org_id = ?");
    let mut binds = vec![Key::Text(org.to_string())];
    if let Some(s) = status {
        sql.push_str(" AND r.status = ?");
        binds.push(Key::Text(s.as_str().to_owned()));
    }
    if let Some(user) = to_decide_by {
        sql.push_str(" AND r.status = ? AND r.requested_by <> ?");
        binds.push(Key::Text(RefundStatus::PendingApproval.as_str().to_owned()));
        binds.push(Key::Text(user.to_string()));
    }
    let columns = ["r.requested_at", "r.id"];
    if let Some(text) = after {
        let cursor = Cursor::decode(text, ORDER.to_owned(), columns.len())?;
        let (condition, values) = keyset::after(&columns, &cursor.keys, true);
        sql.push_str(&condition);
        binds.extend(values);
    }
    sql.push_str(" ORDER BY r.requested_at DESC, r.id DESC LIMIT ?");
    let rows: Vec<RefundRow> = keyset::bind(sqlx::query_as(&db::numbered(&sql)), binds)
        .bind(limit)
        .fetch_all(conn)
        .await?;
    let next = rows
        .last()
        .filter(|_| rows.len() as i64 == limit)
        .map(|last| {
            Cursor {
                sort: ORDER.to_owned(),
                keys: vec![
                    Key::Text(last.requested_at.clone()),
                    Key::Text(last.id.to_string()),
                ],
            }
            .encode()
        });
    Ok((rows, next))
}

/// How many of the organisation's refunds wait for a decision `user` may make.
pub async fn count_to_decide(conn: &mut Conn, org: &OrgId, user: &UserId) -> Result<u64, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM refunds WHERE org_id = $1 AND status = $2 AND requested_by <> $3",
    )
    .bind(org)
    .bind(RefundStatus::PendingApproval.as_str())
    .bind(user)
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Records an approver's decision.
pub async fn decide(
    conn: &mut Conn,
    id: &RefundId,
    status: RefundStatus,
    by: &UserId,
    rejection_reason: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE refunds SET status = $1, decided_by = $2, decided_at = $3, rejection_reason = $4, \
         updated_at = $3 WHERE id = $5",
    )
    .bind(status.as_str())
    .bind(by)
    .bind(time::to_db(at))
    .bind(rejection_reason)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Begins a new attempt with the operator: a new key, no operator reference yet, due now.
pub async fn begin_attempt(
    conn: &mut Conn,
    row: &RefundRow,
    at: DateTime<Utc>,
) -> Result<i64, AppError> {
    let attempt = row.attempts + 1;
    sqlx::query(
        "UPDATE refunds SET status = $1, attempts = $2, operator_ref = NULL, next_attempt_at = $3, \
         updated_at = $3 WHERE id = $4",
    )
    .bind(RefundStatus::Processing.as_str())
    .bind(attempt)
    .bind(time::to_db(at))
    .bind(&row.id)
    .execute(conn)
    .await?;
    Ok(attempt)
}

/// What the operator said of the current attempt: its status, its reference if it gave one,
/// and when the server next looks (`None` once it is final).
pub async fn record_answer(
    conn: &mut Conn,
    id: &RefundId,
    status: RefundStatus,
    operator_ref: Option<&str>,
    next: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE refunds SET status = $1, operator_ref = COALESCE($2, operator_ref), \
         next_attempt_at = $3, updated_at = $4 WHERE id = $5",
    )
    .bind(status.as_str())
    .bind(operator_ref)
    .bind(next.map(time::to_db))
    .bind(time::to_db(at))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A step to write in a timeline.
pub struct NewEvent<'a> {
    pub purchase_id: &'a PurchaseId,
    pub refund_id: &'a RefundId,
    pub kind: PaymentEventKind,
    pub at: DateTime<Utc>,
    pub user_id: Option<&'a UserId>,
    pub request_id: Option<&'a str>,
    pub attempt: Option<i64>,
    pub detail: Option<&'a str>,
}

pub async fn add_event(conn: &mut Conn, e: &NewEvent<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO payment_events (purchase_id, refund_id, kind, at, user_id, request_id, \
         attempt, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.purchase_id)
    .bind(e.refund_id)
    .bind(e.kind.as_str())
    .bind(time::to_db(e.at))
    .bind(e.user_id)
    .bind(e.request_id.filter(|r| !r.is_empty()))
    .bind(e.attempt)
    .bind(e.detail)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EventRow {
    refund_id: Option<RefundId>,
    kind: String,
    at: String,
    by_name: Option<String>,
    request_id: Option<String>,
    attempt: Option<i64>,
    detail: Option<String>,
}

/// The written steps of a purchase (`refund` `None`) or of one refund, oldest first.
pub async fn events(
    conn: &mut Conn,
    purchase: &PurchaseId,
    refund: Option<&RefundId>,
) -> Result<Vec<PaymentEvent>, AppError> {
    let mut sql = String::from(
        "SELECT e.refund_id, e.kind, e.at, u.name AS by_name, e.request_id, e.attempt, e.detail \
         FROM payment_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.purchase_id = $1",
    );
    if refund.is_some() {
        sql.push_str(" AND e.refund_id = $2");
    }
    sql.push_str(" ORDER BY e.at, e.rowid");
    let mut query = sqlx::query_as(&sql).bind(purchase);
    if let Some(r) = refund {
        query = query.bind(r);
    }
    let rows: Vec<EventRow> = query.fetch_all(conn).await?;
    rows.into_iter()
        .map(|r| {
            Ok(PaymentEvent {
                kind: PaymentEventKind::parse(&r.kind).ok_or_else(|| {
                    AppError::internal(format_args!("bad payment event {:?}", r.kind))
                })?,
                at: time::from_db(&r.at)?,
                refund_id: r.refund_id,
                by: r.by_name,
                request_id: r.request_id,
                attempt: r.attempt.and_then(|a| u32::try_from(a).ok()),
                detail: r.detail,
            })
        })
        .collect()
}
