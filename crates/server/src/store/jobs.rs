//! The job queue's SQL: background work kept in the database (today the mail to send; soon
//! refunds, settlements and payouts), so that any server process may do it and each job is done
//! once. [`crate::jobs`] runs it.

use chrono::{DateTime, TimeDelta, Utc};

use guichet_domain::tickets::Background;
use guichet_domain::OrgId;

use super::Conn;
use crate::db::{self, Db};
use crate::error::AppError;
use crate::time;

/// A notification to send: `{"mail_id": …}`, the outbox's row.
pub const MAIL: &str = "mail";
/// A refund to move on with the operator: `{"refund_id": …}` (`refund_runner`).
pub const REFUND: &str = "refund";

/// A payout to send to the operator and follow: `{"payout_id": …}` (`payout_runner`).
pub const PAYOUT: &str = "payout";

/// A merchant's daily settlement: `{"org_id": …}`, a job that recurs each business day
/// (`settlement_runner`).
pub const SETTLEMENT: &str = "settlement";

/// After this many failed attempts a job is given up (`failed_at`), and shown as failed.
pub const MAX_ATTEMPTS: i64 = 8;

/// A claimed job.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: String,
    pub kind: String,
    pub payload: String,
    /// Counting this one.
    pub attempts: i64,
}

