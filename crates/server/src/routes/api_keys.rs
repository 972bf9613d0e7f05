//! API keys (« Développeurs »): created with chosen permissions, listed, rolled and revoked by
//! whoever manages them (`api_keys.manage`: Developers, Administrators), each change in the
//! audit log without the secret. A key's secret is in the answer that creates it and nowhere
//! else: not in the database (its SHA-256 only), not in the idempotency table
//! ([`HoldsSecret`]), not in the audit log.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;
use chrono::Duration;
use chrono_tz::Tz;
use guichet_domain::developers::{
    check_new_api_key, check_roll, ApiKey, CreatedApiKey, KeyFingerprint, KeyIdentity, NewApiKey,
    RollApiKey,
};
use guichet_domain::{messages, paths, ApiKeyId, AuditAction, Permission};
use serde_json::json;

use crate::auth::api_key::KeyCaller;
use crate::auth::Session;
use crate::db;
use crate::error::{ApiResult, AppError};
use crate::extract::{ApiPath, Json};
use crate::idempotency::HoldsSecret;
use crate::scrub::scrub;
use crate::state::AppState;
use crate::store::api_keys::{self, NewKey};
use crate::store::{audit, orgs, Conn};
use crate::time;

async fn record(
    conn: &mut Conn,
    session: &Session,
    action: AuditAction,
    key: &ApiKey,
    details: serde_json::Value,
) -> ApiResult<()> {
    let mut all = json!({
        "key_id": key.id,
        "fingerprint": key.fingerprint,
        "environment": key.environment,
        "scopes": key.scopes,
    });
    if let (Some(all), serde_json::Value::Object(more)) = (all.as_object_mut(), details) {
        all.extend(more);
    }
    audit::record(
        conn,
        audit::NewEntry {
            org_id: &session.org_id,
            actor: session.actor(),
            action: action.as_str(),
            target: Some(&key.name),
            details: all,
        },
    )
    .await
}

/// The organisation's keys, newest first: never a secret.
#[utoipa::path(get, path = paths::API_KEYS, operation_id = "list_api_keys", tag = "developers",
    responses((status = 200, description = "The keys.", body = Vec<ApiKey>)),
    security(("session" = ["api_keys.manage"])))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Vec<ApiKey>>> {
    session.require(Permission::ApiKeysManage)?;
    let mut conn = state.db.acquire().await?;
    Ok(axum::Json(
        api_keys::list(&mut conn, &session.org_id, time::now()).await?,
    ))
}

/// A new key with the permissions chosen: its secret is in this answer, once. An
/// `Idempotency-Key` is taken but its answer is not stored: a retry makes another key.
///
/// Field errors: `name`: `error.required`, `error.too_long`, `error.control_character`;
/// `scopes`: `error.scopes_empty`; `expires_on`: `error.in_past` (the last day it works must
/// be after today in the organisation's time zone).
#[utoipa::path(post, path = paths::API_KEYS, operation_id = "create_api_key", tag = "developers",
    request_body = NewApiKey,
    responses(
        (status = 201, description = "Created: the secret, shown once.", body = CreatedApiKey),
        (status = 422, description = "`validation_failed`.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["api_keys.manage"])))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Json(req): Json<NewApiKey>,
) -> ApiResult<(
    StatusCode,
    Extension<HoldsSecret>,
    axum::Json<CreatedApiKey>,
)> {
    session.require(Permission::ApiKeysManage)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let org = orgs::get(&mut tx, &session.org_id).await?;
    let zone: Tz = org.time_zone.parse().unwrap_or(Tz::UTC);
    let today = now.with_timezone(&zone).date_naive();
    let new = check_new_api_key(&req, today).map_err(AppError::validation)?;
    // A name is shown to the team and in the audit log: a secret pasted into it is redacted.
    let name = scrub(&new.name).text;
    let created = api_keys::create(
        &mut tx,
        NewKey {
            org: &session.org_id,
            name: &name,
            environment: new.environment,
            scopes: &new.scopes,
            expires_on: new.expires_on,
            created_by: &session.user.id,
        },
        now,
    )
    .await?;
    record(
        &mut tx,
        &session,
        AuditAction::ApiKeyCreated,
        &created.key,
        json!({ "expires_on": created.key.expires_on }),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Extension(HoldsSecret),
        axum::Json(created),
    ))
}

async fn working_key(conn: &mut Conn, session: &Session, id: &ApiKeyId) -> ApiResult<ApiKey> {
    api_keys::get(conn, &session.org_id, id, time::now())
        .await?
        .ok_or_else(AppError::not_found)
}

