//! Executes approved refunds through the [`Operator`]: one job per refund in the database's
//! queue (`jobs::REFUND`), claimed with a lease so that two processes never run it at once, and
//! rescheduled until the refund is final. Nothing here lives in memory between steps, so a
//! restart anywhere resumes where the database says.
//!
//! The rule that keeps a refund from executing twice: an attempt has one key
//! (`<refund id>-<attempt>`), sent as the operator's Idempotency-Key. While the outcome of an
//! attempt is unknown (a time-out, a 5xx), the runner asks again with the same key; only an
//! answer that the attempt failed at the operator (no money moved) opens a new attempt, with a
//! new key. The ledger writes a refund's movement once whatever repeats (`ledger_once`).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use guichet_domain::payments::refunds::RefundStep;
use guichet_domain::payments::{PaymentEventKind, RefundStatus};
use guichet_domain::{AuditAction, RefundId};
use serde_json::json;

use crate::db::{self, Db};
use crate::error::AppError;
use crate::operator::{self, Answer, Kind, Operator, Order, To};
use crate::store::audit::{self, Actor};
use crate::store::jobs::{self, Job};
use crate::store::refunds::{self, NewEvent, RefundRow};
use crate::store::{ledger, purchases, Conn};
use crate::time;

/// Refund jobs claimed at a time.
const BATCH: i64 = 20;

/// Runs due refund steps every `every`, forever.
pub async fn run(db: Db, operator: Arc<dyn Operator>, timeout: Duration, every: Duration) {
    jobs::every("refund steps", every, |now| {
        run_due(&db, operator.as_ref(), timeout, now)
    })
    .await
}

/// Runs every refund step due at `now`; returns how many ran.
pub async fn run_due(
    db: &Db,
    operator: &dyn Operator,
    timeout: Duration,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let lease = operator::lease(timeout, BATCH);
    jobs::drain(db, jobs::REFUND, BATCH, lease, now, |job| async move {
        step(db, operator, &job, now).await
    })
    .await
}

/// The job that moves a refund on, queued when it is approved.
pub async fn enqueue(conn: &mut Conn, row: &RefundRow, at: DateTime<Utc>) -> Result<(), AppError> {
    jobs::enqueue(conn, jobs::REFUND, Some(&row.org_id), &payload(&row.id), at).await
}

/// The refund's job is due at `at` (a person asked for an attempt now).
pub async fn hurry(conn: &mut Conn, row: &RefundRow, at: DateTime<Utc>) -> Result<(), AppError> {
    jobs::hurry(conn, jobs::REFUND, &payload(&row.id), at).await
}

fn payload(id: &RefundId) -> serde_json::Value {
    json!({ "refund_id": id })
}

/// Moves one refund on: begins a due attempt, asks the operator, and writes what it said.
async fn step(
    db: &Db,
    operator: &dyn Operator,
    job: &Job,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut conn = db.acquire().await?;
    let id = serde_json::from_str::<serde_json::Value>(&job.payload)
        .ok()
        .and_then(|p| p["refund_id"].as_str().map(RefundId::from));
    let Some(row) = (match &id {
        Some(id) => refunds::find(&mut conn, None, id).await?,
        None => None,
    }) else {
        return jobs::done(&mut conn, &job.id, now).await;
    };
    drop(conn);
    let row = match row.status()? {
        RefundStatus::Processing => row,
        RefundStatus::Failed => match due(&row, now)? {
            true => match begin_retry(db, &row, None, now).await? {
                Some(row) => row,
                None => return Ok(()),
            },
            false => return reschedule(db, job, next_at(&row, now)?).await,
        },
        _ => return jobs::done(&mut *db.acquire().await?, &job.id, now).await,
    };
    let mut conn = db.acquire().await?;
    let purchase = purchases::find(&mut conn, &row.org_id, &row.purchase_id)
        .await?
        .ok_or_else(|| AppError::internal("a refund without its purchase"))?;
    drop(conn);
    let key = row.attempt_key();
    let heard = match &row.operator_ref {
        // Asked before and heard: what became of it.
        Some(_) => match operator.ask(Kind::Refund, &key).await {
            Ok(Some(answer)) => Ok(answer),
            // The operator lost it (or never had it): the same key again is safe.
            Ok(None) => operator.send(&key, &order(&row, &purchase.reference)).await,
            Err(e) => Err(e),
        },
        None => operator.send(&key, &order(&row, &purchase.reference)).await,
    };
    apply(db, job, &row, heard, now).await
}

fn order(row: &RefundRow, reference: &str) -> Order {
    Order {
        amount_minor: row.amount_minor,
        currency: row.currency.clone(),
        to: To::Refund {
            payment_reference: reference.to_owned(),
        },
    }
}

fn due(row: &RefundRow, now: DateTime<Utc>) -> Result<bool, AppError> {
    Ok(next_at(row, now)? <= now)
}

fn next_at(row: &RefundRow, now: DateTime<Utc>) -> Result<DateTime<Utc>, AppError> {
    row.next_attempt_at
        .as_deref()
        .map(time::from_db)
        .transpose()
        .map(|t| t.unwrap_or(now))
}

