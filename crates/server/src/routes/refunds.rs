//! Refunds under the four-eyes principle: asked for from a purchase (`refunds.create`), approved
//! or rejected by **another** employee (`refunds.approve`; nobody decides on their own request,
//! administrators included), then executed by the operator (`refund_runner`). Each takes an
//! `Idempotency-Key`: a retry returns the first answer and never acts twice.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use guichet_domain::developers::ApiScope;
use guichet_domain::paths;
use guichet_domain::payments::refunds::{
    check_new_refund, check_rejection, RefundStep, RefundsToDecide,
};
use guichet_domain::payments::{
    refundable, NewRefund, PaymentEventKind, RefundDetail, RefundFilter, RefundRejection,
    RefundStatus, RefundSummary,
};
use guichet_domain::roles::may_decide;
use guichet_domain::{
    api::Page, messages, AuditAction, Language, Money, Permission, PurchaseId, RefundId,
};
use serde_json::json;

use crate::auth::api_key::Caller;
use crate::auth::Session;
use crate::db;
use crate::error::{ApiResult, AppError};
use crate::extract::{page_size, require_idempotency_key, ApiPath, ApiQuery, Json, ListPage};
use crate::mail_texts::{self, RefundNews};
use crate::refund_runner;
use crate::request_id;
use crate::scrub::scrub;
use crate::state::AppState;
use crate::store::refunds::{self as store, NewEvent, NewRefundRow, RefundRow};
use crate::store::{audit, outbox, purchases, users, Conn};
use crate::time;

fn require_key(headers: &HeaderMap) -> ApiResult<()> {
    require_idempotency_key(
        headers,
        "A refund's every step needs an Idempotency-Key header, one per click.",
    )
}

/// Asks for a refund of (part of) a completed purchase. Permission: `refunds.create`. The
/// amount is checked against what the purchase may still refund under the write lock, so that
/// requests at the same moment never exceed it together. The note is redacted before it is
/// stored. Approvers are told by mail.
///
/// Field errors: `amount_minor`: `error.amount_positive`, `error.refund_exceeds`; `note`:
/// `error.required` (reason `other`), `error.too_long`, `error.control_character`. Conflict
/// `error.not_refundable`: the purchase is not completed.
#[utoipa::path(post, path = paths::purchase_refunds(&PurchaseId::from("{id}")), operation_id = "create_refund", tag = "payments",
    params(("id" = String, Path, description = "Purchase id")),
    request_body = NewRefund,
    responses(
        (status = 201, description = "Asked for; waits for approval.", body = RefundDetail),
        (status = 400, description = "`bad_request`: no Idempotency-Key.", body = guichet_domain::ApiErrorBody),
        (status = 404, description = "No such purchase in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: the purchase cannot be refunded.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["refunds.create"])))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(purchase_id): ApiPath<PurchaseId>,
    Json(req): Json<NewRefund>,
) -> ApiResult<(StatusCode, axum::Json<RefundDetail>)> {
    session.require(Permission::RefundsCreate)?;
    require_key(&headers)?;
    let note = scrub(req.note.trim());
    let req = NewRefund {
        note: note.text,
        ..req
    };
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let purchase = purchases::find(&mut tx, &session.org_id, &purchase_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let status = purchase.status()?;
    if status != guichet_domain::payments::PurchaseStatus::Completed {
        return Err(AppError::conflict(
            messages::NOT_REFUNDABLE,
            "Only a completed purchase can be refunded.",
        ));
    }
    let held = held(&mut tx, &purchase_id).await?;
    let cap = refundable(status, purchase.amount_minor, held);
    check_new_refund(&req, cap).map_err(AppError::validation)?;
    let id: RefundId = crate::store::new_id();
    let amount = Money::new(req.amount_minor, purchase.currency()?);
    store::insert(
        &mut tx,
        &NewRefundRow {
            id: &id,
            org_id: &session.org_id,
            purchase_id: &purchase_id,
            amount,
            reason: req.reason,
            note: &req.note,
            requested_by: &session.user.id,
            at: now,
        },
    )
    .await?;
    let row = step(
        &mut tx,
        &session,
        &id,
        PaymentEventKind::RefundRequested,
        None,
    )
    .await?;
    audit(
        &mut tx,
        &session,
        AuditAction::RefundRequested,
        &row,
        json!({ "reason": req.reason, "server_findings": note.findings }),
    )
    .await?;
    for (email, language) in users::with_permission(
        &mut tx,
        &session.org_id,
        Permission::RefundsApprove,
        &session.user.id,
    )
    .await?
    {
        let news = RefundNews::ToDecide {
            requester: &session.user.name,
            note: &row.note,
        };
        tell(&mut tx, &state, &row, &email, &language, news).await?;
    }
    let out = detail(&mut tx, Some(&session), &row).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(out)))
}

