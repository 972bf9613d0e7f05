//! What happens to a ticket after it is filed: the conversation, triage, assignment, status
//! changes by the desk, and the merchant's rating or follow-up. Each action is one transaction
//! that also writes the ticket's history, the audit log and, where the requester should hear of
//! it, a notification in the outbox.

use axum::extract::State;
use chrono::{DateTime, Utc};
use guichet_domain::tickets::{
    self, Assign, Change, ChangeStatus, Feedback, FollowUp, NewMessage, Person, Status,
    TicketDetail, Triage,
};
use guichet_domain::TicketId;
use guichet_domain::{entries, paths};
use guichet_domain::{OrgKind, Permission};
use serde_json::json;
use sqlx::{Any, Transaction};

use super::tickets::{check_attachment_count, claim_attachments, detail, visible};
use crate::auth::Session;
use crate::db;
use crate::error::{ApiResult, AppError};
use crate::extract::{ApiPath, Json};
use crate::mail_texts::{self, TicketNews};
use crate::scrub::scrub;
use crate::state::AppState;
use crate::store::tickets::{self as store, Said, TicketRow};
use crate::store::{audit, conversation, outbox, users, Conn};
use crate::time;
use guichet_domain::messages;

type Reply = ApiResult<axum::Json<TicketDetail>>;

/// Free text of an action: required, bounded, and redacted again here. Returns the text and
/// what the server still had to redact.
fn text(field: &str, value: &str, required: bool) -> ApiResult<(String, u32)> {
    let v = tickets::message_text(field, value, required).map_err(AppError::validation)?;
    let s = scrub(v);
    Ok((s.text, s.findings))
}

fn is_desk(session: &Session) -> bool {
    session.org_kind == OrgKind::Provider
}

/// Ends an action: records it in the actor's own organisation's audit log, reads the ticket
/// back as the actor sees it, and commits.
async fn finish(
    mut tx: Transaction<'static, Any>,
    state: &AppState,
    session: &Session,
    row: &TicketRow,
    action: &str,
    details: serde_json::Value,
    now: DateTime<Utc>,
) -> Reply {
    audit::record(
        &mut tx,
        audit::NewEntry {
            org_id: &session.org_id,
            actor: session.actor(),
            action,
            target: Some(&row.number),
            details,
        },
    )
    .await?;
    let out = detail(&mut tx, session, &row.id, now, state.settings.follow_up).await?;
    tx.commit().await?;
    Ok(axum::Json(out))
}

/// Tells the requester, in their language, with a link to the ticket's page.
async fn notify(
    conn: &mut Conn,
    state: &AppState,
    row: &TicketRow,
    news: TicketNews<'_>,
) -> ApiResult<()> {
    let link = format!(
        "{}{}",
        state.settings.public_url,
        entries::ticket_path(&row.id, false)
    );
    let mail = mail_texts::ticket_news(
        row.requester_language()?,
        news,
        &row.number,
        &row.subject,
        &link,
    );
    outbox::push(
        conn,
        &outbox::NewMail {
            org_id: &row.provider_id,
            ticket_id: Some(&row.id),
            kind: Some(news.kind()),
            to: &row.requester_email,
            subject: &mail.subject,
            body: &mail.body,
        },
    )
    .await
}

async fn change_status(
    conn: &mut Conn,
    session: &Session,
    row: &TicketRow,
    to: Status,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let from = row.status()?;
    if !from.can_become(to) {
        return Err(AppError::conflict(
            messages::TICKET_LIFECYCLE,
            format!(
                "A ticket that is {} cannot become {}.",
                from.as_str(),
                to.as_str()
            ),
        ));
    }
    store::set_status(conn, &row.id, from, to, now).await?;
    conversation::add_event(
        conn,
        &row.id,
        Some(&session.user.id),
        &Change::Status { from, to },
        now,
    )
    .await
}

