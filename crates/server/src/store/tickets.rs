//! Tickets, their daily numbering and the pauses of their SLA clock.

use guichet_domain::{Language, OrgId, TicketId, UserId};
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use guichet_domain::tickets::{
    self, Category, Field, Merchant, Person, QueueKey, SlaInput, Status, TicketFilter, TicketSort,
    TicketSummary, Urgency,
};

use super::keyset;
use super::ticket_order::{self, Cursor};
use super::Conn;
use crate::error::AppError;
use crate::time;

/// Whose tickets a caller sees: a merchant its own, a provider's desk those filed with it.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    Merchant(&'a OrgId),
    Desk(&'a OrgId),
}

impl Scope<'_> {
    fn column(self) -> (&'static str, OrgId) {
        match self {
            Scope::Merchant(id) => ("merchant_id", id.to_owned()),
            Scope::Desk(id) => ("provider_id", id.to_owned()),
        }
    }
}

/// A ticket row with the names it refers to.
#[derive(sqlx::FromRow)]
pub struct TicketRow {
    pub id: TicketId,
    pub number: String,
    pub provider_id: OrgId,
    pub merchant_id: OrgId,
    pub merchant_name: String,
    pub requester_id: UserId,
    pub requester_name: String,
    pub requester_email: String,
    /// The language the requester's mail is written in.
    pub requester_language: String,
    pub assignee_id: Option<UserId>,
    pub assignee_name: Option<String>,
    pub category: String,
    pub urgency: String,
    pub status: String,
    pub subject: String,
    pub fields: String,
    pub created_at: String,
    pub updated_at: String,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    /// When the last public word was said (filing, or a message), and whether by the desk.
    pub last_public_at: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub last_public_from_desk: bool,
    /// The ticket's place in the desk's queue (see `requeue`).
    pub queue_rank: Option<i64>,
    pub queue_due_at: Option<String>,
    pub queue_left_ms: Option<i64>,
}

const SELECT: &str = "SELECT t.id, t.number, t.provider_id, t.merchant_id, m.name AS merchant_name, \
    t.requester_id, r.name AS requester_name, r.email AS requester_email, \
    r.language AS requester_language, \
    t.assignee_id, a.name AS assignee_name, t.category, t.urgency, t.status, t.subject, t.fields, \
    t.created_at, t.updated_at, t.first_response_at, t.resolved_at, t.closed_at, \
    COALESCE(t.last_public_at, t.created_at) AS last_public_at, t.last_public_from_desk, \
    t.queue_rank, t.queue_due_at, t.queue_left_ms \
    FROM tickets t JOIN organisations m ON m.id = t.merchant_id JOIN users r ON r.id = t.requester_id \
    LEFT JOIN users a ON a.id = t.assignee_id";

fn corrupt(what: &str, value: &str) -> AppError {
    AppError::internal(format_args!(
        "stored ticket has an unknown {what} {value:?}"
    ))
}

