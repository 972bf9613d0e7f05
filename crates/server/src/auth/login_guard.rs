//! The log-in's defences. None of them locks the owner out, since anyone who knows an e-mail
//! address could then lock that person out again and again; each makes guessing cost the one
//! who guesses:
//! - every attempt is charged, before its password is checked, to three rate limits: one for
//!   everyone (the ceiling on password-hashing work), one per client address (password
//!   spraying over many accounts) and one per account and client (guessing one password); a
//!   success gives the client's back, so only failures use them up (many people behind one
//!   office address sign in freely);
//! - failures are counted per account from every client; past [`LoginLimits::code_after`] a
//!   log-in also needs a one-time code e-mailed to the account's owner, which tells the owner
//!   and lets them in while a guesser without their mailbox stays out.
//!
//! Each attempt is charged and counted in one write transaction before the password is
//! checked, so parallel guesses cannot all slip through before the first failure is written,
//! even across server processes: the database is what they share.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;

use super::rate_limit::{self, Rate};
use crate::digest::sha256_hex;
use crate::error::AppError;
use crate::store::Conn;
use crate::time;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    /// Attempts from everyone together.
    pub global: Rate,
    /// Attempts from one client address, whatever the account.
    pub per_client: Rate,
    /// Attempts on one account from one client address.
    pub per_account_client: Rate,
    /// Failures on one account within [`FAILURE_WINDOW`] after which a code is needed.
    pub code_after: i64,
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            global: Rate::per_second(20),
            per_client: Rate::per_minute(20),
            per_account_client: Rate {
                burst: 5,
                every: Duration::from_secs(60),
            },
            code_after: 10,
        }
    }
}

/// How long failures are remembered, and a code lives.
pub fn failure_window() -> chrono::Duration {
    chrono::Duration::minutes(15)
}

/// Wrong codes after which a code is dead and a new one must be sent.
const CODE_TRIES: i64 = 5;

/// Whether this attempt may go on with a password alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Password,
    PasswordAndCode,
}

/// Charges one attempt on `email` from `client` to every limit and counts it as a failure
/// until it succeeds. Refused with `rate_limited` when a limit is spent.
pub async fn admit(
    conn: &mut Conn,
    limits: &LoginLimits,
    email: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Admission, AppError> {
    let buckets = [
        ("login:all".to_owned(), limits.global),
        (client_key(client), limits.per_client),
        (account_client_key(email, client), limits.per_account_client),
    ];
    for (key, rate) in buckets {
        rate_limit::charge(conn, &key, rate, now)
            .await?
            .map_err(AppError::rate_limited)?;
    }
    let window_start = time::to_db(now - failure_window());
    sqlx::query(
        "INSERT INTO login_failures (email, failures, window_start) VALUES ($1, 1, $2) \
         ON CONFLICT (email) DO UPDATE SET \
           failures = CASE WHEN login_failures.window_start < $3 THEN 1 ELSE login_failures.failures + 1 END, \
           window_start = CASE WHEN login_failures.window_start < $4 THEN excluded.window_start ELSE login_failures.window_start END",
    )
    .bind(email)
    .bind(time::to_db(now))
    .bind(&window_start)
    .bind(&window_start)
    .execute(&mut *conn)
    .await?;
    let failures: i64 = sqlx::query_scalar("SELECT failures FROM login_failures WHERE email = $1")
        .bind(email)
        .fetch_one(conn)
        .await?;
    Ok(if failures > limits.code_after {
        Admission::PasswordAndCode
    } else {
        Admission::Password
    })
}

/// What a code sent with a log-in is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    Valid,
    Wrong,
    /// None was sent, or it expired or was tried too often: a new one must be sent.
    NoneActive,
}

/// Checks `code` against the account's; a wrong one uses up one of its tries.
pub async fn check_code(
    conn: &mut Conn,
    email: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<CodeCheck, AppError> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT code_sha256, attempts_left, expires_at FROM login_codes WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((digest, left, expires_at)) = row else {
        return Ok(CodeCheck::NoneActive);
    };
    if left <= 0 || expires_at <= time::to_db(now) {
        return Ok(CodeCheck::NoneActive);
    }
    if digest == code_digest(email, code.trim()) {
        return Ok(CodeCheck::Valid);
    }
    sqlx::query("UPDATE login_codes SET attempts_left = attempts_left - 1 WHERE email = $1")
        .bind(email)
        .execute(conn)
        .await?;
    Ok(CodeCheck::Wrong)
}

/// A new code for `email`, unless one is still alive (one e-mail per window, however many
/// attempts ask for it): the caller mails it to the owner.
pub async fn issue_code(
    conn: &mut Conn,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, AppError> {
    let alive: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM login_codes WHERE email = $1 AND attempts_left > 0 AND expires_at > $2",
    )
    .bind(email)
    .bind(time::to_db(now))
    .fetch_optional(&mut *conn)
    .await?;
    if alive.is_some() {
        return Ok(None);
    }
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    sqlx::query(
        "INSERT INTO login_codes (email, code_sha256, attempts_left, expires_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (email) DO UPDATE SET code_sha256 = excluded.code_sha256, \
           attempts_left = excluded.attempts_left, expires_at = excluded.expires_at",
    )
    .bind(email)
    .bind(code_digest(email, &code))
    .bind(CODE_TRIES)
    .bind(time::to_db(now + failure_window()))
    .execute(conn)
    .await?;
    Ok(Some(code))
}

/// The owner is in: their failures, code and this client's slow-down are forgotten, and the
/// client's attempt is given back.
pub async fn succeeded(
    conn: &mut Conn,
    limits: &LoginLimits,
    email: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    rate_limit::refund(conn, &client_key(client), limits.per_client, now).await?;
    for table in ["login_failures", "login_codes"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE email = $1"))
            .bind(email)
            .execute(&mut *conn)
            .await?;
    }
    rate_limit::forget(conn, &account_client_key(email, client)).await
}

fn client_key(client: &str) -> String {
    format!("login:client:{client}")
}

fn account_client_key(email: &str, client: &str) -> String {
    format!("login:account:{client}:{email}")
}

/// Codes are kept as digests, salted with the address so equal codes do not look equal.
fn code_digest(email: &str, code: &str) -> String {
    sha256_hex(format!("{email}\n{code}").as_bytes())
}
