//! Sessions: a random token in an HttpOnly cookie; the database keeps only its SHA-256, so a copy
//! of the database cannot be replayed as a log-in.

use guichet_domain::{OrgId, UserId};
use std::convert::Infallible;

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use guichet_domain::api::User;
use guichet_domain::roles::permissions_of;
use guichet_domain::{OrgKind, Permission};
use rand::rngs::OsRng;
use rand::RngCore;

use super::csrf;
use crate::digest::sha256_hex;
use crate::error::AppError;
use crate::store::audit::Actor;
use crate::store::{orgs, users, Conn};
use crate::time;

pub const COOKIE: &str = "guichet_session";

pub fn lifetime() -> Duration {
    Duration::hours(12)
}

/// The signed-in caller of this request, put in the request's extensions by the auth layer.
/// Handlers take it as an extractor: without a session it rejects with 401.
#[derive(Clone)]
pub struct Session {
    pub token_hash: String,
    pub csrf_token: String,
    pub user: User,
    pub org_id: OrgId,
    pub org_kind: OrgKind,
    pub permissions: Vec<Permission>,
}

impl Session {
    /// Every route names the permission it needs and checks it here, whatever the UI shows.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.permissions.contains(&permission) {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }

    pub fn actor(&self) -> Actor<'_> {
        Actor {
            id: Some(&self.user.id),
            email: Some(&self.user.email),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Session {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or_else(AppError::unauthenticated)
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for Session {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Option<Self>, Infallible> {
        Ok(parts.extensions.get::<Session>().cloned())
    }
}

pub struct NewSession {
    /// The cookie value; shown once, to the browser.
    pub token: String,
    pub csrf_token: String,
}

pub async fn create(
    conn: &mut Conn,
    user_id: &UserId,
    now: DateTime<Utc>,
) -> Result<NewSession, AppError> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let csrf_token = csrf::new_token();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(sha256_hex(token.as_bytes()))
        .bind(user_id)
        .bind(&csrf_token)
        .bind(time::to_db(now))
        .bind(time::to_db(now + lifetime()))
        .execute(conn)
        .await?;
    Ok(NewSession { token, csrf_token })
}

/// The live session for a cookie value: unknown, expired or a deactivated user's give `None`.
pub async fn load(conn: &mut Conn, token: &str) -> Result<Option<Session>, AppError> {
    let token_hash = sha256_hex(token.as_bytes());
    let row: Option<(UserId, String, String)> = sqlx::query_as(
        "SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = $1",
    )
    .bind(&token_hash)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((user_id, csrf_token, expires_at)) = row else {
        return Ok(None);
    };
    if expires_at <= time::to_db(time::now()) {
        delete(conn, &token_hash).await?;
        return Ok(None);
    }
    let Some(record) = users::find(conn, &user_id).await? else {
        return Ok(None);
    };
    if !record.user.active {
        return Ok(None);
    }
    let org = orgs::get(conn, &record.org_id).await?;
    Ok(Some(Session {
        token_hash,
        csrf_token,
        permissions: permissions_of(&record.user.roles),
        user: record.user,
        org_id: record.org_id,
        org_kind: org.kind,
    }))
}

pub async fn delete(conn: &mut Conn, token_hash: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of `user_id` except `keep` (the caller's own, when they change password).
pub async fn revoke_all(
    conn: &mut Conn,
    user_id: &UserId,
    keep: Option<&str>,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn purge_expired(conn: &mut Conn) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(time::to_db(time::now()))
        .execute(conn)
        .await?;
    Ok(())
}

/// The live session a request's cookie names, if any (none, stale or unknown: `None`).
pub async fn of_request(
    db: &crate::db::Db,
    headers: &HeaderMap,
) -> Result<Option<Session>, AppError> {
    let Some(token) = from_headers(headers) else {
        return Ok(None);
    };
    let mut conn = db.acquire().await?;
    load(&mut conn, &token).await
}

/// The session cookie's value in a request, if any.
pub fn from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

pub fn set_cookie(token: &str, secure: bool) -> HeaderValue {
    cookie(token, lifetime().num_seconds(), secure)
}

pub fn clear_cookie(secure: bool) -> HeaderValue {
    cookie("", 0, secure)
}

fn cookie(value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let s =
        format!("{COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&s)
        .unwrap_or_else(|_| HeaderValue::from_static("guichet_session=; Max-Age=0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; guichet_session=abc; b=2"),
        );
        assert_eq!(from_headers(&h).as_deref(), Some("abc"));
        assert_eq!(from_headers(&HeaderMap::new()), None);
    }

    #[test]
    fn cookie_is_http_only_and_strict() {
        let c = set_cookie("tok", true);
        let c = c.to_str().unwrap();
        assert!(c.starts_with("guichet_session=tok;"));
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Path=/"));
        assert!(c.contains("Max-Age=43200") && c.ends_with("; Secure"));
    }
}
