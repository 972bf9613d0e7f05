use guichet_domain::api::{AuditEntry, Page};
use guichet_domain::{AuditEntryId, OrgId, UserId};

use super::Conn;
use crate::error::AppError;
use crate::{request_id, time};

/// Who did it: a user, or nobody (the system, or a failed anonymous attempt).
#[derive(Debug, Clone, Copy, Default)]
pub struct Actor<'a> {
    pub id: Option<&'a UserId>,
    pub email: Option<&'a str>,
}

pub struct NewEntry<'a> {
    pub org_id: &'a OrgId,
    pub actor: Actor<'a>,
    pub action: &'a str,
    pub target: Option<&'a str>,
    pub details: serde_json::Value,
}

/// Writes one entry under the current request id, so support can go from a complaint to the log.
pub async fn record(conn: &mut Conn, e: NewEntry<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_log (id, org_id, actor_id, actor_email, action, target, details, request_id, at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(e.org_id)
    .bind(e.actor.id)
    .bind(e.actor.email)
    .bind(e.action)
    .bind(e.target)
    .bind(e.details.to_string())
    .bind(request_id::current())
    .bind(time::to_db(time::now()))
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: AuditEntryId,
    at: String,
    actor_id: Option<UserId>,
    actor_email: Option<String>,
    action: String,
    target: Option<String>,
    details: String,
    request_id: String,
}

impl TryFrom<EntryRow> for AuditEntry {
    type Error = AppError;

    fn try_from(r: EntryRow) -> Result<Self, AppError> {
        Ok(AuditEntry {
            at: time::from_db(&r.at)?,
            details: serde_json::from_str(&r.details).unwrap_or(serde_json::Value::Null),
            id: r.id,
            actor_id: r.actor_id,
            actor_email: r.actor_email,
            action: r.action,
            target: r.target,
            request_id: r.request_id,
        })
    }
}

/// Newest first. The cursor is the id of the last entry already seen; entries are ordered by
/// (time, id) so that entries written in the same microsecond still page without gaps.
pub async fn page(
    conn: &mut Conn,
    org_id: &OrgId,
    before: Option<&str>,
    limit: u32,
) -> Result<Page<AuditEntry>, AppError> {
    let cursor_at: Option<String> = match before {
        Some(id) => Some(
            sqlx::query_scalar("SELECT at FROM audit_log WHERE org_id = ? AND id = ?")
                .bind(org_id)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(|| AppError::bad_request("Unknown cursor in `before`."))?,
        ),
        None => None,
    };
    let columns = "id, at, actor_id, actor_email, action, target, details, request_id";
    let fetch = i64::from(limit) + 1;
    let rows: Vec<EntryRow> = match (&cursor_at, before) {
        (Some(at), Some(id)) => {
            sqlx::query_as(&format!(
            "SELECT {columns} FROM audit_log WHERE org_id = ? AND (at < ? OR (at = ? AND id < ?)) \
                 ORDER BY at DESC, id DESC LIMIT ?"
        ))
            .bind(org_id)
            .bind(at)
            .bind(at)
            .bind(id)
            .bind(fetch)
            .fetch_all(conn)
            .await?
        }
        _ => {
            sqlx::query_as(&format!(
                "SELECT {columns} FROM audit_log WHERE org_id = ? ORDER BY at DESC, id DESC LIMIT ?"
            ))
            .bind(org_id)
            .bind(fetch)
            .fetch_all(conn)
            .await?
        }
    };
    let more = rows.len() > limit as usize;
    let items: Vec<AuditEntry> = rows
        .into_iter()
        .take(limit as usize)
        .map(AuditEntry::try_from)
        .collect::<Result<_, _>>()?;
    let next_cursor = if more {
        items.last().map(|e| e.id.to_string())
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}
