//! Rate limits kept in the database, so that every server process shares them.
//!
//! Each key is a bucket under the generic cell rate algorithm (GCRA): one number per key, the
//! "theoretical arrival time" (TAT) at which the bucket would be empty again. A request is
//! allowed while the TAT is less than `burst` intervals ahead of now, and pushes it one
//! interval further. Refused requests change nothing, so waiting is the only way back in.
//! Callers run [`charge`] inside a write transaction (`db::begin_write`), which makes the read
//! and the write one step across processes.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::error::AppError;
use crate::store::Conn;

/// `burst` requests at once, then one every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub burst: u32,
    pub every: Duration,
}

impl Rate {
    /// `n` a minute, all of them at once if need be.
    pub fn per_minute(n: u32) -> Self {
        let n = n.max(1);
        Self {
            burst: n,
            every: Duration::from_secs(60) / n,
        }
    }

    /// `n` a second, with a burst of one second's worth.
    pub fn per_second(n: u32) -> Self {
        let n = n.max(1);
        Self {
            burst: n,
            every: Duration::from_secs(1) / n,
        }
    }
}

/// Takes one request from `key`'s bucket: `Ok(Ok(()))` if allowed, `Ok(Err(wait))` with how
/// long until the next one would be.
pub async fn charge(
    conn: &mut Conn,
    key: &str,
    rate: Rate,
    now: DateTime<Utc>,
) -> Result<Result<(), Duration>, AppError> {
    let now_ms = now.timestamp_millis();
    let every = i64::try_from(rate.every.as_millis())
        .unwrap_or(i64::MAX)
        .max(1);
    let tolerance = every.saturating_mul(i64::from(rate.burst.max(1)) - 1);
    let tat: Option<i64> = sqlx::query_scalar("SELECT tat FROM rate_limits WHERE key = $1")
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
    let tat = tat.unwrap_or(now_ms).max(now_ms);
    let ahead = tat - now_ms;
    if ahead > tolerance {
        let wait = u64::try_from(ahead - tolerance).unwrap_or(0);
        return Ok(Err(Duration::from_millis(wait)));
    }
    sqlx::query(
        "INSERT INTO rate_limits (key, tat) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET tat = excluded.tat",
    )
    .bind(key)
    .bind(tat + every)
    .execute(conn)
    .await?;
    Ok(Ok(()))
}

/// Gives back one request taken from `key` (one that turned out to be no abuse).
pub async fn refund(
    conn: &mut Conn,
    key: &str,
    rate: Rate,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let every = i64::try_from(rate.every.as_millis()).unwrap_or(i64::MAX);
    sqlx::query(
        "UPDATE rate_limits SET tat = CASE WHEN tat - $1 < $2 THEN $3 ELSE tat - $4 END WHERE key = $5",
    )
    .bind(every)
    .bind(now.timestamp_millis())
    .bind(now.timestamp_millis())
    .bind(every)
    .bind(key)
    .execute(conn)
    .await?;
    Ok(())
}

/// Empties `key`'s bucket (a success that proves the caller is who the limit protects).
pub async fn forget(conn: &mut Conn, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rate_limits WHERE key = $1")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Buckets already empty again say nothing: dropped, so that many one-off keys (addresses)
/// do not pile up.
pub async fn purge_expired(conn: &mut Conn, now: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rate_limits WHERE tat < $1")
        .bind(now.timestamp_millis())
        .execute(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    #[tokio::test]
    async fn a_burst_then_one_per_interval() {
        let pool = db::connect("sqlite::memory:").await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        let rate = Rate::per_minute(3);
        let t0 = Utc::now();
        for _ in 0..3 {
            assert_eq!(charge(&mut conn, "k", rate, t0).await.unwrap(), Ok(()));
        }
        let wait = charge(&mut conn, "k", rate, t0).await.unwrap().unwrap_err();
        assert_eq!(wait, Duration::from_secs(20));
        // A refusal costs nothing: twenty seconds later exactly one more is allowed.
        let t1 = t0 + chrono::Duration::seconds(20);
        assert_eq!(charge(&mut conn, "k", rate, t1).await.unwrap(), Ok(()));
        assert!(charge(&mut conn, "k", rate, t1).await.unwrap().is_err());
        // Other keys have buckets of their own; a forgotten key starts full.
        assert_eq!(charge(&mut conn, "other", rate, t1).await.unwrap(), Ok(()));
        refund(&mut conn, "k", rate, t1).await.unwrap();
        assert_eq!(charge(&mut conn, "k", rate, t1).await.unwrap(), Ok(()));
        assert!(charge(&mut conn, "k", rate, t1).await.unwrap().is_err());
        forget(&mut conn, "k").await.unwrap();
        assert_eq!(charge(&mut conn, "k", rate, t1).await.unwrap(), Ok(()));
        // Once every bucket has refilled, nothing is kept.
        purge_expired(&mut conn, t1 + chrono::Duration::minutes(2))
            .await
            .unwrap();
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_limits")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(left, 0);
    }
}
