//! Merchants' API keys (migration `…_api_keys.sql`): created with the SHA-256 of their secret
//! (the secret itself is returned once and kept nowhere), listed, rolled, revoked, and found by
//! the secret a request presents.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use guichet_domain::developers::{
    key_prefix, status_at, ApiKey, ApiScope, CreatedApiKey, SECRET_BODY_CHARS,
};
use guichet_domain::tickets::{fingerprint, Environment};
use guichet_domain::{ApiKeyId, OrgId, UserId};
use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::OsRng;

use super::Conn;
use crate::digest::sha256_hex;
use crate::error::AppError;
use crate::time;

#[derive(sqlx::FromRow)]
struct KeyRow {
    id: ApiKeyId,
    name: String,
    environment: String,
    scopes: String,
    fingerprint: String,
    creator_name: String,
    created_at: String,
    last_used_at: Option<String>,
    expires_on: Option<String>,
    valid_until: Option<String>,
    revoked_at: Option<String>,
    replaced_by: Option<ApiKeyId>,
}

const SELECT: &str = "SELECT k.id, k.name, k.environment, k.scopes, k.fingerprint, \
     u.name AS creator_name, k.created_at, k.last_used_at, k.expires_on, k.valid_until, \
     k.revoked_at, k.replaced_by FROM api_keys k JOIN users u ON u.id = k.created_by";

fn bad(what: &str, value: &str) -> AppError {
    AppError::internal(format_args!("bad {what} {value:?}"))
}

fn environment(value: &str) -> Result<Environment, AppError> {
    Environment::parse(value).ok_or_else(|| bad("environment", value))
}

fn scopes(value: &str) -> Result<Vec<ApiScope>, AppError> {
    value
        .split_whitespace()
        .map(|s| ApiScope::parse(s).ok_or_else(|| bad("scope", s)))
        .collect()
}

fn optional_instant(value: Option<&String>) -> Result<Option<DateTime<Utc>>, AppError> {
    value.map(|v| time::from_db(v)).transpose()
}

impl KeyRow {
    fn view(&self, now: DateTime<Utc>) -> Result<ApiKey, AppError> {
        let valid_until = optional_instant(self.valid_until.as_ref())?;
        Ok(ApiKey {
            id: self.id.clone(),
            name: self.name.clone(),
            environment: environment(&self.environment)?,
            scopes: scopes(&self.scopes)?,
            fingerprint: self.fingerprint.clone(),
            created_by: self.creator_name.clone(),
            created_at: time::from_db(&self.created_at)?,
            last_used_at: optional_instant(self.last_used_at.as_ref())?,
            expires_on: self
                .expires_on
                .as_deref()
                .map(|d| d.parse().map_err(|_| bad("day", d)))
                .transpose()?,
            valid_until,
            status: status_at(
                self.revoked_at.is_some(),
                self.replaced_by.is_some(),
                valid_until,
                now,
            ),
            revoked_at: optional_instant(self.revoked_at.as_ref())?,
            replaced_by: self.replaced_by.clone(),
        })
    }
}

/// A new secret: the environment's prefix, then [`SECRET_BODY_CHARS`] letters and digits from
/// the operating system's generator.
fn new_secret(environment: Environment) -> String {
    format!(
        "{}{}",
        key_prefix(environment),
        Alphanumeric.sample_string(&mut OsRng, SECRET_BODY_CHARS)
    )
}

/// When a key whose last day is `day` stops working: the end of that day, UTC.
fn end_of(day: NaiveDate) -> DateTime<Utc> {
    (day + Duration::days(1))
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
}

/// What a new key is.
pub struct NewKey<'a> {
    pub org: &'a OrgId,
    pub name: &'a str,
    pub environment: Environment,
    pub scopes: &'a [ApiScope],
    pub expires_on: Option<NaiveDate>,
    pub created_by: &'a UserId,
}