impl TicketRow {
    pub fn status(&self) -> Result<Status, AppError> {
        Status::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))
    }

    pub fn urgency(&self) -> Result<Urgency, AppError> {
        Urgency::parse(&self.urgency).ok_or_else(|| corrupt("urgency", &self.urgency))
    }

    pub fn requester_language(&self) -> Result<Language, AppError> {
        Language::from_tag(&self.requester_language)
            .ok_or_else(|| corrupt("requester language", &self.requester_language))
    }

    pub fn category(&self) -> Result<Category, AppError> {
        Category::parse(&self.category).ok_or_else(|| corrupt("category", &self.category))
    }

    pub fn fields(&self) -> Result<BTreeMap<Field, String>, AppError> {
        serde_json::from_str(&self.fields).map_err(AppError::internal)
    }

    pub fn resolved_or_closed_at(&self) -> Result<Option<DateTime<Utc>>, AppError> {
        self.closed_at
            .as_deref()
            .or(self.resolved_at.as_deref())
            .map(time::from_db)
            .transpose()
    }

    fn sla_input(&self, pauses: Vec<Pause>) -> Result<SlaInput, AppError> {
        let opt = |t: &Option<String>| t.as_deref().map(time::from_db).transpose();
        Ok(SlaInput {
            created_at: time::from_db(&self.created_at)?,
            urgency: self.urgency()?,
            first_response_at: opt(&self.first_response_at)?,
            resolved_at: opt(&self.resolved_at)?,
            pauses,
        })
    }

    /// Whether the ticket has news for its viewer: for the desk (`read_at` is then `None`),
    /// the merchant's last word awaits an answer; for a merchant's user, the desk answered
    /// since they last opened it (`read_at`, stored as `time::to_db` writes it).
    pub fn unread(&self, desk: bool, read_at: Option<&str>) -> Result<bool, AppError> {
        Ok(if desk {
            !self.last_public_from_desk && self.status()?.is_open()
        } else {
            self.last_public_from_desk && read_at.is_none_or(|r| r < self.last_public_at.as_str())
        })
    }

    /// The summary, with the SLA clock read at `now`, marked `unread` or not ([`Self::unread`]).
    pub fn summary(
        &self,
        pauses: Vec<Pause>,
        now: DateTime<Utc>,
        unread: bool,
    ) -> Result<TicketSummary, AppError> {
        Ok(TicketSummary {
            id: self.id.clone(),
            number: self.number.clone(),
            category: self.category()?,
            urgency: self.urgency()?,
            status: self.status()?,
            subject: self.subject.clone(),
            merchant: Merchant {
                id: self.merchant_id.clone(),
                name: self.merchant_name.clone(),
            },
            requester: Person {
                id: self.requester_id.clone(),
                name: self.requester_name.clone(),
            },
            assignee: self
                .assignee_id
                .clone()
                .zip(self.assignee_name.clone())
                .map(|(id, name)| Person { id, name }),
            created_at: time::from_db(&self.created_at)?,
            updated_at: time::from_db(&self.updated_at)?,
            sla: self.sla_input(pauses)?.at(now),
            unread,
        })
    }
}

pub type Pause = (DateTime<Utc>, Option<DateTime<Utc>>);

/// The next number of the provider's day, e.g. `EFB-SUPPORT-20260113-004`. Call it inside the
/// write transaction that inserts the ticket: the counter row is what serialises submissions.
pub async fn next_number(
    conn: &mut Conn,
    provider_id: &OrgId,
    prefix: &str,
    day: NaiveDate,
) -> Result<String, AppError> {
    let last: i64 = sqlx::query_scalar(
        "INSERT INTO ticket_counters (provider_id, day, last) VALUES ($1, $2, 1) \
         ON CONFLICT (provider_id, day) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last",
    )
    .bind(provider_id)
    .bind(day.to_string())
    .fetch_one(conn)
    .await?;
    let sequence = u32::try_from(last).map_err(AppError::internal)?;
    Ok(tickets::ticket_number(prefix, day, sequence))
}

pub struct NewTicketRow<'a> {
    pub id: &'a TicketId,
    pub number: &'a str,
    pub provider_id: &'a OrgId,
    pub merchant_id: &'a OrgId,
    pub requester_id: &'a UserId,
    pub category: Category,
    pub urgency: Urgency,
    pub subject: &'a str,
    pub fields: &'a BTreeMap<Field, String>,
    pub at: DateTime<Utc>,
}

pub async fn insert(conn: &mut Conn, t: &NewTicketRow<'_>) -> Result<(), AppError> {
    let at = time::to_db(t.at);
    sqlx::query(
        "INSERT INTO tickets (id, number, provider_id, merchant_id, requester_id, category, urgency, \
         status, subject, fields, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(t.id)
    .bind(t.number)
    .bind(t.provider_id)
    .bind(t.merchant_id)
    .bind(t.requester_id)
    .bind(t.category.as_str())
    .bind(t.urgency.as_str())
    .bind(Status::New.as_str())
    .bind(t.subject)
    .bind(serde_json::to_string(t.fields).map_err(AppError::internal)?)
    .bind(&at)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    requeue(conn, t.id, t.at).await
}

/// The ticket if `scope` may see it.
pub async fn find(
    conn: &mut Conn,
    scope: Scope<'_>,
    id: &TicketId,
) -> Result<Option<TicketRow>, AppError> {
    let (column, org) = scope.column();
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE t.id = $1 AND t.{column} = $2"))
            .bind(id)
            .bind(org)
            .fetch_optional(conn)
            .await?,
    )
}

