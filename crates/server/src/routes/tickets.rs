//! Filing, listing and reading tickets. A merchant sees its own; the provider's desk sees every
//! ticket filed with it. A ticket out of the caller's sight is 404, never 403: its existence is
//! not the caller's business.

use guichet_domain::{AttachmentId, MessageId, TicketId};
use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, TimeDelta, Utc};
use guichet_domain::api::Page;
use guichet_domain::paths;
use guichet_domain::tickets::{
    self, need, Category, CategoryFields, Change, Field, FieldRules, Need, NewTicket, Status,
    TicketDetail, TicketFilter, TicketSort, TicketSummary, UnreadCount, Urgency, UrgencyTargets,
};
use guichet_domain::{OrgKind, Permission};
use serde_json::json;

use crate::auth::Session;
use crate::db;
use crate::error::{ApiResult, AppError};
use crate::extract::{page_size, require_idempotency_key, ApiPath, ApiQuery, Json, ListPage};
use crate::scrub::scrub;
use crate::state::AppState;
use crate::store::ticket_order::Cursor;
use crate::store::tickets::{self as store, Paging, Scope, TicketRow};
use crate::store::{attachments, audit, conversation, orgs, Conn};
use crate::time;
use guichet_domain::messages;

/// Whose tickets the caller may read.
pub fn scope(session: &Session) -> Result<Scope<'_>, AppError> {
    match session.org_kind {
        OrgKind::Merchant => {
            session.require(Permission::TicketsRead)?;
            Ok(Scope::Merchant(&session.org_id))
        }
        OrgKind::Provider => {
            session.require(Permission::DeskRead)?;
            Ok(Scope::Desk(&session.org_id))
        }
    }
}

/// The ticket, if the caller may see it.
pub async fn visible(conn: &mut Conn, session: &Session, id: &TicketId) -> ApiResult<TicketRow> {
    store::find(conn, scope(session)?, id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// What each category asks for, the provider's endpoints and the urgency targets. Any signed-in
/// user.
#[utoipa::path(get, path = paths::TICKET_FIELDS, operation_id = "ticket_fields", tag = "tickets",
    responses((status = 200, description = "The rules of the ticket form.", body = FieldRules)),
    security(("session" = [])))]
pub async fn fields(_session: Session) -> axum::Json<FieldRules> {
    let with = |c: Category, n: Need| {
        Field::ALL
            .into_iter()
            .filter(move |&f| need(c, f) == n)
            .collect()
    };
    axum::Json(FieldRules {
        categories: Category::ALL
            .into_iter()
            .map(|category| CategoryFields {
                category,
                required: with(category, Need::Required),
                optional: with(category, Need::Optional),
            })
            .collect(),
        endpoints: tickets::ENDPOINTS.iter().map(|e| (*e).to_owned()).collect(),
        urgencies: Urgency::ALL
            .into_iter()
            .map(|urgency| UrgencyTargets {
                urgency,
                response_minutes: urgency.response_target().num_minutes(),
                resolution_minutes: urgency.resolution_target().num_minutes(),
            })
            .collect(),
    })
}

