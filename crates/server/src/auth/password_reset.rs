//! « Forgot your password? »: single-use links to choose a new password, e-mailed to the
//! account's owner. Only each token's SHA-256 is kept, so the table gives nobody a way in.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, TimeDelta, Utc};
use guichet_domain::UserId;
use rand::rngs::OsRng;
use rand::RngCore;

use crate::digest::sha256_hex;
use crate::error::AppError;
use crate::store::Conn;
use crate::time;

/// How long a link works.
pub fn lifetime() -> TimeDelta {
    TimeDelta::minutes(guichet_domain::api::RESET_LINK_MINUTES)
}

/// A new link's token for `user`, valid for [`lifetime`].
pub async fn issue(conn: &mut Conn, user: &UserId, now: DateTime<Utc>) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    sqlx::query(
        "INSERT INTO password_resets (token_sha256, user_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(sha256_hex(token.as_bytes()))
    .bind(user)
    .bind(time::to_db(now + lifetime()))
    .execute(conn)
    .await?;
    Ok(token)
}

/// Spends `token`: the user it was issued to if it is known and alive, and then every link of
/// that user is gone (a link works once, and the newest does not leave older ones alive).
pub async fn spend(
    conn: &mut Conn,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<UserId>, AppError> {
    let user: Option<UserId> = sqlx::query_scalar(
        "SELECT user_id FROM password_resets WHERE token_sha256 = $1 AND expires_at > $2",
    )
    .bind(sha256_hex(token.as_bytes()))
    .bind(time::to_db(now))
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(user) = &user {
        sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
            .bind(user)
            .execute(&mut *conn)
            .await?;
    }
    Ok(user)
}

/// Drops the links that expired.
pub async fn purge_expired(conn: &mut Conn, now: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query("DELETE FROM password_resets WHERE expires_at <= $1")
        .bind(time::to_db(now))
        .execute(conn)
        .await?;
    Ok(())
}