/// A page of a list: at most `limit` tickets, after `after` (from the start without one).
#[derive(Debug, Clone)]
pub struct Paging {
    pub limit: i64,
    pub after: Option<Cursor>,
}

impl Paging {
    pub const ALL: Paging = Paging {
        limit: i64::MAX,
        after: None,
    };
}

/// The tickets `scope` sees that match `filter`, sorted (by `filter.sort`, else a merchant's
/// newest first and the desk's by their place in its queue, [`QueueKey`]) and paged here.
pub async fn list(
    conn: &mut Conn,
    scope: Scope<'_>,
    filter: &TicketFilter,
    page: Paging,
) -> Result<Vec<TicketRow>, AppError> {
    let (column, org) = scope.column();
    let mut sql = format!("{SELECT} WHERE t.{column} = ?");
    let mut binds = vec![org.to_string()];
    let mut add = |clause: &str, value: String| {
        sql.push_str(clause);
        binds.push(value);
    };
    if let Some(s) = filter.status {
        add(" AND t.status = ?", s.as_str().to_owned());
    }
    if let Some(u) = filter.urgency {
        add(" AND t.urgency = ?", u.as_str().to_owned());
    }
    if let Some(c) = filter.category {
        add(" AND t.category = ?", c.as_str().to_owned());
    }
    if let Some(m) = &filter.merchant_id {
        add(" AND t.merchant_id = ?", m.to_string());
    }
    match filter.assignee_id.as_deref() {
        Some("none") => sql.push_str(" AND t.assignee_id IS NULL"),
        Some(a) => add(" AND t.assignee_id = ?", a.to_owned()),
        None => {}
    }
    if filter.unanswered == Some(true) {
        sql.push_str(" AND t.first_response_at IS NULL AND t.status NOT IN ('resolved', 'closed')");
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        // LOWER on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
        let like = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
        sql.push_str(
            " AND (LOWER(t.number) LIKE ? OR LOWER(t.subject) LIKE ? OR LOWER(t.fields) LIKE ?)",
        );
        binds.extend([like.clone(), like.clone(), like]);
    }
    let sort = filter
        .sort
        .unwrap_or(TicketSort::default_for(matches!(scope, Scope::Desk(_))));
    let mut keys = Vec::new();
    if let Some(after) = &page.after {
        let (condition, values) = after.condition();
        sql.push_str(&condition);
        keys = values;
    }
    sql.push_str(&ticket_order::order_by(sort));
    sql.push_str(" LIMIT ?");
    let sql = crate::db::numbered(&sql);
    let mut query = sqlx::query_as(&sql);
    for b in binds {
        query = query.bind(b);
    }
    Ok(keyset::bind(query, keys)
        .bind(page.limit)
        .fetch_all(conn)
        .await?)
}

