//! Executes approved payouts through the [`Operator`]'s transfer API: one job per payout in the
//! database's queue (`jobs::PAYOUT`), due at the start of the payout's day, claimed with a lease
//! so that two processes never run it at once, and rescheduled until the payout is paid or
//! failed. As with refunds, nothing lives in memory between steps: a restart anywhere resumes
//! where the database says.
//!
//! The rule that keeps a payout from being paid twice: it is sent under one key
//! (`<payout id>-<attempt>`, the attempt being 1), the operator's Idempotency-Key. While the
//! outcome is unknown (a time-out, a 5xx) the runner asks again under the same key, and sends
//! again under it if the operator never received it. An answer that the transfer failed at the
//! operator ends the payout: failed, with the reason, its amount available again (a new payout
//! is a person's decision, not a retry). The ledger writes a paid payout once whatever repeats.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use guichet_domain::balances::payouts::PayoutStatus;
use guichet_domain::{AuditAction, PayoutId};
use serde_json::json;

use crate::db::{self, Db};
use crate::error::AppError;
use crate::operator::{self, Answer, Kind, Operator, Order, To, Unanswered};
use crate::store::audit::{self, Actor};
use crate::store::jobs::{self, Job};
use crate::store::payouts::{self, PayoutRow};
use crate::store::{ledger, Conn};

/// Payout jobs claimed at a time.
const BATCH: i64 = 20;

/// Runs due payout steps every `every`, forever.
pub async fn run(db: Db, operator: Arc<dyn Operator>, timeout: Duration, every: Duration) {
    jobs::every("payout steps", every, |now| {
        run_due(&db, operator.as_ref(), timeout, now)
    })
    .await
}

/// Runs every payout step due at `now`; returns how many ran.
pub async fn run_due(
    db: &Db,
    operator: &dyn Operator,
    timeout: Duration,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let lease = operator::lease(timeout, BATCH);
    jobs::drain(db, jobs::PAYOUT, BATCH, lease, now, |job| async move {
        step(db, operator, &job, now).await
    })
    .await
}

/// The job that sends an approved payout, due at the start of its day in the merchant's zone
/// (at once if that is past), queued in the approval's transaction.
pub async fn enqueue(
    conn: &mut Conn,
    row: &PayoutRow,
    on: NaiveDate,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let day_start = on
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(zone).earliest())
        .map_or(now, |t| t.with_timezone(&Utc));
    let payload = json!({ "payout_id": row.id });
    jobs::enqueue(
        conn,
        jobs::PAYOUT,
        Some(&row.org_id),
        &payload,
        day_start.max(now),
    )
    .await
}

/// Moves one payout on: sends it if it is approved, asks the operator what became of it, and
/// writes what it said.
async fn step(
    db: &Db,
    operator: &dyn Operator,
    job: &Job,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let id = serde_json::from_str::<serde_json::Value>(&job.payload)
        .ok()
        .and_then(|p| p["payout_id"].as_str().map(PayoutId::from));
    let Some(row) = (match &id {
        Some(id) => payouts::payout_by_id(&mut *db.acquire().await?, id).await?,
        None => None,
    }) else {
        return jobs::done(&mut *db.acquire().await?, &job.id, now).await;
    };
    let row = match row.status()? {
        PayoutStatus::Processing => row,
        PayoutStatus::Approved => match begin(db, &row, now).await? {
            Some(row) => row,
            None => return Ok(()),
        },
        // Cancelled, rejected or ended meanwhile: nothing to send.
        _ => return jobs::done(&mut *db.acquire().await?, &job.id, now).await,
    };
    let key = row.attempt_key();
    let order = Order {
        amount_minor: row.amount_minor,
        currency: row.currency.clone(),
        to: To::Transfer {
            destination: row.account_number.clone(),
        },
    };
    let heard = match &row.operator_ref {
        // Heard of before: what became of it.
        Some(_) => match operator.ask(Kind::Transfer, &key).await {
            Ok(Some(answer)) => Ok(answer),
            // The operator lost it (or never had it): the same key again is safe.
            Ok(None) => operator.send(&key, &order).await,
            Err(e) => Err(e),
        },
        None => operator.send(&key, &order).await,
    };
    apply(db, job, &row, heard, now).await
}

/// Sends an approved payout: processing, its attempt begun, in the audit log. `None` if it was
/// no longer approved (another process did it first).
async fn begin(
    db: &Db,
    row: &PayoutRow,
    now: DateTime<Utc>,
) -> Result<Option<PayoutRow>, AppError> {
    let mut tx = db::begin_write(db).await?;
    if !payouts::begin_sending(&mut tx, &row.id, now).await? {
        return Ok(None);
    }
    record(&mut tx, row, AuditAction::PayoutSent, None, None).await?;
    let row = payouts::payout_by_id(&mut tx, &row.id).await?;
    tx.commit().await?;
    Ok(row)
}

/// Writes what the operator said of the payout, unless it moved on meanwhile.
async fn apply(
    db: &Db,
    job: &Job,
    row: &PayoutRow,
    heard: Result<Answer, Unanswered>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = db::begin_write(db).await?;
    let current = payouts::payout_by_id(&mut tx, &row.id).await?;
    if current.as_ref().map(PayoutRow::status).transpose()? != Some(PayoutStatus::Processing) {
        // Another process wrote its end: nothing more to do here.
        jobs::done(&mut tx, &job.id, now).await?;
        return Ok(tx.commit().await?);
    }
    match heard {
        Ok(Answer::Pending { operator_ref }) => {
            let at = Some(operator_ref.as_str());
            payouts::record_answer(&mut tx, &row.id, PayoutStatus::Processing, at, None, now)
                .await?;
            jobs::reschedule(&mut tx, &job.id, now + operator::poll_delay(job.attempts)).await?;
        }
        Ok(Answer::Completed { operator_ref }) => {
            ledger::payout_paid(&mut tx, &row.org_id, &row.id, row.amount()?, now).await?;
            let at = Some(operator_ref.as_str());
            payouts::record_answer(&mut tx, &row.id, PayoutStatus::Paid, at, None, now).await?;
            record(&mut tx, row, AuditAction::PayoutPaid, at, None).await?;
            jobs::done(&mut tx, &job.id, now).await?;
        }
        Ok(Answer::Failed {
            operator_ref,
            reason,
        }) => {
            let at = operator_ref.as_deref();
            let why = Some(reason.as_str());
            payouts::record_answer(&mut tx, &row.id, PayoutStatus::Failed, at, why, now).await?;
            record(&mut tx, row, AuditAction::PayoutFailed, at, why).await?;
            jobs::done(&mut tx, &job.id, now).await?;
        }
        Err(Unanswered(error)) => {
            tracing::warn!(payout_id = %row.id, %error, "the operator did not answer about a payout");
            jobs::reschedule(&mut tx, &job.id, now + jobs::backoff(job.attempts)).await?;
        }
    }
    Ok(tx.commit().await?)
}

async fn record(
    conn: &mut Conn,
    row: &PayoutRow,
    action: AuditAction,
    operator_ref: Option<&str>,
    reason: Option<&str>,
) -> Result<(), AppError> {
    audit::record(
        conn,
        audit::NewEntry {
            org_id: &row.org_id,
            actor: Actor::default(),
            action: action.as_str(),
            target: Some(&row.account_label),
            details: json!({
                "payout_id": row.id,
                "amount": row.amount()?,
                "operator_ref": operator_ref,
                "reason": reason,
            }),
        },
    )
    .await
}