/// Files a ticket with the merchant's provider. Permission: `tickets.create`. An
/// `Idempotency-Key` is required: the wizard sends the one born with the draft, so a double
/// submit or a retry files one ticket. Every field is redacted again before it is stored.
///
/// Field errors (keys of `fields`, by field wire name): `error.required`, `error.too_long`,
/// `error.field_not_asked`, `error.api_key_fingerprint`, `error.endpoint`, `error.environment`,
/// `error.date_time`, `error.in_future`, `error.http_status`, `error.uuid`, `error.identifier`,
/// `error.url`, `error.invoice_number`, `error.day`, `error.day_in_future`; `attachment_ids`:
/// `error.too_many_files`, `error.attachment_unknown`.
#[utoipa::path(post, path = paths::TICKETS, operation_id = "create_ticket", tag = "tickets",
    request_body = NewTicket,
    responses(
        (status = 201, description = "Filed.", body = TicketDetail),
        (status = 400, description = "`bad_request`: no Idempotency-Key.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: the organisation has no provider to file with.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["tickets.create"])))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Json(req): Json<NewTicket>,
) -> ApiResult<(StatusCode, axum::Json<TicketDetail>)> {
    session.require(Permission::TicketsCreate)?;
    require_idempotency_key(
        &headers,
        "Filing a ticket needs an Idempotency-Key header, one per draft.",
    )?;
    let now = time::now();
    tickets::check_new_ticket(&req, now).map_err(AppError::validation)?;
    check_attachment_count(&req.attachment_ids)?;

    let mut server_findings = 0;
    let mut fields: BTreeMap<Field, String> = BTreeMap::new();
    for (field, value) in &req.fields {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        // Every field, not only free text: a secret fits many a checked shape (a token in an
        // endpoint's query, a live key pasted as client_id). The API key's fingerprint
        // (`sprod_...Qa7x`) is no secret to the engine and comes through as it is.
        let s = scrub(value);
        server_findings += s.findings;
        fields.insert(*field, s.text);
    }
    let subject = fields.remove(&Field::Subject).unwrap_or_default();

    let mut tx = db::begin_write(&state.db).await?;
    let provider = orgs::provider_of(&mut tx, &session.org_id)
        .await?
        .ok_or_else(|| {
            AppError::conflict(
                messages::NO_PROVIDER,
                "Your organisation has no provider to file tickets with.",
            )
        })?;
    let zone: chrono_tz::Tz = provider.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let number = store::next_number(
        &mut tx,
        &provider.id,
        &provider.ticket_prefix,
        now.with_timezone(&zone).date_naive(),
    )
    .await?;
    let id: TicketId = crate::store::new_id();
    store::insert(
        &mut tx,
        &store::NewTicketRow {
            id: &id,
            number: &number,
            provider_id: &provider.id,
            merchant_id: &session.org_id,
            requester_id: &session.user.id,
            category: req.category,
            urgency: req.urgency,
            subject: &subject,
            fields: &fields,
            at: now,
        },
    )
    .await?;
    claim_attachments(&mut tx, &req.attachment_ids, &session, &id, None).await?;
    conversation::add_event(&mut tx, &id, Some(&session.user.id), &Change::Created, now).await?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            org_id: &session.org_id,
            actor: session.actor(),
            action: "ticket.created",
            target: Some(&number),
            details: json!({
                "ticket_id": id,
                "category": req.category,
                "urgency": req.urgency,
                "server_findings": server_findings,
            }),
        },
    )
    .await?;
    let detail = detail(&mut tx, &session, &id, now, state.settings.follow_up).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(detail)))
}

pub fn check_attachment_count(ids: &[AttachmentId]) -> ApiResult<()> {
    if ids.len() > tickets::MAX_ATTACHMENTS {
        return Err(AppError::field("attachment_ids", messages::TOO_MANY_FILES));
    }
    Ok(())
}

/// Attaches the caller's uploads; any id that is not theirs or already used fails the request.
pub async fn claim_attachments(
    conn: &mut Conn,
    ids: &[AttachmentId],
    session: &Session,
    ticket_id: &TicketId,
    message_id: Option<&MessageId>,
) -> ApiResult<()> {
    let claimed = attachments::claim(conn, ids, &session.user.id, ticket_id, message_id).await?;
    if claimed != ids.len() {
        return Err(AppError::field(
            "attachment_ids",
            messages::ATTACHMENT_UNKNOWN,
        ));
    }
    Ok(())
}

pub const LIST_LIMIT: u32 = 500;