/// Writes the ticket's place in the desk's queue. Whatever moves its SLA clock (filing, status,
/// urgency, the first answer) calls this at the time `at` of the change, in its transaction.
async fn requeue(conn: &mut Conn, id: &TicketId, at: DateTime<Utc>) -> Result<(), AppError> {
    let row: TicketRow = sqlx::query_as(&format!("{SELECT} WHERE t.id = $1"))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let pauses = pauses_of(conn, id).await?;
    let (rank, due_at, left_ms) = match row.sla_input(pauses)?.queue_key(row.status()?, at) {
        QueueKey::Running { due } => (0, Some(time::to_db(due)), None),
        QueueKey::Paused { left } => (1, None, Some(left.num_milliseconds())),
        QueueKey::Done { due } => (2, Some(time::to_db(due)), None),
    };
    sqlx::query(
        "UPDATE tickets SET queue_rank = $1, queue_due_at = $2, queue_left_ms = $3 WHERE id = $4",
    )
    .bind(rank)
    .bind(due_at)
    .bind(left_ms)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Places in the desk's queue the tickets filed before it was kept in the database; returns how
/// many. For start-up.
pub async fn requeue_unkeyed(conn: &mut Conn) -> Result<usize, AppError> {
    let ids: Vec<TicketId> = sqlx::query_scalar("SELECT id FROM tickets WHERE queue_rank IS NULL")
        .fetch_all(&mut *conn)
        .await?;
    let now = time::now();
    for id in &ids {
        requeue(conn, id, now).await?;
    }
    Ok(ids.len())
}

/// The merchant organisations that filed at least one ticket with `provider_id`, by name.
pub async fn merchants(conn: &mut Conn, provider_id: &OrgId) -> Result<Vec<Merchant>, AppError> {
    let rows: Vec<(OrgId, String)> = sqlx::query_as(
        "SELECT DISTINCT m.id, m.name FROM tickets t JOIN organisations m ON m.id = t.merchant_id \
         WHERE t.provider_id = $1 ORDER BY m.name, m.id",
    )
    .bind(provider_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Merchant { id, name })
        .collect())
}

/// The pauses of the given tickets, by ticket id.
pub async fn pauses(
    conn: &mut Conn,
    scope: Scope<'_>,
) -> Result<HashMap<TicketId, Vec<Pause>>, AppError> {
    let (column, org) = scope.column();
    let rows: Vec<(TicketId, String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT p.ticket_id, p.started_at, p.ended_at FROM ticket_pauses p \
         JOIN tickets t ON t.id = p.ticket_id WHERE t.{column} = $1 ORDER BY p.started_at"
    ))
    .bind(org)
    .fetch_all(conn)
    .await?;
    let mut out: HashMap<TicketId, Vec<Pause>> = HashMap::new();
    for (ticket, start, end) in rows {
        let end = end.as_deref().map(time::from_db).transpose()?;
        out.entry(ticket)
            .or_default()
            .push((time::from_db(&start)?, end));
    }
    Ok(out)
}

pub async fn pauses_of(conn: &mut Conn, ticket_id: &TicketId) -> Result<Vec<Pause>, AppError> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT started_at, ended_at FROM ticket_pauses WHERE ticket_id = $1 ORDER BY started_at",
    )
    .bind(ticket_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(s, e)| {
            Ok((
                time::from_db(&s)?,
                e.as_deref().map(time::from_db).transpose()?,
            ))
        })
        .collect()
}