/// Queues a job of `kind` about `payload` (JSON), the work of `org` (if any organisation's),
/// due at `at`, in the caller's transaction: it exists exactly when what asked for it does.
pub async fn enqueue(
    conn: &mut Conn,
    kind: &str,
    org: Option<&OrgId>,
    payload: &serde_json::Value,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO jobs (id, kind, org_id, payload, run_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(super::new_id::<String>())
    .bind(kind)
    .bind(org)
    .bind(payload.to_string())
    .bind(time::to_db(at))
    .bind(time::to_db(time::now()))
    .execute(conn)
    .await?;
    Ok(())
}

/// Claims up to `limit` due jobs of `kind` for `lease`: due, neither done nor given up, and
/// free (never claimed, or their lease ran out: the process that had them died). Two processes
/// never claim the same job ([`db::begin_claim`]).
pub async fn claim(
    db: &Db,
    kind: &str,
    limit: i64,
    lease: TimeDelta,
    now: DateTime<Utc>,
) -> Result<Vec<Job>, AppError> {
    let (mut tx, lock) = db::begin_claim(db).await?;
    let now_s = time::to_db(now);
    let mut jobs: Vec<Job> = sqlx::query_as(&format!(
        "SELECT id, kind, payload, attempts FROM jobs \
         WHERE kind = $1 AND done_at IS NULL AND failed_at IS NULL AND run_at <= $2 \
         AND (lease_until IS NULL OR lease_until <= $2) ORDER BY run_at, id LIMIT $3{lock}"
    ))
    .bind(kind)
    .bind(&now_s)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    for job in &mut jobs {
        job.attempts += 1;
        sqlx::query("UPDATE jobs SET lease_until = $1, attempts = $2 WHERE id = $3")
            .bind(time::to_db(now + lease))
            .bind(job.attempts)
            .bind(&job.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(jobs)
}

/// Runs `round` (the due work of one kind, at the time it is given) every `every`, forever: a
/// round that fails is logged as `what` and the next one tries again.
pub async fn every<F, R>(what: &str, every: std::time::Duration, mut round: F)
where
    F: FnMut(DateTime<Utc>) -> R,
    R: std::future::Future<Output = Result<usize, AppError>>,
{
    loop {
        if let Err(e) = round(time::now()).await {
            tracing::warn!(error = %e, "{what} failed; trying again");
        }
        tokio::time::sleep(every).await;
    }
}

/// Claims the due jobs of `kind`, `batch` at a time for `lease`, and runs `step` on each, until
/// none is due at `now`; returns how many ran.
pub async fn drain<F>(
    db: &Db,
    kind: &str,
    batch: i64,
    lease: TimeDelta,
    now: DateTime<Utc>,
    mut step: impl FnMut(Job) -> F,
) -> Result<usize, AppError>
where
    F: std::future::Future<Output = Result<(), AppError>>,
{
    let mut ran = 0;
    loop {
        let due = claim(db, kind, batch, lease, now).await?;
        if due.is_empty() {
            return Ok(ran);
        }
        for job in due {
            step(job).await?;
            ran += 1;
        }
    }
}

/// The job is done.
pub async fn done(conn: &mut Conn, id: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query("UPDATE jobs SET done_at = $1, lease_until = NULL WHERE id = $2")
        .bind(time::to_db(now))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The job is due again at `at`, its lease given back: work that goes on in steps (a refund
/// polled at the operator) rather than work that failed.
pub async fn reschedule(conn: &mut Conn, id: &str, at: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query("UPDATE jobs SET lease_until = NULL, run_at = $1 WHERE id = $2")
        .bind(time::to_db(at))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A recurring job did its work: due again at `at`, its attempts and last error cleared.
pub async fn recur(conn: &mut Conn, id: &str, at: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE jobs SET lease_until = NULL, run_at = $1, attempts = 0, last_error = NULL \
         WHERE id = $2",
    )
    .bind(time::to_db(at))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether an undone job of `kind` about `payload` exists.
pub async fn pending(
    conn: &mut Conn,
    kind: &str,
    payload: &serde_json::Value,
) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE kind = $1 AND payload = $2 AND done_at IS NULL",
    )
    .bind(kind)
    .bind(payload.to_string())
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// The undone job of `kind` about `payload` is due at `at` (a person asked for it now).
pub async fn hurry(
    conn: &mut Conn,
    kind: &str,
    payload: &serde_json::Value,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE jobs SET run_at = $1 WHERE kind = $2 AND payload = $3 AND done_at IS NULL")
        .bind(time::to_db(at))
        .bind(kind)
        .bind(payload.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// The job failed: due again after [`backoff`], or given up after [`MAX_ATTEMPTS`].
pub async fn failed(
    conn: &mut Conn,
    job: &Job,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let given_up = (job.attempts >= MAX_ATTEMPTS).then(|| time::to_db(now));
    sqlx::query(
        "UPDATE jobs SET lease_until = NULL, last_error = $1, run_at = $2, failed_at = $3 \
         WHERE id = $4",
    )
    .bind(error)
    .bind(time::to_db(now + backoff(job.attempts)))
    .bind(given_up)
    .bind(&job.id)
    .execute(conn)
    .await?;
    Ok(())
}

/// How long after its `attempts`-th failure a job is tried again: 30 s, doubling, at most an
/// hour.
pub fn backoff(attempts: i64) -> TimeDelta {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 7)).unwrap_or(7);
    TimeDelta::seconds(30 * 2_i64.pow(doublings)).min(TimeDelta::hours(1))
}

/// An organisation's jobs still to do (due, waiting for a retry, or under way), the oldest of
/// them created when, and those given up.
pub async fn backlog(conn: &mut Conn, org: &OrgId) -> Result<Background, AppError> {
    let (waiting, oldest, failed): (i64, Option<String>, i64) = sqlx::query_as(
        "SELECT COUNT(CASE WHEN failed_at IS NULL THEN 1 END), \
         MIN(CASE WHEN failed_at IS NULL THEN created_at END), \
         COUNT(failed_at) FROM jobs WHERE org_id = $1 AND done_at IS NULL",
    )
    .bind(org)
    .fetch_one(conn)
    .await?;
    Ok(Background {
        waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
        oldest_waiting_at: oldest.as_deref().map(time::from_db).transpose()?,
        failed: u32::try_from(failed).unwrap_or(u32::MAX),
    })
}

/// Forgets jobs done more than a week ago.
pub async fn purge_done(conn: &mut Conn, now: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query("DELETE FROM jobs WHERE done_at IS NOT NULL AND done_at < $1")
        .bind(time::to_db(now - TimeDelta::days(7)))
        .execute(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_come_later_and_later_then_hourly() {
        let seconds: Vec<i64> = (1..=9).map(|a| backoff(a).num_seconds()).collect();
        assert_eq!(seconds, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }

    #[tokio::test]
    async fn a_job_is_claimed_once_until_its_lease_ends() {
        let db = db::connect("sqlite::memory:").await.unwrap();
        let now = time::now();
        let mut conn = db.acquire().await.unwrap();
        enqueue(&mut conn, "test", None, &serde_json::json!({ "n": 1 }), now)
            .await
            .unwrap();
        drop(conn);
        let lease = TimeDelta::minutes(1);
        let first = claim(&db, "test", 10, lease, now).await.unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].attempts, 1);
        assert!(claim(&db, "test", 10, lease, now).await.unwrap().is_empty());
        assert!(claim(&db, "other", 10, lease, now)
            .await
            .unwrap()
            .is_empty());
        // Its process died: the lease runs out and another takes it.
        let later = now + lease;
        let again = claim(&db, "test", 10, lease, later).await.unwrap();
        assert_eq!(again[0].attempts, 2);
        let mut conn = db.acquire().await.unwrap();
        failed(&mut conn, &again[0], "refused", later)
            .await
            .unwrap();
        assert!(claim(&db, "test", 10, lease, later)
            .await
            .unwrap()
            .is_empty());
        let retry = later + backoff(2);
        let third = claim(&db, "test", 10, lease, retry).await.unwrap();
        done(&mut conn, &third[0].id, retry).await.unwrap();
        assert!(claim(&db, "test", 10, lease, retry + TimeDelta::days(1))
            .await
            .unwrap()
            .is_empty());
    }
}