/// The amounts a purchase's refunds hold, with their statuses.
async fn held(conn: &mut Conn, purchase: &PurchaseId) -> ApiResult<Vec<(i64, RefundStatus)>> {
    store::of_purchase(conn, purchase)
        .await?
        .iter()
        .map(|r| Ok((r.amount_minor, r.status()?)))
        .collect()
}

/// Writes a person's step in the refund's timeline, with the request's id; returns the refund
/// as it is now.
async fn step(
    conn: &mut Conn,
    session: &Session,
    id: &RefundId,
    kind: PaymentEventKind,
    detail: Option<&str>,
) -> ApiResult<RefundRow> {
    let row = store::find(conn, Some(&session.org_id), id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let request = request_id::current();
    store::add_event(
        conn,
        &NewEvent {
            purchase_id: &row.purchase_id,
            refund_id: &row.id,
            kind,
            at: time::now(),
            user_id: Some(&session.user.id),
            request_id: Some(&request),
            attempt: None,
            detail,
        },
    )
    .await?;
    Ok(row)
}

async fn audit(
    conn: &mut Conn,
    session: &Session,
    action: AuditAction,
    row: &RefundRow,
    mut details: serde_json::Value,
) -> ApiResult<()> {
    details["refund_id"] = json!(row.id);
    details["amount"] = json!(row.amount()?);
    audit::record(
        conn,
        audit::NewEntry {
            org_id: &session.org_id,
            actor: session.actor(),
            action: action.as_str(),
            target: Some(&row.purchase_reference),
            details,
        },
    )
    .await
}

/// Queues a mail about the refund to `email`, in `language`.
async fn tell(
    conn: &mut Conn,
    state: &AppState,
    row: &RefundRow,
    email: &str,
    language: &str,
    news: RefundNews<'_>,
) -> ApiResult<()> {
    let link = format!("{}/refunds/{}", state.settings.public_url, row.id);
    let language = Language::from_tag(language).unwrap_or(Language::En);
    let mail = mail_texts::refund_news(
        language,
        news,
        &row.purchase_reference,
        row.amount()?,
        &link,
    );
    outbox::push(
        conn,
        &outbox::NewMail {
            org_id: &row.org_id,
            ticket_id: None,
            kind: None,
            to: email,
            subject: &mail.subject,
            body: &mail.body,
        },
    )
    .await
}

/// The organisation's refunds, newest first; `to_decide=true`: those waiting for the caller's
/// decision (the approvals inbox: a person's, so refused to an API key). People with
/// `payments.read`, or an API key with `Api.refunds_read`.
#[utoipa::path(get, path = paths::REFUNDS, operation_id = "list_refunds", tag = "payments",
    params(RefundFilter, ListPage),
    responses((status = 200, description = "A page of refunds.", body = Page<RefundSummary>)),
    security(("session" = ["payments.read"]), ("api_key" = ["Api.refunds_read"])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(filter): ApiQuery<RefundFilter>,
    ApiQuery(page): ApiQuery<ListPage>,
) -> ApiResult<axum::Json<Page<RefundSummary>>> {
    caller.require(Permission::PaymentsRead, ApiScope::RefundsRead)?;
    let limit = page_size(page.limit, 100, 500)?;
    let to_decide = match (&caller, filter.to_decide == Some(true)) {
        (_, false) => None,
        (Caller::Person(session), true) => Some(&session.user.id),
        (Caller::Code(_), true) => return Err(AppError::field("to_decide", messages::INVALID)),
    };
    let mut conn = state.db.acquire().await?;
    let (rows, next_cursor) = store::list(
        &mut conn,
        caller.org_id(),
        filter.status,
        to_decide,
        page.cursor.as_deref(),
        limit.into(),
    )
    .await?;
    Ok(axum::Json(Page {
        items: rows
            .iter()
            .map(RefundRow::summary)
            .collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

/// How many refunds wait for the caller's decision, for the count beside « To approve ».
#[utoipa::path(get, path = paths::REFUNDS_TO_DECIDE, operation_id = "count_refunds_to_decide", tag = "payments",
    responses((status = 200, description = "The count.", body = RefundsToDecide)),
    security(("session" = ["refunds.approve"])))]
pub async fn to_decide(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<RefundsToDecide>> {
    session.require(Permission::RefundsApprove)?;
    let mut conn = state.db.acquire().await?;
    let count = store::count_to_decide(&mut conn, &session.org_id, &session.user.id).await?;
    Ok(axum::Json(RefundsToDecide { count }))
}

/// One refund with its purchase, its history and what the caller may do with it (an API key:
/// nothing, decisions are people's). People with `payments.read`, or an API key with
/// `Api.refunds_read`.
#[utoipa::path(get, path = paths::refund(&RefundId::from("{id}")), operation_id = "get_refund", tag = "payments",
    params(("id" = String, Path, description = "Refund id")),
    responses(
        (status = 200, description = "The refund.", body = RefundDetail),
        (status = 404, description = "No such refund in the caller's organisation.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["payments.read"]), ("api_key" = ["Api.refunds_read"])))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<RefundId>,
) -> ApiResult<axum::Json<RefundDetail>> {
    caller.require(Permission::PaymentsRead, ApiScope::RefundsRead)?;
    let mut conn = state.db.acquire().await?;
    let row = store::find(&mut conn, Some(caller.org_id()), &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let person = match &caller {
        Caller::Person(session) => Some(session),
        Caller::Code(_) => None,
    };
    Ok(axum::Json(detail(&mut conn, person, &row).await?))
}

/// The refund as `viewer` sees it: what they may do with it (nobody, for an API key).
async fn detail(
    conn: &mut Conn,
    viewer: Option<&Session>,
    row: &RefundRow,
) -> ApiResult<RefundDetail> {
    let purchase = purchases::find(conn, &row.org_id, &row.purchase_id)
        .await?
        .ok_or_else(|| AppError::internal("a refund without its purchase"))?;
    let status = row.status()?;
    let held = held(conn, &row.purchase_id).await?;
    let amount = purchase.amount()?;
    let waits = matches!(status, RefundStatus::Failed | RefundStatus::Processing);
    Ok(RefundDetail {
        refund: row.summary()?,
        note: row.note.clone(),
        purchase: purchase.summary()?,
        refundable: Money::new(
            refundable(purchase.status()?, amount.amount_minor, held),
            amount.currency,
        ),
        decided_by: row.decider_name.clone(),
        decided_at: row.decided_at.as_deref().map(time::from_db).transpose()?,
        rejection_reason: row.rejection_reason.clone(),
        attempts: u32::try_from(row.attempts).unwrap_or(0),
        next_attempt_at: row
            .next_attempt_at
            .as_deref()
            .filter(|_| waits)
            .map(time::from_db)
            .transpose()?,
        events: store::events(conn, &row.purchase_id, Some(&row.id)).await?,
        can_decide: status == RefundStatus::PendingApproval
            && viewer.is_some_and(|v| {
                v.permissions.contains(&Permission::RefundsApprove)
                    && may_decide(&row.requested_by, &v.user.id)
            }),
        can_retry: status.after(RefundStep::Retry).is_some()
            && viewer.is_some_and(|v| v.permissions.contains(&Permission::RefundsCreate)),
    })
}

/// The refund, for a decision by the caller: it waits for one, and they did not ask for it.
async fn to_be_decided(
    conn: &mut Conn,
    session: &Session,
    id: &RefundId,
    step: RefundStep,
) -> ApiResult<RefundRow> {
    let row = store::find(conn, Some(&session.org_id), id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !may_decide(&row.requested_by, &session.user.id) {
        return Err(AppError::conflict(
            messages::OWN_REFUND_REQUEST,
            "Nobody approves or rejects their own refund request: another employee must.",
        ));
    }
    if row.status()?.after(step).is_none() {
        return Err(AppError::conflict(
            messages::REFUND_STATUS,
            "The refund no longer waits for a decision.",
        ));
    }
    Ok(row)
}

/// Approves a refund someone else asked for; the operator executes it next. Permission:
/// `refunds.approve`. Conflicts: `error.own_refund_request` (the caller asked for it),
/// `error.refund_status` (it is no longer waiting).
#[utoipa::path(post, path = paths::refund_action(&RefundId::from("{id}"), "approve"), operation_id = "approve_refund", tag = "payments",
    params(("id" = String, Path, description = "Refund id")),
    responses(
        (status = 200, description = "Approved; with the operator.", body = RefundDetail),
        (status = 400, description = "`bad_request`: no Idempotency-Key.", body = guichet_domain::ApiErrorBody),
        (status = 404, description = "No such refund in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: the caller's own request, or not waiting.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["refunds.approve"])))]
pub async fn approve(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(id): ApiPath<RefundId>,
) -> ApiResult<axum::Json<RefundDetail>> {
    session.require(Permission::RefundsApprove)?;
    require_key(&headers)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let row = to_be_decided(&mut tx, &session, &id, RefundStep::Approve).await?;
    store::decide(
        &mut tx,
        &id,
        RefundStatus::Processing,
        &session.user.id,
        None,
        now,
    )
    .await?;
    step(
        &mut tx,
        &session,
        &id,
        PaymentEventKind::RefundApproved,
        None,
    )
    .await?;
    store::begin_attempt(&mut tx, &row, now).await?;
    let row = step(&mut tx, &session, &id, PaymentEventKind::RefundSent, None).await?;
    refund_runner::enqueue(&mut tx, &row, now).await?;
    let news = RefundNews::Approved {
        by: &session.user.name,
    };
    decided(
        tx,
        &state,
        &session,
        &row,
        AuditAction::RefundApproved,
        news,
    )
    .await
}

/// Rejects a refund someone else asked for, saying why; its amount is free again and a new
/// request can be made. Permission: `refunds.approve`. Field errors: `reason`: `error.required`,
/// `error.too_long`, `error.control_character`; conflicts as for approving.
#[utoipa::path(post, path = paths::refund_action(&RefundId::from("{id}"), "reject"), operation_id = "reject_refund", tag = "payments",
    params(("id" = String, Path, description = "Refund id")),
    request_body = RefundRejection,
    responses(
        (status = 200, description = "Rejected.", body = RefundDetail),
        (status = 400, description = "`bad_request`: no Idempotency-Key.", body = guichet_domain::ApiErrorBody),
        (status = 404, description = "No such refund in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: the caller's own request, or not waiting.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["refunds.approve"])))]
pub async fn reject(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(id): ApiPath<RefundId>,
    Json(req): Json<RefundRejection>,
) -> ApiResult<axum::Json<RefundDetail>> {
    session.require(Permission::RefundsApprove)?;
    require_key(&headers)?;
    check_rejection(&req).map_err(AppError::validation)?;
    let reason = scrub(req.reason.trim()).text;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    to_be_decided(&mut tx, &session, &id, RefundStep::Reject).await?;
    store::decide(
        &mut tx,
        &id,
        RefundStatus::Rejected,
        &session.user.id,
        Some(&reason),
        now,
    )
    .await?;
    let row = step(
        &mut tx,
        &session,
        &id,
        PaymentEventKind::RefundRejected,
        Some(&reason),
    )
    .await?;
    let news = RefundNews::Rejected {
        by: &session.user.name,
        reason: &reason,
    };
    decided(
        tx,
        &state,
        &session,
        &row,
        AuditAction::RefundRejected,
        news,
    )
    .await
}

/// What follows a decision, in its transaction: the audit log, the requester told, and the
/// refund as the decider now sees it.
async fn decided(
    mut tx: sqlx::Transaction<'_, sqlx::Any>,
    state: &AppState,
    session: &Session,
    row: &RefundRow,
    action: AuditAction,
    news: RefundNews<'_>,
) -> ApiResult<axum::Json<RefundDetail>> {
    audit(&mut tx, session, action, row, json!({})).await?;
    tell(
        &mut tx,
        state,
        row,
        &row.requester_email,
        &row.requester_language,
        news,
    )
    .await?;
    let out = detail(&mut tx, Some(session), row).await?;
    tx.commit().await?;
    Ok(axum::Json(out))
}

/// Tries a failed refund again now, rather than at the server's next attempt. Permission:
/// `refunds.create`. Conflict `error.refund_status`: it has not failed.
#[utoipa::path(post, path = paths::refund_action(&RefundId::from("{id}"), "retry"), operation_id = "retry_refund", tag = "payments",
    params(("id" = String, Path, description = "Refund id")),
    responses(
        (status = 200, description = "A new attempt is under way.", body = RefundDetail),
        (status = 400, description = "`bad_request`: no Idempotency-Key.", body = guichet_domain::ApiErrorBody),
        (status = 404, description = "No such refund in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: it has not failed.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["refunds.create"])))]
pub async fn retry(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(id): ApiPath<RefundId>,
) -> ApiResult<axum::Json<RefundDetail>> {
    session.require(Permission::RefundsCreate)?;
    require_key(&headers)?;
    let now = time::now();
    let mut conn = state.db.acquire().await?;
    let row = store::find(&mut conn, Some(&session.org_id), &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    drop(conn);
    let request = request_id::current();
    let Some(row) =
        refund_runner::begin_retry(&state.db, &row, Some((&session.user.id, &request)), now)
            .await?
    else {
        return Err(AppError::conflict(
            messages::REFUND_STATUS,
            "Only a failed refund can be tried again.",
        ));
    };
    let mut tx = db::begin_write(&state.db).await?;
    refund_runner::hurry(&mut tx, &row, now).await?;
    audit(
        &mut tx,
        &session,
        AuditAction::RefundRetried,
        &row,
        json!({ "attempt": row.attempts }),
    )
    .await?;
    let out = detail(&mut tx, Some(&session), &row).await?;
    tx.commit().await?;
    Ok(axum::Json(out))
}