async fn reschedule(db: &Db, job: &Job, at: DateTime<Utc>) -> Result<(), AppError> {
    jobs::reschedule(&mut *db.acquire().await?, &job.id, at).await
}

/// Opens a new attempt on a failed refund, by the runner (`by` `None`) or a person; `None` if
/// it is no longer failed (someone else did it first).
pub async fn begin_retry(
    db: &Db,
    row: &RefundRow,
    by: Option<(&guichet_domain::UserId, &str)>,
    now: DateTime<Utc>,
) -> Result<Option<RefundRow>, AppError> {
    let mut tx = db::begin_write(db).await?;
    let Some(current) = refunds::find(&mut tx, None, &row.id).await? else {
        return Ok(None);
    };
    if current.status()?.after(RefundStep::Retry).is_none() || current.attempts != row.attempts {
        return Ok(None);
    }
    let attempt = refunds::begin_attempt(&mut tx, &current, now).await?;
    refunds::add_event(
        &mut tx,
        &NewEvent {
            purchase_id: &current.purchase_id,
            refund_id: &current.id,
            kind: PaymentEventKind::RefundSent,
            at: now,
            user_id: by.map(|b| b.0),
            request_id: by.map(|b| b.1),
            attempt: Some(attempt),
            detail: None,
        },
    )
    .await?;
    let row = refunds::find(&mut tx, None, &row.id).await?;
    tx.commit().await?;
    Ok(row)
}

/// Writes what the operator said of the attempt, unless the refund moved on meanwhile.
async fn apply(
    db: &Db,
    job: &Job,
    row: &RefundRow,
    heard: Result<Answer, crate::operator::Unanswered>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = db::begin_write(db).await?;
    let Some(current) = refunds::find(&mut tx, None, &row.id).await? else {
        jobs::done(&mut tx, &job.id, now).await?;
        return Ok(tx.commit().await?);
    };
    if current.status()? != RefundStatus::Processing || current.attempts != row.attempts {
        // Another process, or a person, moved it on: its own step decides what comes next.
        tx.commit().await?;
        return Ok(());
    }
    let attempt = Some(current.attempts);
    let (status, operator_ref, next, kind) = match &heard {
        Ok(Answer::Pending { operator_ref }) => (
            RefundStatus::Processing,
            Some(operator_ref.as_str()),
            Some(now + operator::poll_delay(job.attempts)),
            PaymentEventKind::RefundPending,
        ),
        Ok(Answer::Completed { operator_ref }) => (
            RefundStatus::Completed,
            Some(operator_ref.as_str()),
            None,
            PaymentEventKind::RefundCompleted,
        ),
        Ok(Answer::Failed { operator_ref, .. }) => (
            RefundStatus::Failed,
            operator_ref.as_deref(),
            Some(now + jobs::backoff(current.attempts)),
            PaymentEventKind::RefundFailed,
        ),
        Err(_) => (
            RefundStatus::Processing,
            None,
            Some(now + jobs::backoff(job.attempts)),
            PaymentEventKind::RefundUnanswered,
        ),
    };
    let detail = match &heard {
        Ok(Answer::Failed { reason, .. }) => Some(reason.clone()),
        Err(e) => Some(e.0.clone()),
        _ => None,
    };
    // A pending answer is written once per attempt; asking again and hearing the same is no news.
    let news = !(kind == PaymentEventKind::RefundPending && current.operator_ref.is_some());
    if news {
        refunds::add_event(
            &mut tx,
            &NewEvent {
                purchase_id: &current.purchase_id,
                refund_id: &current.id,
                kind,
                at: now,
                user_id: None,
                request_id: None,
                attempt,
                detail: detail.as_deref(),
            },
        )
        .await?;
    }
    if status == RefundStatus::Completed {
        ledger::refund_completed(
            &mut tx,
            &current.org_id,
            &current.id,
            current.amount()?,
            now,
        )
        .await?;
    }
    refunds::record_answer(&mut tx, &current.id, status, operator_ref, next, now).await?;
    if status != RefundStatus::Processing || kind == PaymentEventKind::RefundUnanswered {
        audit::record(
            &mut tx,
            audit::NewEntry {
                org_id: &current.org_id,
                actor: Actor::default(),
                action: match status {
                    RefundStatus::Completed => AuditAction::RefundCompleted.as_str(),
                    RefundStatus::Failed => AuditAction::RefundFailed.as_str(),
                    _ => AuditAction::RefundUnanswered.as_str(),
                },
                target: Some(&current.purchase_reference),
                details: json!({
                    "refund_id": current.id,
                    "attempt": current.attempts,
                    "operator_ref": operator_ref,
                    "detail": detail,
                }),
            },
        )
        .await?;
    }
    match next {
        Some(at) => jobs::reschedule(&mut tx, &job.id, at).await?,
        None => jobs::done(&mut tx, &job.id, now).await?,
    }
    Ok(tx.commit().await?)
}