/// A new secret for the key, with its name, permissions and expiry; the old secret keeps
/// working for `overlap_hours` (0 to 24: 0 stops it now), time to deploy the new one. Only a
/// working key that has not been rolled yet.
#[utoipa::path(post, path = paths::api_key_roll(&ApiKeyId::from("{id}")), operation_id = "roll_api_key", tag = "developers",
    params(("id" = String, Path, description = "API key id")),
    request_body = RollApiKey,
    responses(
        (status = 201, description = "The new key: its secret, shown once.", body = CreatedApiKey),
        (status = 404, description = "No such key in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict` (`error.api_key_not_working`): revoked, expired or rolled already.", body = guichet_domain::ApiErrorBody),
        (status = 422, description = "`validation_failed`: `overlap_hours` `error.out_of_range`.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["api_keys.manage"])))]
pub async fn roll(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<ApiKeyId>,
    Json(req): Json<RollApiKey>,
) -> ApiResult<(
    StatusCode,
    Extension<HoldsSecret>,
    axum::Json<CreatedApiKey>,
)> {
    session.require(Permission::ApiKeysManage)?;
    check_roll(&req).map_err(AppError::validation)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let old = working_key(&mut tx, &session, &id).await?;
    if !old.status.works() || old.replaced_by.is_some() {
        return Err(AppError::conflict(
            messages::API_KEY_NOT_WORKING,
            "Only a working key that has not been rolled yet can be rolled.",
        ));
    }
    let overlap = Duration::hours(i64::from(req.overlap_hours));
    let created = api_keys::roll(
        &mut tx,
        &old,
        &session.org_id,
        &session.user.id,
        overlap,
        now,
    )
    .await?;
    record(
        &mut tx,
        &session,
        AuditAction::ApiKeyRolled,
        &old,
        json!({ "new_key_id": created.key.id, "new_fingerprint": created.key.fingerprint,
                "overlap_hours": req.overlap_hours }),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Extension(HoldsSecret),
        axum::Json(created),
    ))
}

/// Revokes the key at once: every request with it is refused from now on. Revoking a revoked
/// key changes nothing.
#[utoipa::path(post, path = paths::api_key_revoke(&ApiKeyId::from("{id}")), operation_id = "revoke_api_key", tag = "developers",
    params(("id" = String, Path, description = "API key id")),
    responses(
        (status = 200, description = "The key, revoked.", body = ApiKey),
        (status = 404, description = "No such key in the caller's organisation.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["api_keys.manage"])))]
pub async fn revoke(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<ApiKeyId>,
) -> ApiResult<axum::Json<ApiKey>> {
    session.require(Permission::ApiKeysManage)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let key = working_key(&mut tx, &session, &id).await?;
    if key.revoked_at.is_none() {
        api_keys::revoke(&mut tx, &session.org_id, &id, &session.user.id, now).await?;
        record(
            &mut tx,
            &session,
            AuditAction::ApiKeyRevoked,
            &key,
            json!({}),
        )
        .await?;
    }
    let key = working_key(&mut tx, &session, &id).await?;
    tx.commit().await?;
    Ok(axum::Json(key))
}

/// The working keys by name and fingerprint, newest first: what the ticket wizard offers for
/// "API key used", to whoever files tickets (not only those who manage keys).
#[utoipa::path(get, path = paths::API_KEY_FINGERPRINTS, operation_id = "list_api_key_fingerprints", tag = "developers",
    responses((status = 200, description = "The working keys' names and fingerprints.", body = Vec<KeyFingerprint>)),
    security(("session" = ["tickets.create"])))]
pub async fn fingerprints(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Vec<KeyFingerprint>>> {
    session.require(Permission::TicketsCreate)?;
    let mut conn = state.db.acquire().await?;
    let keys = api_keys::list(&mut conn, &session.org_id, time::now()).await?;
    Ok(axum::Json(
        keys.into_iter()
            .filter(|k| k.status.works())
            .map(|k| KeyFingerprint {
                name: k.name,
                fingerprint: k.fingerprint,
                environment: k.environment,
            })
            .collect(),
    ))
}

/// The key this request presents (`Authorization: Bearer <key>`): its organisation,
/// environment and permissions. A way for the merchant's code to check its key; no permission
/// needed beyond a working key.
#[utoipa::path(get, path = paths::API_KEY_CURRENT, operation_id = "current_api_key", tag = "developers",
    responses(
        (status = 200, description = "The key presented.", body = KeyIdentity),
        (status = 401, description = "`unauthenticated`: no key, or one that does not work (unknown, revoked, expired).", body = guichet_domain::ApiErrorBody),
    ),
    security(("api_key" = [])))]
pub async fn current(caller: KeyCaller) -> axum::Json<KeyIdentity> {
    let KeyCaller(holder) = caller;
    axum::Json(KeyIdentity {
        key_id: holder.key_id,
        organisation: holder.org_id,
        environment: holder.environment,
        scopes: holder.scopes,
    })
}
