//! Support tickets: filing, reading, the conversation, and the desk's actions.

use guichet_domain::api::Page;
use guichet_domain::tickets::{
    Assign, Attachment, ChangeStatus, DeskStats, Feedback, FieldRules, FollowUp, Merchant,
    NewMessage, NewTicket, OutboxMail, Period, Person, TicketDetail, TicketFilter, TicketSummary,
    Triage, UnreadCount,
};
use guichet_domain::{paths, AttachmentId, TicketId, UserId};

use super::{http, ApiError, IdempotencyKey};

/// What each category asks for, the provider's endpoints, the urgency targets.
///
/// HTTP GET /tickets/fields
pub async fn field_rules() -> Result<FieldRules, ApiError> {
    http::get(paths::TICKET_FIELDS).await
}

/// Files a ticket. `key` is born with the draft: a double submit or a retry files one ticket.
///
/// HTTP POST /tickets
pub async fn create(ticket: &NewTicket, key: &IdempotencyKey) -> Result<TicketDetail, ApiError> {
    http::post(paths::TICKETS, ticket, Some(key)).await
}

/// A page of the caller's tickets (a merchant's own, or the desk's queue), filtered and sorted:
/// the first without a `cursor`, then the one after the page whose `next_cursor` it is.
///
/// HTTP GET /tickets
pub async fn list(
    filter: &TicketFilter,
    cursor: Option<&str>,
) -> Result<Page<TicketSummary>, ApiError> {
    let mut params = Vec::new();
    let mut add = |name: &'static str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            params.push((name, v));
        }
    };
    add("status", filter.status.map(|s| s.as_str().to_owned()));
    add("urgency", filter.urgency.map(|u| u.as_str().to_owned()));
    add("category", filter.category.map(|c| c.as_str().to_owned()));
    add(
        "merchant_id",
        filter.merchant_id.as_ref().map(ToString::to_string),
    );
    add("assignee_id", filter.assignee_id.clone());
    add(
        "unanswered",
        (filter.unanswered == Some(true)).then(|| "true".to_owned()),
    );
    add("q", filter.q.clone());
    add("sort", filter.sort.map(|s| s.as_str().to_owned()));
    add("cursor", cursor.map(str::to_owned));
    http::get_query(paths::TICKETS, &params).await
}

/// How many of the caller's tickets have news for them.
///
/// HTTP GET /tickets/unread
pub async fn unread() -> Result<UnreadCount, ApiError> {
    http::get(paths::TICKETS_UNREAD).await
}

/// HTTP GET /tickets/{id}
pub async fn get(id: &TicketId) -> Result<TicketDetail, ApiError> {
    http::get(&paths::ticket(id)).await
}

/// HTTP POST /tickets/{id}/messages
pub async fn add_message(
    id: &TicketId,
    message: &NewMessage,
    key: &IdempotencyKey,
) -> Result<TicketDetail, ApiError> {
    http::post(&paths::ticket_action(id, "messages"), message, Some(key)).await
}

/// HTTP POST /tickets/{id}/triage
pub async fn triage(
    id: &TicketId,
    triage: &Triage,
    key: &IdempotencyKey,
) -> Result<TicketDetail, ApiError> {
    http::post(&paths::ticket_action(id, "triage"), triage, Some(key)).await
}

/// HTTP POST /tickets/{id}/assign
pub async fn assign(
    id: &TicketId,
    assignee_id: &UserId,
    key: &IdempotencyKey,
) -> Result<TicketDetail, ApiError> {
    let body = Assign {
        assignee_id: assignee_id.clone(),
    };
    http::post(&paths::ticket_action(id, "assign"), &body, Some(key)).await
}

/// HTTP POST /tickets/{id}/status
pub async fn set_status(
    id: &TicketId,
    change: &ChangeStatus,
    key: &IdempotencyKey,
) -> Result<TicketDetail, ApiError> {
    http::post(&paths::ticket_action(id, "status"), change, Some(key)).await
}

/// HTTP POST /tickets/{id}/feedback
pub async fn rate(
    id: &TicketId,
    feedback: &Feedback,
    key: &IdempotencyKey,
) -> Result<TicketDetail, ApiError> {
    http::post(&paths::ticket_action(id, "feedback"), feedback, Some(key)).await
}

/// HTTP POST /tickets/{id}/follow-up
pub async fn follow_up(
    id: &TicketId,
    follow_up: &FollowUp,
    key: &IdempotencyKey,
) -> Result<TicketDetail, ApiError> {
    http::post(&paths::ticket_action(id, "follow-up"), follow_up, Some(key)).await
}

/// Uploads one file (already redacted or re-encoded by the caller), to be claimed by a ticket or
/// a message through its id. `on_progress` receives the fraction sent.
///
/// HTTP POST /attachments?name=
pub async fn upload(
    name: &str,
    media_type: &str,
    content: &[u8],
    on_progress: impl Fn(f64) + 'static,
) -> Result<Attachment, ApiError> {
    http::post_bytes(
        paths::ATTACHMENTS,
        &[("name", name.to_owned())],
        media_type,
        content,
        on_progress,
    )
    .await
}

/// Where the browser downloads an attachment from.
pub fn attachment_url(id: &AttachmentId) -> String {
    format!("{}{}", http::api_base(), paths::attachment(id))
}

/// The desk's engineers.
///
/// HTTP GET /desk/agents
pub async fn agents() -> Result<Vec<Person>, ApiError> {
    http::get(paths::DESK_AGENTS).await
}

/// The merchants who filed tickets with the desk, by name.
///
/// HTTP GET /desk/merchants
pub async fn merchants() -> Result<Vec<Merchant>, ApiError> {
    http::get(paths::DESK_MERCHANTS).await
}

/// The desk's figures over the tickets filed in `period`.
///
/// HTTP GET /desk/stats?period=
pub async fn stats(period: Period) -> Result<DeskStats, ApiError> {
    http::get_query(paths::DESK_STATS, &[("period", period.as_str().to_owned())]).await
}

/// HTTP GET /desk/outbox
pub async fn outbox() -> Result<Vec<OutboxMail>, ApiError> {
    http::get(paths::DESK_OUTBOX).await
}
