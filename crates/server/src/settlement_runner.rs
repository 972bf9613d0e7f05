//! Settles each merchant's business days: one recurring job per merchant in the database's
//! queue (`jobs::SETTLEMENT`), claimed with a lease so that one process runs it at a time, due
//! at the start of the merchant's next business day. When it runs it settles every business
//! day not yet settled up to today, so a day missed (the server was down) is caught up; each
//! day is its own transaction, and a day settled already is left alone
//! (`store::settlements::settle`), so running a day twice settles it once. A month over, its
//! fee invoice is issued (`store::invoices::issue_due`), once.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;

use crate::db::Db;
use crate::error::AppError;
use crate::store::jobs::{self, Job};
use crate::store::purchases::day_start;
use crate::store::{invoices, settlements};
use crate::time;

/// Runs due settlements every `every`, forever.
pub async fn run(db: Db, every: std::time::Duration) {
    jobs::every("settlements", every, |now| run_due(&db, now)).await
}

/// Gives every priced merchant its settlement job, due now (a new one catches up at once).
pub async fn schedule(db: &Db, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut conn = db.acquire().await?;
    for org in settlements::priced_merchants(&mut conn).await? {
        let payload = json!({ "org_id": org });
        if !jobs::pending(&mut conn, jobs::SETTLEMENT, &payload).await? {
            jobs::enqueue(&mut conn, jobs::SETTLEMENT, Some(&org), &payload, now).await?;
        }
    }
    Ok(())
}

/// Runs the settlement jobs due at `now`; returns how many days were settled.
pub async fn run_due(db: &Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    schedule(db, now).await?;
    let mut settled = 0;
    loop {
        let due = jobs::claim(db, jobs::SETTLEMENT, 10, TimeDelta::minutes(10), now).await?;
        if due.is_empty() {
            return Ok(settled);
        }
        for job in &due {
            match settle_merchant(db, job, now).await {
                Ok(days) => settled += days,
                Err(e) => {
                    tracing::warn!(error = %e, job = %job.id, "a settlement failed");
                    let mut conn = db.acquire().await?;
                    jobs::failed(&mut conn, job, &e.to_string(), now).await?;
                }
            }
        }
    }
}

/// Settles a merchant's business days up to today, then sets its job for the next one.
async fn settle_merchant(db: &Db, job: &Job, now: DateTime<Utc>) -> Result<usize, AppError> {
    let org = serde_json::from_str::<serde_json::Value>(&job.payload)
        .ok()
        .and_then(|p| p["org_id"].as_str().map(guichet_domain::OrgId::from))
        .ok_or_else(|| AppError::internal(format!("settlement job {}: no org_id", job.id)))?;
    let mut conn = db.acquire().await?;
    let Some(books) = settlements::books(&mut conn, &org).await? else {
        // No pricing any more: nothing to settle.
        jobs::done(&mut conn, &job.id, now).await?;
        return Ok(0);
    };
    let calendar = settlements::calendar(&mut conn, books.country).await?;
    drop(conn);
    let today = books.today(now);
    let mut settled = 0;
    let mut next = {
        let mut conn = db.acquire().await?;
        settlements::next_day(&mut conn, &books, &calendar).await?
    };
    while let Some(day) = next.filter(|day| *day <= today) {
        let mut tx = crate::db::begin_write(db).await?;
        if settlements::settle(&mut tx, &books, &calendar, day, now)
            .await?
            .is_some()
        {
            settled += 1;
        }
        tx.commit().await?;
        next = Some(calendar.on_or_after(day + TimeDelta::days(1)));
    }
    // A month over and settled: its fee invoice.
    let mut tx = crate::db::begin_write(db).await?;
    invoices::issue_due(&mut tx, &books, today, now).await?;
    tx.commit().await?;
    let due = calendar.on_or_after(today + TimeDelta::days(1));
    let at = time::from_db(&day_start(due, books.zone))?;
    let mut conn = db.acquire().await?;
    jobs::recur(&mut conn, &job.id, at).await?;
    Ok(settled)
}
