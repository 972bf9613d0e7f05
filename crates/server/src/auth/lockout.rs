//! Ten failed log-ins for an e-mail lock it for fifteen minutes. Attempts are counted per e-mail
//! as typed (normalised), existing or not, so the answers never reveal which accounts exist.

use chrono::{DateTime, Duration, Utc};

use crate::error::AppError;
use crate::store::Conn;
use crate::time;

pub const MAX_FAILURES: i64 = 10;

pub fn lock_duration() -> Duration {
    Duration::minutes(15)
}

pub async fn is_locked(conn: &mut Conn, email: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    let until: Option<Option<String>> =
        sqlx::query_scalar("SELECT locked_until FROM login_attempts WHERE email = $1")
            .bind(email)
            .fetch_optional(conn)
            .await?;
    Ok(until.flatten().is_some_and(|u| u > time::to_db(now)))
}

/// Counts a failure; failures older than the lock duration are forgotten, and the tenth locks.
pub async fn record_failure(
    conn: &mut Conn,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let now_s = time::to_db(now);
    let window_start = time::to_db(now - lock_duration());
    sqlx::query(
        "INSERT INTO login_attempts (email, failures, locked_until, updated_at) VALUES ($1, 1, NULL, $2) \
         ON CONFLICT (email) DO UPDATE SET \
           failures = CASE WHEN login_attempts.updated_at < $3 THEN 1 ELSE login_attempts.failures + 1 END, \
           updated_at = excluded.updated_at",
    )
    .bind(email)
    .bind(&now_s)
    .bind(&window_start)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE login_attempts SET locked_until = $1, failures = 0 WHERE email = $2 AND failures >= $3")
        .bind(time::to_db(now + lock_duration()))
        .bind(email)
        .bind(MAX_FAILURES)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn reset(conn: &mut Conn, email: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM login_attempts WHERE email = $1")
        .bind(email)
        .execute(conn)
        .await?;
    Ok(())
}
