//! `Idempotency-Key`: a retried mutation (flaky mobile networks are the norm for our merchants)
//! returns the first answer instead of acting twice. Keys belong to a user and last 24 hours.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use guichet_domain::paths::headers::{IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED};
use guichet_domain::validate::is_idempotency_key;
use guichet_domain::UserId;

use crate::auth::{csrf, Session};
use crate::digest::sha256_hex;
use crate::error::AppError;
use crate::state::AppState;
use crate::{request_body, request_id, time};

/// In a response's extensions, from an operation whose answer holds a lasting secret shown once
/// (a new API key): that answer is never stored, so a retry under the same key acts again
/// rather than replaying the secret from the database. (A new user's one-time password is
/// replayed: it works once, must be changed at once, and an administrator whose answer was lost
/// would otherwise find the address taken and no password.)
#[derive(Debug, Clone, Copy)]
pub struct HoldsSecret;

pub fn lifetime() -> Duration {
    Duration::hours(24)
}

/// What makes two requests "the same request".
struct Fingerprint {
    method: String,
    path: String,
    body_sha256: String,
}

enum Claim {
    /// First use of the key: a placeholder row now marks it in flight.
    New,
    Replay {
        status: u16,
        body: String,
    },
    Mismatch,
    InFlight,
}

pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !csrf::is_mutating(request.method()) {
        return next.run(request).await;
    }
    let Some(key) = request
        .headers()
        .get(IDEMPOTENCY_KEY)
        .map(|v| v.to_str().map(str::to_owned))
    else {
        return next.run(request).await;
    };
    // Without a session (log-in, or a request about to be refused with 401) there is no owner.
    let Some(user_id) = request
        .extensions()
        .get::<Session>()
        .map(|s| s.user.id.clone())
    else {
        return next.run(request).await;
    };
    let key = match key {
        Ok(k) if is_idempotency_key(&k) => k,
        _ => {
            return AppError::bad_request(
                "Idempotency-Key must be 1 to 255 visible ASCII characters, without spaces.",
            )
            .into_response()
        }
    };

    // Up to the operation's own limit: `request_body::limit` runs first.
    let (parts, body) = request.into_parts();
    let bytes = match request_body::read(&parts, body).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let fingerprint = Fingerprint {
        method: parts.method.to_string(),
        path: parts
            .uri
            .path_and_query()
            .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned()),
        body_sha256: sha256_hex(&bytes),
    };
    match claim(&state, &user_id, &key, &fingerprint).await {
        Ok(Claim::New) => {}
        Ok(Claim::Replay { status, body }) => return replay(status, body),
        Ok(Claim::Mismatch) => return AppError::idempotency_key_reused().into_response(),
        Ok(Claim::InFlight) => return AppError::idempotency_in_progress().into_response(),
        Err(e) => return e.into_response(),
    }

    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let (parts, body) = response.into_parts();
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            let _ = release(&state, &user_id, &key).await;
            return AppError::internal(format_args!("reading response: {e}")).into_response();
        }
    };
    // A failure on our side may not have acted: let the client retry it for real. A secret
    // shown once is kept nowhere, this table included.
    let saved = if parts.status.is_server_error() || parts.extensions.get::<HoldsSecret>().is_some()
    {
        release(&state, &user_id, &key).await
    } else {
        complete(&state, &user_id, &key, parts.status, &bytes).await
    };
    if let Err(e) = saved {
        tracing::error!(request_id = %request_id::current(), error = %e, "idempotency record not saved");
        let _ = release(&state, &user_id, &key).await;
    }
    Response::from_parts(parts, Body::from(bytes))
}

async fn claim(
    state: &AppState,
    user_id: &UserId,
    key: &str,
    f: &Fingerprint,
) -> Result<Claim, AppError> {
    let mut conn = state.db.acquire().await?;
    let now = time::now();
    sqlx::query(
        "DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2 AND created_at < $3",
    )
    .bind(user_id)
    .bind(key)
    .bind(time::to_db(now - lifetime()))
    .execute(&mut *conn)
    .await?;
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (user_id, idem_key, method, path, body_sha256, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, idem_key) DO NOTHING",
    )
    .bind(user_id)
    .bind(key)
    .bind(&f.method)
    .bind(&f.path)
    .bind(&f.body_sha256)
    .bind(time::to_db(now))
    .execute(&mut *conn)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Claim::New);
    }
    let row: Option<StoredKey> = sqlx::query_as(
        "SELECT method, path, body_sha256, status, response_body FROM idempotency_keys \
         WHERE user_id = $1 AND idem_key = $2",
    )
    .bind(user_id)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        // Released between our insert and this read: the first attempt has just failed, and a
        // retry will find the key free.
        None => Claim::InFlight,
        Some(k) if k.method != f.method || k.path != f.path || k.body_sha256 != f.body_sha256 => {
            Claim::Mismatch
        }
        Some(StoredKey {
            status: Some(status),
            response_body,
            ..
        }) => Claim::Replay {
            status: u16::try_from(status).unwrap_or(500),
            body: response_body.unwrap_or_default(),
        },
        Some(_) => Claim::InFlight,
    })
}

#[derive(sqlx::FromRow)]
struct StoredKey {
    method: String,
    path: String,
    body_sha256: String,
    status: Option<i64>,
    response_body: Option<String>,
}

async fn complete(
    state: &AppState,
    user_id: &UserId,
    key: &str,
    status: StatusCode,
    body: &[u8],
) -> Result<(), AppError> {
    sqlx::query("UPDATE idempotency_keys SET status = $1, response_body = $2 WHERE user_id = $3 AND idem_key = $4")
        .bind(i64::from(status.as_u16()))
        .bind(String::from_utf8_lossy(body).into_owned())
        .bind(user_id)
        .bind(key)
        .execute(&state.db)
        .await?;
    Ok(())
}

async fn release(state: &AppState, user_id: &UserId, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2")
        .bind(user_id)
        .bind(key)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// The stored answer, marked as a replay. An error envelope's `request_id` is set to this
/// request's, keeping the promise that it always equals the `x-request-id` header.
fn replay(status: u16, body: String) -> Response {
    let body = match serde_json::from_str::<serde_json::Value>(&body) {
        Ok(mut v) if v.pointer("/error/request_id").is_some() => {
            v["error"]["request_id"] = serde_json::Value::String(request_id::current());
            v.to_string()
        }
        _ => body,
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let has_body = !body.is_empty();
    let mut response = (status, body).into_response();
    let h = response.headers_mut();
    if has_body {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    } else {
        h.remove(header::CONTENT_TYPE);
    }
    h.insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
    response
}

/// Start-up housekeeping: forget keys past their lifetime.
pub async fn purge_expired(db: &crate::db::Db) -> Result<(), AppError> {
    sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(time::to_db(time::now() - lifetime()))
        .execute(db)
        .await?;
    Ok(())
}
