//! Mail waiting for the relay, kept once sent: notifications to requesters, which the desk can
//! read, and mail about an account (a log-in code), which belongs to no ticket and no desk.

use guichet_domain::tickets::{MailKind, OutboxMail};
use guichet_domain::{MailId, OrgId, TicketId};

use super::Conn;
use crate::error::AppError;
use crate::time;

pub struct NewMail<'a> {
    /// Whose mail it is: the desk's (about a ticket), or the account's organisation.
    pub org_id: &'a OrgId,
    pub ticket_id: Option<&'a TicketId>,
    /// What a notification about a ticket says.
    pub kind: Option<MailKind>,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// Queues a mail, and the job that sends it (`jobs::MAIL`), in the caller's transaction.
pub async fn push(conn: &mut Conn, m: &NewMail<'_>) -> Result<(), AppError> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = time::now();
    sqlx::query(
        "INSERT INTO outbox (id, ticket_id, kind, to_email, subject, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(m.ticket_id)
    .bind(m.kind.map(MailKind::as_str))
    .bind(m.to)
    .bind(m.subject)
    .bind(m.body)
    .bind(time::to_db(now))
    .execute(&mut *conn)
    .await?;
    let payload = serde_json::json!({ "mail_id": id });
    super::jobs::enqueue(conn, super::jobs::MAIL, Some(m.org_id), &payload, now).await
}

#[derive(sqlx::FromRow)]
struct Row {
    id: MailId,
    kind: Option<String>,
    ticket_id: TicketId,
    number: String,
    to_email: String,
    subject: String,
    body: String,
    created_at: String,
    sent_at: Option<String>,
}

/// The newest first, for the tickets filed with `provider_id`.
pub async fn list(
    conn: &mut Conn,
    provider_id: &OrgId,
    limit: i64,
) -> Result<Vec<OutboxMail>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT o.id, o.kind, o.ticket_id, t.number, o.to_email, o.subject, o.body, o.created_at, o.sent_at \
         FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.provider_id = $1 \
         ORDER BY o.created_at DESC, o.rowid DESC LIMIT $2",
    )
    .bind(provider_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(OutboxMail {
                id: r.id,
                kind: r.kind.as_deref().and_then(MailKind::parse),
                ticket_id: r.ticket_id,
                ticket_number: r.number,
                to: r.to_email,
                subject: r.subject,
                body: r.body,
                created_at: time::from_db(&r.created_at)?,
                sent_at: r.sent_at.as_deref().map(time::from_db).transpose()?,
            })
        })
        .collect()
}

/// A mail as the relay is given it.
#[derive(sqlx::FromRow)]
pub struct Pending {
    pub id: MailId,
    #[sqlx(rename = "to_email")]
    pub to: String,
    pub subject: String,
    pub body: String,
    pub sent_at: Option<String>,
}

pub async fn find(conn: &mut Conn, id: &MailId) -> Result<Option<Pending>, AppError> {
    Ok(
        sqlx::query_as("SELECT id, to_email, subject, body, sent_at FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn mark_sent(conn: &mut Conn, id: &MailId) -> Result<(), AppError> {
    sqlx::query("UPDATE outbox SET sent_at = $1 WHERE id = $2")
        .bind(time::to_db(time::now()))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