/// Tickets the caller may see, a page at a time. A merchant (`tickets.read`) gets its own; the
/// desk (`desk.read`) every ticket filed with it. The order is `sort`: by default a merchant's
/// newest first, and the desk's most at risk first (open before done, a running clock before a
/// paused one, then by the next deadline; a paused clock by what it will have left). The
/// database sorts and pages, so the first page of the desk's queue is the most at risk of all.
///
/// A full page has a `next_cursor`: send it back as `cursor` (with the same filters and order)
/// for the next page, which starts right after this one's last ticket, so that tickets filed
/// meanwhile neither repeat nor push one out. A page without one is the last. A cursor that is not one, or from another order, is 422 on `cursor`.
#[utoipa::path(get, path = paths::TICKETS, operation_id = "list_tickets", tag = "tickets",
    params(TicketFilter, ListPage),
    responses((status = 200, description = "A page of tickets.", body = Page<TicketSummary>)),
    security(("session" = ["tickets.read"]), ("session" = ["desk.read"])))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(filter): ApiQuery<TicketFilter>,
    ApiQuery(page): ApiQuery<ListPage>,
) -> ApiResult<axum::Json<Page<TicketSummary>>> {
    let scope = scope(&session)?;
    let desk = session.org_kind == OrgKind::Provider;
    let sort = filter.sort.unwrap_or(TicketSort::default_for(desk));
    let limit = page_size(page.limit, LIST_LIMIT, LIST_LIMIT)?;
    let page = Paging {
        limit: limit.into(),
        after: page
            .cursor
            .map(|c| Cursor::for_tickets(&c, sort))
            .transpose()?,
    };
    let mut conn = state.db.acquire().await?;
    let rows = store::list(&mut conn, scope, &filter, page).await?;
    let next_cursor = rows
        .last()
        .filter(|_| rows.len() == limit as usize)
        .map(|last| Cursor::after(sort, last).encode());
    let mut pauses = store::pauses(&mut conn, scope).await?;
    let reads = if desk {
        HashMap::new()
    } else {
        store::reads(&mut conn, &session.user.id).await?
    };
    let now = time::now();
    let out = rows
        .iter()
        .map(|r| {
            let unread = r.unread(desk, reads.get(&r.id).map(String::as_str))?;
            r.summary(pauses.remove(&r.id).unwrap_or_default(), now, unread)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(axum::Json(Page {
        items: out,
        next_cursor,
    }))
}

/// How many of the caller's tickets have news for them, for the mark on « Tickets » in the
/// navigation: for a merchant's user, tickets the desk answered since they last opened them; for
/// the desk, open tickets whose merchant's last word awaits an answer.
#[utoipa::path(get, path = paths::TICKETS_UNREAD, operation_id = "count_unread_tickets", tag = "tickets",
    responses((status = 200, description = "The count.", body = UnreadCount)),
    security(("session" = ["tickets.read"]), ("session" = ["desk.read"])))]
pub async fn unread(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<UnreadCount>> {
    let scope = scope(&session)?;
    let mut conn = state.db.acquire().await?;
    let count = store::unread_count(&mut conn, scope, &session.user.id).await?;
    Ok(axum::Json(UnreadCount { count }))
}

/// One ticket with its conversation, attachments and history. Internal notes only for the desk.
#[utoipa::path(get, path = paths::ticket(&TicketId::from("{id}")), operation_id = "get_ticket", tag = "tickets",
    params(("id" = String, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "The ticket.", body = TicketDetail),
        (status = 404, description = "`not_found`: no such ticket in your sight.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["tickets.read"]), ("session" = ["desk.read"])))]
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<TicketId>,
) -> ApiResult<axum::Json<TicketDetail>> {
    let now = time::now();
    if session.org_kind == OrgKind::Provider {
        let mut conn = state.db.acquire().await?;
        let out = detail(&mut conn, &session, &id, now, state.settings.follow_up).await?;
        return Ok(axum::Json(out));
    }
    // A merchant's user opening the ticket reads the desk's answers so far.
    let mut tx = db::begin_write(&state.db).await?;
    let out = detail(&mut tx, &session, &id, now, state.settings.follow_up).await?;
    store::mark_read(&mut tx, &id, &session.user.id, now).await?;
    tx.commit().await?;
    Ok(axum::Json(out))
}

/// The detail as `session` may see it; `follow_up` is how long after resolution the merchant
/// may still reopen.
pub async fn detail(
    conn: &mut Conn,
    session: &Session,
    id: &TicketId,
    now: DateTime<Utc>,
    follow_up: TimeDelta,
) -> ApiResult<TicketDetail> {
    let row = visible(conn, session, id).await?;
    let desk = session.org_kind == OrgKind::Provider;
    let mut messages = conversation::messages(conn, id, desk).await?;
    let mut filed_with = Vec::new();
    for (message_id, attachment) in attachments::of_ticket(conn, id).await? {
        match message_id {
            None => filed_with.push(attachment),
            Some(m) => {
                // Attachments of internal notes are left out with their notes.
                if let Some(msg) = messages.iter_mut().find(|x| x.id == m) {
                    msg.attachments.push(attachment);
                }
            }
        }
    }
    let status = row.status()?;
    let follow_up_until = match status {
        Status::Resolved | Status::Closed => row.resolved_or_closed_at()?.map(|at| at + follow_up),
        _ => None,
    };
    let pauses = store::pauses_of(conn, id).await?;
    Ok(TicketDetail {
        fields: row.fields()?,
        ticket: row.summary(pauses, now, desk && row.unread(true, None)?)?,
        attachments: filed_with,
        messages,
        events: conversation::events(conn, id)
            .await?
            .into_iter()
            .map(|e| if desk { e } else { e.as_merchant_sees_it() })
            .collect(),
        feedback: conversation::feedback(conn, id).await?,
        follow_up_until,
    })
}