/// Adds a message. The merchant needs `tickets.create`, the desk `desk.work`; only the desk may
/// write internal notes, which the merchant never sees. A merchant's answer puts a ticket that
/// was waiting on them back in progress; the desk's first public answer stops the response clock
/// and the requester is notified of every public answer.
#[utoipa::path(post, path = paths::ticket_action(&TicketId::from("{id}"), "messages"), operation_id = "add_ticket_message", tag = "tickets",
    params(("id" = String, Path, description = "Ticket id")),
    request_body = NewMessage,
    responses(
        (status = 200, description = "The ticket, with the message.", body = TicketDetail),
        (status = 409, description = "`conflict`: the ticket is closed; ask for a follow-up.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["tickets.create"]), ("session" = ["desk.work"])))]
pub async fn add_message(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<TicketId>,
    Json(req): Json<NewMessage>,
) -> Reply {
    let desk = is_desk(&session);
    session.require(tickets::reply_permission(desk))?;
    if req.internal && !desk {
        return Err(AppError::forbidden());
    }
    check_attachment_count(&req.attachment_ids)?;
    let (body, findings) = text("body", &req.body, true)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let row = visible(&mut tx, &session, &id).await?;
    let status = row.status()?;
    if !tickets::open_to_replies(desk, status) {
        return Err(AppError::conflict(
            messages::TICKET_CLOSED,
            "This ticket is closed: ask for a follow-up to reopen it.",
        ));
    }
    let message_id = conversation::add_message(
        &mut tx,
        &conversation::NewMessage {
            ticket_id: &id,
            author_id: &session.user.id,
            from_desk: desk,
            internal: req.internal,
            body: &body,
            at: now,
        },
    )
    .await?;
    claim_attachments(
        &mut tx,
        &req.attachment_ids,
        &session,
        &id,
        Some(&message_id),
    )
    .await?;
    let said = if req.internal {
        Said::Internally
    } else {
        Said::Publicly { by_desk: desk }
    };
    store::touch(&mut tx, &id, now, said).await?;
    if !desk && status == Status::WaitingOnMerchant {
        change_status(&mut tx, &session, &row, Status::InProgress, now).await?;
    }
    if desk && !req.internal {
        let news = TicketNews::Answered {
            by: &session.user.name,
            answer: &body,
        };
        notify(&mut tx, &state, &row, news).await?;
    }
    let action = match (desk, req.internal) {
        (true, true) => "ticket.note_added",
        (true, false) => "ticket.replied",
        _ => "ticket.message_added",
    };
    finish(
        tx,
        &state,
        &session,
        &row,
        action,
        json!({ "ticket_id": id, "server_findings": findings }),
        now,
    )
    .await
}

/// Sets or changes the urgency, with a reason; a new ticket becomes triaged. Permission:
/// `desk.work`.
#[utoipa::path(post, path = paths::ticket_action(&TicketId::from("{id}"), "triage"), operation_id = "triage_ticket", tag = "desk",
    params(("id" = String, Path, description = "Ticket id")),
    request_body = Triage,
    responses((status = 200, description = "The triaged ticket.", body = TicketDetail)),
    security(("session" = ["desk.work"])))]
pub async fn triage(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<TicketId>,
    Json(req): Json<Triage>,
) -> Reply {
    session.require(Permission::DeskWork)?;
    let (reason, findings) = text("reason", &req.reason, true)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let row = visible(&mut tx, &session, &id).await?;
    let from = row.urgency()?;
    if from != req.urgency {
        store::set_urgency(&mut tx, &id, req.urgency, now).await?;
    }
    conversation::add_event(
        &mut tx,
        &id,
        Some(&session.user.id),
        &Change::Urgency {
            from,
            to: req.urgency,
            reason: reason.clone(),
            shared: req.shared,
        },
        now,
    )
    .await?;
    if row.status()? == Status::New {
        change_status(&mut tx, &session, &row, Status::Triaged, now).await?;
    }
    finish(
        tx,
        &state,
        &session,
        &row,
        "ticket.triaged",
        json!({
            "ticket_id": id,
            "from": from,
            "to": req.urgency,
            "reason": reason,
            "shared": req.shared,
            "server_findings": findings,
        }),
        now,
    )
    .await
}