/// Creates a key and returns it with its secret, the only time the secret exists outside the
/// caller's hands.
pub async fn create(
    conn: &mut Conn,
    new: NewKey<'_>,
    now: DateTime<Utc>,
) -> Result<CreatedApiKey, AppError> {
    let secret = new_secret(new.environment);
    let id: ApiKeyId = super::new_id();
    let scopes: Vec<&str> = new.scopes.iter().map(|s| s.as_str()).collect();
    sqlx::query(
        "INSERT INTO api_keys (id, org_id, name, environment, scopes, secret_hash, fingerprint, \
         created_by, created_at, expires_on, valid_until) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(new.org)
    .bind(new.name)
    .bind(new.environment.as_str())
    .bind(scopes.join(" "))
    .bind(sha256_hex(secret.as_bytes()))
    .bind(fingerprint(&secret).ok_or_else(|| bad("secret", "of a new key"))?)
    .bind(new.created_by)
    .bind(time::to_db(now))
    .bind(new.expires_on.map(|d| d.to_string()))
    .bind(new.expires_on.map(|d| time::to_db(end_of(d))))
    .execute(&mut *conn)
    .await?;
    let key = get(conn, new.org, &id, now)
        .await?
        .ok_or_else(|| bad("key", "just created"))?;
    Ok(CreatedApiKey { key, secret })
}

/// The organisation's keys, newest first.
pub async fn list(
    conn: &mut Conn,
    org: &OrgId,
    now: DateTime<Utc>,
) -> Result<Vec<ApiKey>, AppError> {
    let rows: Vec<KeyRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE k.org_id = $1 ORDER BY k.created_at DESC, k.id"
    ))
    .bind(org)
    .fetch_all(conn)
    .await?;
    rows.iter().map(|r| r.view(now)).collect()
}

pub async fn get(
    conn: &mut Conn,
    org: &OrgId,
    id: &ApiKeyId,
    now: DateTime<Utc>,
) -> Result<Option<ApiKey>, AppError> {
    let row: Option<KeyRow> =
        sqlx::query_as(&format!("{SELECT} WHERE k.org_id = $1 AND k.id = $2"))
            .bind(org)
            .bind(id)
            .fetch_optional(conn)
            .await?;
    row.map(|r| r.view(now)).transpose()
}

/// Revokes a key at once; a key already revoked keeps its first revocation.
pub async fn revoke(
    conn: &mut Conn,
    org: &OrgId,
    id: &ApiKeyId,
    by: &UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE api_keys SET revoked_at = $1, revoked_by = $2 \
         WHERE org_id = $3 AND id = $4 AND revoked_at IS NULL",
    )
    .bind(time::to_db(now))
    .bind(by)
    .bind(org)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Rolls `old`: a new key with its name, environment, permissions and expiry, and `old` working
/// on until `overlap` from now (or its own end, if sooner). The caller checked that `old` works
/// and has not been rolled, in the same transaction.
pub async fn roll(
    conn: &mut Conn,
    old: &ApiKey,
    org: &OrgId,
    by: &UserId,
    overlap: Duration,
    now: DateTime<Utc>,
) -> Result<CreatedApiKey, AppError> {
    let created = create(
        conn,
        NewKey {
            org,
            name: &old.name,
            environment: old.environment,
            scopes: &old.scopes,
            expires_on: old.expires_on,
            created_by: by,
        },
        now,
    )
    .await?;
    let until = old
        .valid_until
        .map_or(now + overlap, |end| end.min(now + overlap));
    sqlx::query(
        "UPDATE api_keys SET replaced_by = $1, valid_until = $2 \
         WHERE org_id = $3 AND id = $4 AND replaced_by IS NULL",
    )
    .bind(&created.key.id)
    .bind(time::to_db(until))
    .bind(org)
    .bind(&old.id)
    .execute(conn)
    .await?;
    Ok(created)
}

/// Who a working key speaks for, and what it may do.
#[derive(Debug, Clone)]
pub struct KeyHolder {
    pub key_id: ApiKeyId,
    pub org_id: OrgId,
    pub environment: Environment,
    pub scopes: Vec<ApiScope>,
}

/// The working key whose secret is `secret` (not revoked, not past its end), marked as used
/// now (to the minute: a busy key writes once a minute, not once a request); `None` for
/// anything else.
pub async fn authenticate(
    conn: &mut Conn,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<KeyHolder>, AppError> {
    let row: Option<(ApiKeyId, OrgId, String, String)> = sqlx::query_as(
        "SELECT id, org_id, environment, scopes FROM api_keys WHERE secret_hash = $1 \
         AND revoked_at IS NULL AND (valid_until IS NULL OR valid_until > $2)",
    )
    .bind(sha256_hex(secret.as_bytes()))
    .bind(time::to_db(now))
    .fetch_optional(&mut *conn)
    .await?;
    let Some((key_id, org_id, env, granted)) = row else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE api_keys SET last_used_at = $1 WHERE id = $2 \
         AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(time::to_db(now))
    .bind(&key_id)
    .bind(time::to_db(now - Duration::minutes(1)))
    .execute(&mut *conn)
    .await?;
    Ok(Some(KeyHolder {
        key_id,
        org_id,
        environment: environment(&env)?,
        scopes: scopes(&granted)?,
    }))
}
