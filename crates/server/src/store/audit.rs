use chrono::{DateTime, Utc};
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
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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
    actor_name: Option<String>,
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
            actor_name: r.actor_name,
            action: r.action,
            target: r.target,
            request_id: r.request_id,
        })
    }
}

/// Which entries to read: every one by default.
#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    /// One action code.
    pub action: Option<&'a str>,
    /// Part of the actor's name or e-mail address, in any case.
    pub who: Option<&'a str>,
    /// From this instant on (inclusive).
    pub since: Option<DateTime<Utc>>,
    /// Before this instant (exclusive).
    pub until: Option<DateTime<Utc>>,
}

/// Newest first. The cursor is the id of the last entry already seen; entries are ordered by
/// (time, id) so that entries written in the same microsecond still page without gaps.
pub async fn page(
    conn: &mut Conn,
    org_id: &OrgId,
    filter: &Filter<'_>,
    before: Option<&str>,
    limit: u32,
) -> Result<Page<AuditEntry>, AppError> {
    let mut sql = String::from(
        "SELECT e.id, e.at, e.actor_id, e.actor_email, u.name AS actor_name, e.action, e.target, \
         e.details, e.request_id FROM audit_log e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE e.org_id = ?",
    );
    let mut binds = vec![org_id.to_string()];
    if let Some(id) = before {
        let at: String =
            sqlx::query_scalar("SELECT at FROM audit_log WHERE org_id = $1 AND id = $2")
                .bind(org_id)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(|| AppError::bad_request("Unknown cursor in `before`."))?;
        sql.push_str(" AND (e.at < ? OR (e.at = ? AND e.id < ?))");
        binds.extend([at.clone(), at, id.to_owned()]);
    }
    if let Some(action) = filter.action {
        sql.push_str(" AND e.action = ?");
        binds.push(action.to_owned());
    }
    if let Some(who) = filter.who.map(str::trim).filter(|w| !w.is_empty()) {
        let like = format!("%{}%", who.to_lowercase().replace(['%', '_'], ""));
        sql.push_str(" AND (LOWER(e.actor_email) LIKE ? OR LOWER(u.name) LIKE ?)");
        binds.extend([like.clone(), like]);
    }
    if let Some(since) = filter.since {
        sql.push_str(" AND e.at >= ?");
        binds.push(time::to_db(since));
    }
    if let Some(until) = filter.until {
        sql.push_str(" AND e.at < ?");
        binds.push(time::to_db(until));
    }
    sql.push_str(" ORDER BY e.at DESC, e.id DESC LIMIT ?");
    let sql = crate::db::numbered(&sql);
    let mut query = sqlx::query_as::<_, EntryRow>(&sql);
    for b in binds {
        query = query.bind(b);
    }
    let rows = query.bind(i64::from(limit) + 1).fetch_all(conn).await?;
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