/// Assigns the ticket to an engineer of the desk. Taking it yourself needs `desk.work`;
/// assigning someone else, `desk.assign` (the lead). The requester is notified.
///
/// Field errors: `assignee_id`: `error.assignee_invalid` (not an active engineer of the desk).
#[utoipa::path(post, path = paths::ticket_action(&TicketId::from("{id}"), "assign"), operation_id = "assign_ticket", tag = "desk",
    params(("id" = String, Path, description = "Ticket id")),
    request_body = Assign,
    responses(
        (status = 200, description = "The assigned ticket.", body = TicketDetail),
        (status = 409, description = "`conflict`: the ticket is resolved or closed.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["desk.work"]), ("session" = ["desk.assign"])))]
pub async fn assign(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<TicketId>,
    Json(req): Json<Assign>,
) -> Reply {
    session.require(if req.assignee_id == session.user.id {
        Permission::DeskWork
    } else {
        Permission::DeskAssign
    })?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let row = visible(&mut tx, &session, &id).await?;
    let assignee = users::find(&mut tx, &req.assignee_id)
        .await?
        .filter(|a| {
            a.org_id == session.org_id
                && a.user.active
                && a.user
                    .roles
                    .iter()
                    .any(|r| r.permissions().contains(&Permission::DeskWork))
        })
        .ok_or_else(|| AppError::field("assignee_id", messages::ASSIGNEE_INVALID))?
        .user;
    let status = row.status()?;
    if !status.is_open() {
        return Err(AppError::conflict(
            messages::TICKET_DONE,
            "A resolved or closed ticket cannot be assigned.",
        ));
    }
    store::set_assignee(&mut tx, &id, &assignee.id, now).await?;
    let person = Person {
        id: assignee.id.clone(),
        name: assignee.name.clone(),
    };
    conversation::add_event(
        &mut tx,
        &id,
        Some(&session.user.id),
        &Change::Assigned { assignee: person },
        now,
    )
    .await?;
    if matches!(status, Status::New | Status::Triaged) {
        change_status(&mut tx, &session, &row, Status::Assigned, now).await?;
    }
    let news = TicketNews::Assigned { to: &assignee.name };
    notify(&mut tx, &state, &row, news).await?;
    finish(
        tx,
        &state,
        &session,
        &row,
        "ticket.assigned",
        json!({ "ticket_id": id, "assignee_id": assignee.id, "assignee": assignee.email }),
        now,
    )
    .await
}

/// Moves the ticket along: in progress, waiting on the merchant (the SLA clock pauses),
/// resolved (the requester is notified, with the resolution summary if one is given: it also
/// joins the conversation as a public answer), or closed once resolved. Permission:
/// `desk.work`.
///
/// Field errors: `status`: `error.invalid`; `summary`: `error.too_long`, `error.invalid` (a
/// summary with another status than `resolved`).
#[utoipa::path(post, path = paths::ticket_action(&TicketId::from("{id}"), "status"), operation_id = "set_ticket_status", tag = "desk",
    params(("id" = String, Path, description = "Ticket id")),
    request_body = ChangeStatus,
    responses(
        (status = 200, description = "The ticket.", body = TicketDetail),
        (status = 409, description = "`conflict`: the lifecycle does not allow this change.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["desk.work"])))]
pub async fn set_status(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<TicketId>,
    Json(req): Json<ChangeStatus>,
) -> Reply {
    session.require(Permission::DeskWork)?;
    if !matches!(
        req.status,
        Status::InProgress | Status::WaitingOnMerchant | Status::Resolved | Status::Closed
    ) {
        return Err(AppError::field("status", messages::INVALID));
    }
    let (summary, findings) = text("summary", &req.summary, false)?;
    if !summary.is_empty() && req.status != Status::Resolved {
        return Err(AppError::field("summary", messages::INVALID));
    }
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let row = visible(&mut tx, &session, &id).await?;
    change_status(&mut tx, &session, &row, req.status, now).await?;
    if !summary.is_empty() {
        conversation::add_message(
            &mut tx,
            &conversation::NewMessage {
                ticket_id: &id,
                author_id: &session.user.id,
                from_desk: true,
                internal: false,
                body: &summary,
                at: now,
            },
        )
        .await?;
        store::touch(&mut tx, &id, now, Said::Publicly { by_desk: true }).await?;
    }
    if req.status == Status::Resolved {
        let news = TicketNews::Resolved { summary: &summary };
        notify(&mut tx, &state, &row, news).await?;
    }
    finish(
        tx,
        &state,
        &session,
        &row,
        "ticket.status_changed",
        json!({
            "ticket_id": id,
            "from": row.status()?,
            "to": req.status,
            "summary": summary,
            "server_findings": findings,
        }),
        now,
    )
    .await
}

/// The merchant rates the resolution from 1 to 5, with an optional comment; this closes a
/// resolved ticket. Permission: `tickets.create`.
///
/// Field errors: `rating`: `error.rating`; `comment`: `error.too_long`.
#[utoipa::path(post, path = paths::ticket_action(&TicketId::from("{id}"), "feedback"), operation_id = "rate_ticket", tag = "tickets",
    params(("id" = String, Path, description = "Ticket id")),
    request_body = Feedback,
    responses(
        (status = 200, description = "The closed ticket.", body = TicketDetail),
        (status = 409, description = "`conflict`: the ticket is not resolved yet.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["tickets.create"])))]
pub async fn rate(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<TicketId>,
    Json(req): Json<Feedback>,
) -> Reply {
    merchant_only(&session)?;
    tickets::check_rating(req.rating).map_err(AppError::validation)?;
    let (comment, findings) = text("comment", &req.comment, false)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let row = visible(&mut tx, &session, &id).await?;
    let status = row.status()?;
    if !tickets::rateable(status) {
        return Err(AppError::conflict(
            messages::TICKET_NOT_RESOLVED,
            "Only a resolved ticket can be rated.",
        ));
    }
    let feedback = Feedback {
        rating: req.rating,
        comment,
    };
    conversation::set_feedback(&mut tx, &id, &feedback, now).await?;
    conversation::add_event(
        &mut tx,
        &id,
        Some(&session.user.id),
        &Change::Rated { rating: req.rating },
        now,
    )
    .await?;
    if status == Status::Resolved {
        change_status(&mut tx, &session, &row, Status::Closed, now).await?;
    }
    finish(
        tx,
        &state,
        &session,
        &row,
        "ticket.rated",
        json!({ "ticket_id": id, "rating": req.rating, "server_findings": findings }),
        now,
    )
    .await
}

/// The merchant asks for a follow-up, which reopens a resolved or closed ticket, within the
/// follow-up period after resolution (`follow_up_until`). The reason joins the conversation.
/// Permission: `tickets.create`.
///
/// Field errors: `reason`: `error.required`, `error.too_long`.
#[utoipa::path(post, path = paths::ticket_action(&TicketId::from("{id}"), "follow-up"), operation_id = "follow_up_ticket", tag = "tickets",
    params(("id" = String, Path, description = "Ticket id")),
    request_body = FollowUp,
    responses(
        (status = 200, description = "The reopened ticket.", body = TicketDetail),
        (status = 409, description = "`conflict`: the ticket is open, or the follow-up period is over.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["tickets.create"])))]
pub async fn follow_up(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<TicketId>,
    Json(req): Json<FollowUp>,
) -> Reply {
    merchant_only(&session)?;
    let (reason, findings) = text("reason", &req.reason, true)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let row = visible(&mut tx, &session, &id).await?;
    let until = row
        .resolved_or_closed_at()?
        .map(|at| at + state.settings.follow_up);
    if until.is_none_or(|u| now > u) {
        return Err(AppError::conflict(
            messages::FOLLOW_UP_CLOSED,
            "This ticket cannot be reopened: it is still open, or the follow-up period is over.",
        ));
    }
    change_status(&mut tx, &session, &row, Status::InProgress, now).await?;
    conversation::add_message(
        &mut tx,
        &conversation::NewMessage {
            ticket_id: &id,
            author_id: &session.user.id,
            from_desk: false,
            internal: false,
            body: &reason,
            at: now,
        },
    )
    .await?;
    conversation::add_event(
        &mut tx,
        &id,
        Some(&session.user.id),
        &Change::FollowUp { reason },
        now,
    )
    .await?;
    finish(
        tx,
        &state,
        &session,
        &row,
        "ticket.follow_up",
        json!({ "ticket_id": id, "server_findings": findings }),
        now,
    )
    .await
}

fn merchant_only(session: &Session) -> ApiResult<()> {
    session.require(Permission::TicketsCreate)?;
    if is_desk(session) {
        return Err(AppError::forbidden());
    }
    Ok(())
}
