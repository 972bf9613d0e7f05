//! What is said and done on a ticket: messages, events, the closing feedback.

use chrono::{DateTime, Utc};
use guichet_domain::tickets::{Change, Feedback, Message, Person, TicketEvent};
use guichet_domain::{MessageId, OrgId, TicketId, UserId};

use super::Conn;
use crate::error::AppError;
use crate::time;

pub struct NewMessage<'a> {
    pub ticket_id: &'a TicketId,
    pub author_id: &'a UserId,
    pub from_desk: bool,
    pub internal: bool,
    pub body: &'a str,
    pub at: DateTime<Utc>,
}

/// Returns the message id.
pub async fn add_message(conn: &mut Conn, m: &NewMessage<'_>) -> Result<MessageId, AppError> {
    let id: MessageId = super::new_id();
    sqlx::query(
        "INSERT INTO ticket_messages (id, ticket_id, author_id, from_desk, internal, body, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(m.ticket_id)
    .bind(m.author_id)
    .bind(m.from_desk)
    .bind(m.internal)
    .bind(m.body)
    .bind(time::to_db(m.at))
    .execute(conn)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: MessageId,
    author_id: UserId,
    author_name: String,
    #[sqlx(try_from = "crate::db::Flag")]
    from_desk: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    internal: bool,
    body: String,
    at: String,
}

/// Oldest first, without attachments; internal notes only if asked for.
pub async fn messages(
    conn: &mut Conn,
    ticket_id: &TicketId,
    with_internal: bool,
) -> Result<Vec<Message>, AppError> {
    let rows: Vec<MessageRow> = sqlx::query_as(
        "SELECT m.id, m.author_id, u.name AS author_name, m.from_desk, m.internal, m.body, m.at \
         FROM ticket_messages m JOIN users u ON u.id = m.author_id \
         WHERE m.ticket_id = $1 AND ($2 OR m.internal = FALSE) ORDER BY m.at, m.id",
    )
    .bind(ticket_id)
    .bind(with_internal)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Message {
                id: r.id,
                author: Person {
                    id: r.author_id,
                    name: r.author_name,
                },
                from_desk: r.from_desk,
                internal: r.internal,
                body: r.body,
                attachments: Vec::new(),
                at: time::from_db(&r.at)?,
            })
        })
        .collect()
}

pub async fn add_event(
    conn: &mut Conn,
    ticket_id: &TicketId,
    actor_id: Option<&UserId>,
    change: &Change,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO ticket_events (id, ticket_id, actor_id, change, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(ticket_id)
    .bind(actor_id)
    .bind(serde_json::to_string(change).map_err(AppError::internal)?)
    .bind(time::to_db(at))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn events(conn: &mut Conn, ticket_id: &TicketId) -> Result<Vec<TicketEvent>, AppError> {
    let rows: Vec<(String, Option<UserId>, Option<String>, String)> = sqlx::query_as(
        "SELECT e.at, e.actor_id, u.name, e.change FROM ticket_events e \
         LEFT JOIN users u ON u.id = e.actor_id WHERE e.ticket_id = $1 ORDER BY e.at, e.rowid",
    )
    .bind(ticket_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(at, actor_id, actor_name, change)| {
            Ok(TicketEvent {
                at: time::from_db(&at)?,
                actor: actor_id
                    .zip(actor_name)
                    .map(|(id, name)| Person { id, name }),
                change: serde_json::from_str(&change).map_err(AppError::internal)?,
            })
        })
        .collect()
}

pub async fn set_feedback(
    conn: &mut Conn,
    ticket_id: &TicketId,
    feedback: &Feedback,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    // A follow-up reopens the ticket; rating it again replaces the earlier rating.
    sqlx::query(
        "INSERT INTO ticket_feedback (ticket_id, rating, comment, at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (ticket_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, at = excluded.at",
    )
    .bind(ticket_id)
    .bind(i64::from(feedback.rating))
    .bind(&feedback.comment)
    .bind(time::to_db(at))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn feedback(conn: &mut Conn, ticket_id: &TicketId) -> Result<Option<Feedback>, AppError> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT rating, comment FROM ticket_feedback WHERE ticket_id = $1")
            .bind(ticket_id)
            .fetch_optional(conn)
            .await?;
    row.map(|(rating, comment)| {
        Ok(Feedback {
            rating: u8::try_from(rating).map_err(AppError::internal)?,
            comment,
        })
    })
    .transpose()
}

/// Every rating given to a provider's tickets.
/// The ratings of the tickets filed with `provider_id` (since `filed_since`, if given).
pub async fn ratings(
    conn: &mut Conn,
    provider_id: &OrgId,
    filed_since: Option<DateTime<Utc>>,
) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT f.rating FROM ticket_feedback f JOIN tickets t ON t.id = f.ticket_id \
         WHERE t.provider_id = $1 AND ($2 IS NULL OR t.created_at >= $3)",
    )
    .bind(provider_id)
    .bind(filed_since.map(time::to_db))
    .bind(filed_since.map(time::to_db))
    .fetch_all(conn)
    .await?)
}
