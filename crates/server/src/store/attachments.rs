//! Files uploaded for tickets: stored in the database, claimed by the ticket or message that
//! carries them.

use guichet_domain::tickets::Attachment;
use guichet_domain::{AttachmentId, MessageId, OrgId, TicketId, UserId};

use super::Conn;
use crate::error::AppError;
use crate::time;

pub struct NewAttachment<'a> {
    pub org_id: &'a OrgId,
    pub uploader_id: &'a UserId,
    pub name: &'a str,
    pub media_type: &'a str,
    pub content: &'a [u8],
    pub server_findings: u32,
}

pub async fn insert(conn: &mut Conn, a: &NewAttachment<'_>) -> Result<Attachment, AppError> {
    let id: AttachmentId = super::new_id();
    let size = a.content.len() as u64;
    sqlx::query(
        "INSERT INTO attachments (id, org_id, uploader_id, name, media_type, size, server_findings, content, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(a.org_id)
    .bind(a.uploader_id)
    .bind(a.name)
    .bind(a.media_type)
    .bind(i64::try_from(size).map_err(AppError::internal)?)
    .bind(i64::from(a.server_findings))
    .bind(a.content)
    .bind(time::to_db(time::now()))
    .execute(conn)
    .await?;
    Ok(Attachment {
        id,
        name: a.name.to_owned(),
        media_type: a.media_type.to_owned(),
        size,
        server_findings: a.server_findings,
    })
}

/// Attaches the uploader's unclaimed uploads to a ticket (and a message); returns how many it
/// claimed, so the caller can refuse ids that are not the uploader's or already used.
pub async fn claim(
    conn: &mut Conn,
    ids: &[AttachmentId],
    uploader_id: &UserId,
    ticket_id: &TicketId,
    message_id: Option<&MessageId>,
) -> Result<usize, AppError> {
    let mut claimed = 0;
    for id in ids {
        let done = sqlx::query(
            "UPDATE attachments SET ticket_id = $1, message_id = $2 \
             WHERE id = $3 AND uploader_id = $4 AND ticket_id IS NULL",
        )
        .bind(ticket_id)
        .bind(message_id)
        .bind(id)
        .bind(uploader_id)
        .execute(&mut *conn)
        .await?;
        claimed += usize::try_from(done.rows_affected()).map_err(AppError::internal)?;
    }
    Ok(claimed)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: AttachmentId,
    message_id: Option<MessageId>,
    name: String,
    media_type: String,
    size: i64,
    server_findings: i64,
}

/// A ticket's attachments: (message id, attachment), `None` for those filed with the ticket.
pub async fn of_ticket(
    conn: &mut Conn,
    ticket_id: &TicketId,
) -> Result<Vec<(Option<MessageId>, Attachment)>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, message_id, name, media_type, size, server_findings FROM attachments \
         WHERE ticket_id = $1 ORDER BY created_at, id",
    )
    .bind(ticket_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok((
                r.message_id,
                Attachment {
                    id: r.id,
                    name: r.name,
                    media_type: r.media_type,
                    size: u64::try_from(r.size).map_err(AppError::internal)?,
                    server_findings: u32::try_from(r.server_findings)
                        .map_err(AppError::internal)?,
                },
            ))
        })
        .collect()
}

#[derive(sqlx::FromRow)]
pub struct Stored {
    pub name: String,
    pub media_type: String,
    pub content: Vec<u8>,
    pub uploader_id: UserId,
    pub ticket_id: Option<TicketId>,
}

pub async fn get(conn: &mut Conn, id: &AttachmentId) -> Result<Option<Stored>, AppError> {
    Ok(sqlx::query_as(
        "SELECT name, media_type, content, uploader_id, ticket_id FROM attachments WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Whether the file belongs to an internal note, which only the desk may read.
pub async fn is_internal(conn: &mut Conn, id: &AttachmentId) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM attachments a JOIN ticket_messages m ON m.id = a.message_id \
         WHERE a.id = $1 AND m.internal = TRUE)",
    )
    .bind(id)
    .fetch_one(conn)
    .await?)
}