/// Moves a ticket to `to`, keeping the clock's pauses and the resolution times in step.
pub async fn set_status(
    conn: &mut Conn,
    id: &TicketId,
    from: Status,
    to: Status,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let stamp = time::to_db(at);
    if from.pauses_clock() {
        sqlx::query(
            "UPDATE ticket_pauses SET ended_at = $1 WHERE ticket_id = $2 AND ended_at IS NULL",
        )
        .bind(&stamp)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    if to.pauses_clock() {
        sqlx::query("INSERT INTO ticket_pauses (ticket_id, started_at) VALUES ($1, $2)")
            .bind(id)
            .bind(&stamp)
            .execute(&mut *conn)
            .await?;
    }
    // Resolution and closure times follow the status; a follow-up clears both.
    sqlx::query(
        "UPDATE tickets SET status = $1, updated_at = $2, \
         resolved_at = CASE WHEN $3 = 'resolved' THEN $4 WHEN $5 = 'closed' THEN resolved_at ELSE NULL END, \
         closed_at = CASE WHEN $6 = 'closed' THEN $7 ELSE NULL END \
         WHERE id = $8",
    )
    .bind(to.as_str())
    .bind(&stamp)
    .bind(to.as_str())
    .bind(&stamp)
    .bind(to.as_str())
    .bind(to.as_str())
    .bind(&stamp)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    requeue(conn, id, at).await
}

pub async fn set_urgency(
    conn: &mut Conn,
    id: &TicketId,
    urgency: Urgency,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE tickets SET urgency = $1, updated_at = $2 WHERE id = $3")
        .bind(urgency.as_str())
        .bind(time::to_db(at))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    requeue(conn, id, at).await
}

pub async fn set_assignee(
    conn: &mut Conn,
    id: &TicketId,
    assignee_id: &UserId,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE tickets SET assignee_id = $1, updated_at = $2 WHERE id = $3")
        .bind(assignee_id)
        .bind(time::to_db(at))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// What a new message was, for the ticket's clocks and unread markers.
#[derive(Debug, Clone, Copy)]
pub enum Said {
    /// A note only the desk sees.
    Internally,
    /// A word the merchant sees: the desk's first stops the response clock.
    Publicly { by_desk: bool },
}

/// The ticket as `user` opens it now: the desk's answers so far are read.
pub async fn mark_read(
    conn: &mut Conn,
    id: &TicketId,
    user: &UserId,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO ticket_reads (ticket_id, user_id, read_at) VALUES ($1, $2, $3) \
         ON CONFLICT (ticket_id, user_id) DO UPDATE SET read_at = excluded.read_at",
    )
    .bind(id)
    .bind(user)
    .bind(time::to_db(at))
    .execute(conn)
    .await?;
    Ok(())
}

/// How many tickets have news for the viewer `user` ([`TicketRow::unread`]), in SQL.
pub async fn unread_count(
    conn: &mut Conn,
    scope: Scope<'_>,
    user: &UserId,
) -> Result<u32, AppError> {
    let count: i64 =
        match scope {
            Scope::Desk(org) => sqlx::query_scalar(
                "SELECT COUNT(*) FROM tickets WHERE provider_id = $1 AND last_public_from_desk = FALSE \
             AND status NOT IN ('resolved', 'closed')",
            )
            .bind(org)
            .fetch_one(conn)
            .await?,
            Scope::Merchant(org) => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM tickets t \
             LEFT JOIN ticket_reads r ON r.ticket_id = t.id AND r.user_id = $1 \
             WHERE t.merchant_id = $2 AND t.last_public_from_desk = TRUE \
             AND (r.read_at IS NULL OR r.read_at < t.last_public_at)",
                )
                .bind(user)
                .bind(org)
                .fetch_one(conn)
                .await?
            }
        };
    u32::try_from(count).map_err(AppError::internal)
}

/// When `user` last opened each ticket they opened.
pub async fn reads(conn: &mut Conn, user: &UserId) -> Result<HashMap<TicketId, String>, AppError> {
    let rows: Vec<(TicketId, String)> =
        sqlx::query_as("SELECT ticket_id, read_at FROM ticket_reads WHERE user_id = $1")
            .bind(user)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().collect())
}

/// Records a message: the ticket's activity, who spoke last in public (the unread markers), and
/// the desk's first public answer stops the response clock.
pub async fn touch(
    conn: &mut Conn,
    id: &TicketId,
    at: DateTime<Utc>,
    said: Said,
) -> Result<(), AppError> {
    let stamp = time::to_db(at);
    let (public, desk) = match said {
        Said::Internally => (false, true),
        Said::Publicly { by_desk } => (true, by_desk),
    };
    sqlx::query(
        "UPDATE tickets SET updated_at = $1, \
         first_response_at = CASE WHEN $2 AND $3 AND first_response_at IS NULL THEN $4 ELSE first_response_at END, \
         last_public_at = CASE WHEN $5 THEN $6 ELSE last_public_at END, \
         last_public_from_desk = CASE WHEN $7 THEN $8 ELSE last_public_from_desk END \
         WHERE id = $9",
    )
    .bind(&stamp)
    .bind(public)
    .bind(desk)
    .bind(&stamp)
    .bind(public)
    .bind(&stamp)
    .bind(public)
    .bind(desk)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    requeue(conn, id, at).await
}
