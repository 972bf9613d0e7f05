//! Payouts (« Demander un paiement ») and the accounts they go to, both under the four-eyes
//! principle: adding or changing a payout account, and every payout, is approved by a second
//! person (`payouts.approve`), never the one who asked (`payouts.create`). Reading needs
//! `reports.read`. Every step takes an `Idempotency-Key`, and is in the audit log.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, NaiveDate, Utc};
use guichet_domain::api::Page;
use guichet_domain::balances::payouts::{
    available, check_new_payout, check_new_payout_account, expected_by, AccountStatus, Available,
    NewPayout, NewPayoutAccount, Payout, PayoutAccount, PayoutStatus, PayoutStep,
};
use guichet_domain::balances::Account;
use guichet_domain::payments::refunds::{check_rejection, RefundRejection};
use guichet_domain::roles::may_decide;
use guichet_domain::{messages, paths, AuditAction, Money, PayoutAccountId, PayoutId, Permission};
use serde_json::json;

use crate::auth::Session;
use crate::db;
use crate::error::{ApiResult, AppError};
use crate::extract::{require_idempotency_key, ApiPath, ApiQuery, Json};
use crate::payout_runner;
use crate::scrub::scrub;
use crate::state::AppState;
use crate::store::payouts::{self as store, AccountRow, NewAccount, NewPayoutRow, PayoutRow};
use crate::store::settlements::{self, Books};
use crate::store::{audit, ledger, Conn};
use crate::time;

fn require_key(headers: &HeaderMap) -> ApiResult<()> {
    require_idempotency_key(
        headers,
        "Every step of a payout or a payout account needs an Idempotency-Key header, one per click.",
    )
}

fn account_view(session: &Session, row: &AccountRow) -> ApiResult<PayoutAccount> {
    row.view(
        &session.user.id,
        session.permissions.contains(&Permission::PayoutsApprove),
    )
}

fn payout_view(session: &Session, row: &PayoutRow) -> ApiResult<Payout> {
    row.view(
        &session.user.id,
        session.permissions.contains(&Permission::PayoutsApprove),
        session.permissions.contains(&Permission::PayoutsCreate),
    )
}

async fn record(
    conn: &mut Conn,
    session: &Session,
    action: AuditAction,
    target: &str,
    details: serde_json::Value,
) -> ApiResult<()> {
    audit::record(
        conn,
        audit::NewEntry {
            org_id: &session.org_id,
            actor: session.actor(),
            action: action.as_str(),
            target: Some(target),
            details,
        },
    )
    .await
}

async fn books(conn: &mut Conn, session: &Session) -> ApiResult<Books> {
    settlements::books(conn, &session.org_id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// The caller's payout accounts, pending and active first; numbers masked.
#[utoipa::path(get, path = paths::PAYOUT_ACCOUNTS, operation_id = "list_payout_accounts", tag = "payouts",
    responses((status = 200, description = "The accounts.", body = Vec<PayoutAccount>)),
    security(("session" = ["reports.read"])))]
pub async fn accounts(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Vec<PayoutAccount>>> {
    session.require(Permission::ReportsRead)?;
    let mut conn = state.db.acquire().await?;
    let rows = store::accounts(&mut conn, &session.org_id).await?;
    Ok(axum::Json(
        rows.iter()
            .map(|r| account_view(&session, r))
            .collect::<Result<_, _>>()?,
    ))
}

/// Asks for a new payout account, or a change of one (`replaces`): pending until another
/// person approves it. Field errors: `label` (`error.required`, `error.too_long`), `number`
/// (`error.iban`, `error.wallet`, `error.required`); `replaces` must be an active account.
#[utoipa::path(post, path = paths::PAYOUT_ACCOUNTS, operation_id = "create_payout_account", tag = "payouts",
    request_body = NewPayoutAccount,
    responses(
        (status = 201, description = "Asked for; waits for approval.", body = PayoutAccount),
        (status = 400, description = "`bad_request`: no Idempotency-Key.", body = guichet_domain::ApiErrorBody),
        (status = 422, description = "`validation_failed`.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["payouts.create"])))]
pub async fn create_account(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Json(req): Json<NewPayoutAccount>,
) -> ApiResult<(StatusCode, axum::Json<PayoutAccount>)> {
    session.require(Permission::PayoutsCreate)?;
    require_key(&headers)?;
    let (number, masked) = check_new_payout_account(&req).map_err(AppError::validation)?;
    let label = scrub(req.label.trim()).text;
    let mut tx = db::begin_write(&state.db).await?;
    books(&mut tx, &session).await?;
    if let Some(replaced) = &req.replaces {
        let old = store::find_account(&mut tx, &session.org_id, replaced).await?;
        if old.map(|o| o.status()).transpose()? != Some(AccountStatus::Active) {
            return Err(AppError::field("replaces", messages::ACCOUNT_NOT_ACTIVE));
        }
    }
    let id: PayoutAccountId = crate::store::new_id();
    store::insert_account(
        &mut tx,
        &NewAccount {
            id: &id,
            org_id: &session.org_id,
            kind: req.kind,
            label: &label,
            number: &number,
            masked: &masked,
            replaces: req.replaces.as_ref(),
            requested_by: &session.user.id,
            at: time::now(),
        },
    )
    .await?;
    record(
        &mut tx,
        &session,
        AuditAction::PayoutAccountRequested,
        &label,
        json!({ "account_id": id, "masked": masked, "replaces": req.replaces }),
    )
    .await?;
    let row = store::find_account(&mut tx, &session.org_id, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let out = account_view(&session, &row)?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(out)))
}

/// A pending account the caller may decide on.
async fn account_to_decide(
    conn: &mut Conn,
    session: &Session,
    id: &PayoutAccountId,
) -> ApiResult<AccountRow> {
    let row = store::find_account(conn, &session.org_id, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !may_decide(&row.requested_by, &session.user.id) {
        return Err(AppError::conflict(
            messages::OWN_REQUEST,
            "Nobody approves their own payout account: another person must.",
        ));
    }
    if row.status()? != AccountStatus::Pending {
        return Err(AppError::conflict(
            messages::PAYOUT_STATUS,
            "The account no longer waits for a decision.",
        ));
    }
    Ok(row)
}

/// Approves a payout account someone else asked for: payouts may go to it, and the account
/// it replaces (if any) is retired.
#[utoipa::path(post, path = paths::payout_account_action(&PayoutAccountId::from("{id}"), "approve"), operation_id = "approve_payout_account", tag = "payouts",
    params(("id" = String, Path, description = "Payout account id")),
    responses(
        (status = 200, description = "Approved.", body = PayoutAccount),
        (status = 404, description = "No such account in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: the caller's own request, or not pending.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["payouts.approve"])))]
pub async fn approve_account(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(id): ApiPath<PayoutAccountId>,
) -> ApiResult<axum::Json<PayoutAccount>> {
    decide_account(state, session, headers, id, None).await
}

/// Rejects a payout account someone else asked for, saying why.
#[utoipa::path(post, path = paths::payout_account_action(&PayoutAccountId::from("{id}"), "reject"), operation_id = "reject_payout_account", tag = "payouts",
    params(("id" = String, Path, description = "Payout account id")),
    request_body = RefundRejection,
    responses(
        (status = 200, description = "Rejected.", body = PayoutAccount),
        (status = 404, description = "No such account in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: the caller's own request, or not pending.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["payouts.approve"])))]
pub async fn reject_account(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(id): ApiPath<PayoutAccountId>,
    Json(req): Json<RefundRejection>,
) -> ApiResult<axum::Json<PayoutAccount>> {
    check_rejection(&req).map_err(AppError::validation)?;
    decide_account(state, session, headers, id, Some(req)).await
}

async fn decide_account(
    state: AppState,
    session: Session,
    headers: HeaderMap,
    id: PayoutAccountId,
    rejection: Option<RefundRejection>,
) -> ApiResult<axum::Json<PayoutAccount>> {
    session.require(Permission::PayoutsApprove)?;
    require_key(&headers)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let row = account_to_decide(&mut tx, &session, &id).await?;
    let reason = rejection.map(|r| scrub(r.reason.trim()).text);
    let (status, action) = match &reason {
        None => (AccountStatus::Active, AuditAction::PayoutAccountApproved),
        Some(_) => (AccountStatus::Rejected, AuditAction::PayoutAccountRejected),
    };
    let by = Some(&session.user.id);
    store::set_account_status(&mut tx, &id, status, by, reason.as_deref(), now).await?;
    if let (AccountStatus::Active, Some(replaced)) = (status, &row.replaces) {
        store::set_account_status(&mut tx, replaced, AccountStatus::Retired, None, None, now)
            .await?;
    }
    record(
        &mut tx,
        &session,
        action,
        &row.label,
        json!({ "account_id": id, "masked": row.masked, "reason": reason }),
    )
    .await?;
    let row = store::find_account(&mut tx, &session.org_id, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let out = account_view(&session, &row)?;
    tx.commit().await?;
    Ok(axum::Json(out))
}

/// The main balance, what payouts asked for hold of it, and what may be paid out.
/// When a payout asked for at `now` for the day `on` is expected (the domain's
/// [`expected_by`], in the merchant's zone).
async fn expected(
    conn: &mut Conn,
    books: &Books,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<DateTime<Utc>> {
    let calendar = settlements::calendar(conn, books.country).await?;
    let local = expected_by(&calendar, on, now.with_timezone(&books.zone).naive_local());
    Ok(local
        .and_local_timezone(books.zone)
        .earliest()
        .map_or(now, |t| t.with_timezone(&Utc)))
}

/// The available balance, and when a payout asked for now for the day `on` (today if `None`)
/// would be expected.
async fn balance(
    conn: &mut Conn,
    books: &Books,
    on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> ApiResult<Available> {
    let today = books.today(now);
    let main = ledger::balance(conn, &books.org, Account::Main, books.currency).await?;
    let sums = store::sums_by_status(conn, &books.org).await?;
    let free = available(main, sums);
    let money = |m| Money::new(m, books.currency);
    Ok(Available {
        main: money(main),
        held: money(main - free),
        available: money(free),
        today,
        expected_by: expected(conn, books, on.unwrap_or(today).max(today), now).await?,
    })
}

/// `GET /payouts/available` query.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AvailableQuery {
    /// The day a payout would be asked for (`YYYY-MM-DD`); today if absent or past.
    pub on: Option<NaiveDate>,
}

/// What may be paid out now (the main balance less the payouts asked for, approved or under
/// way), the merchant's today, and when a payout asked for now for the day `on` would be
/// expected: what the request form shows before anyone confirms.
#[utoipa::path(get, path = paths::PAYOUTS_AVAILABLE, operation_id = "payouts_available", tag = "payouts",
    params(AvailableQuery),
    responses(
        (status = 200, description = "The available balance and the expected time.", body = Available),
        (status = 400, description = "`bad_request`: `on` is not a date.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["reports.read"])))]
pub async fn available_balance(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(query): ApiQuery<AvailableQuery>,
) -> ApiResult<axum::Json<Available>> {
    session.require(Permission::ReportsRead)?;
    let mut conn = state.db.acquire().await?;
    let books = books(&mut conn, &session).await?;
    Ok(axum::Json(
        balance(&mut conn, &books, query.on, time::now()).await?,
    ))
}

/// `GET /payouts` query.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PayoutsQuery {
    /// Absent for the first page; then the `next_cursor` of the page before.
    pub cursor: Option<String>,
}

/// The caller's payouts, newest first, a page of 50.
#[utoipa::path(get, path = paths::PAYOUTS, operation_id = "list_payouts", tag = "payouts",
    params(PayoutsQuery),
    responses((status = 200, description = "A page of payouts.", body = Page<Payout>)),
    security(("session" = ["reports.read"])))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(q): ApiQuery<PayoutsQuery>,
) -> ApiResult<axum::Json<Page<Payout>>> {
    session.require(Permission::ReportsRead)?;
    const PAGE: i64 = 50;
    let mut conn = state.db.acquire().await?;
    let rows = store::payouts(&mut conn, &session.org_id, q.cursor.as_deref(), PAGE).await?;
    let next_cursor = rows
        .last()
        .filter(|_| rows.len() as i64 == PAGE)
        .map(|r| r.requested_at.clone());
    Ok(axum::Json(Page {
        items: rows
            .iter()
            .map(|r| payout_view(&session, r))
            .collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

/// One of the caller's payouts.
#[utoipa::path(get, path = paths::payout(&PayoutId::from("{id}")), operation_id = "get_payout", tag = "payouts",
    params(("id" = String, Path, description = "Payout id")),
    responses(
        (status = 200, description = "The payout.", body = Payout),
        (status = 404, description = "No such payout in the caller's organisation.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["reports.read"])))]
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<PayoutId>,
) -> ApiResult<axum::Json<Payout>> {
    session.require(Permission::ReportsRead)?;
    let mut conn = state.db.acquire().await?;
    let row = store::find_payout(&mut conn, &session.org_id, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(axum::Json(payout_view(&session, &row)?))
}

/// Asks for a payout from the main account to an active payout account, on a day (today or
/// later, in the merchant's zone). Its amount is held from the available balance at once,
/// under the write lock, so that requests at the same moment never exceed it together; it
/// leaves once another person approves it, within 24 business hours of its day. Field errors:
/// `amount_minor` (`error.amount_positive`, `error.payout_exceeds`), `account_id`
/// (`error.required`, `error.account_not_active`), `on` (`error.in_past`).
#[utoipa::path(post, path = paths::PAYOUTS, operation_id = "create_payout", tag = "payouts",
    request_body = NewPayout,
    responses(
        (status = 201, description = "Asked for; waits for approval.", body = Payout),
        (status = 400, description = "`bad_request`: no Idempotency-Key.", body = guichet_domain::ApiErrorBody),
        (status = 422, description = "`validation_failed`.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["payouts.create"])))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Json(req): Json<NewPayout>,
) -> ApiResult<(StatusCode, axum::Json<Payout>)> {
    session.require(Permission::PayoutsCreate)?;
    require_key(&headers)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let books = books(&mut tx, &session).await?;
    let today = books.today(now);
    let cap = balance(&mut tx, &books, None, now)
        .await?
        .available
        .amount_minor;
    check_new_payout(&req, cap, today).map_err(AppError::validation)?;
    let account_id = PayoutAccountId::from(req.account_id.trim().to_owned());
    let account = store::find_account(&mut tx, &session.org_id, &account_id).await?;
    if account.map(|a| a.status()).transpose()? != Some(AccountStatus::Active) {
        return Err(AppError::field("account_id", messages::ACCOUNT_NOT_ACTIVE));
    }
    let expected = expected(&mut tx, &books, req.on, now).await?;
    let id: PayoutId = crate::store::new_id();
    let amount = Money::new(req.amount_minor, books.currency);
    store::insert_payout(
        &mut tx,
        &NewPayoutRow {
            id: &id,
            org_id: &session.org_id,
            account_id: &account_id,
            amount,
            on: req.on,
            expected_by: expected,
            requested_by: &session.user.id,
            at: now,
        },
    )
    .await?;
    let row = store::find_payout(&mut tx, &session.org_id, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    record(
        &mut tx,
        &session,
        AuditAction::PayoutRequested,
        &row.account_label,
        json!({ "payout_id": id, "amount": amount, "on": req.on }),
    )
    .await?;
    let out = payout_view(&session, &row)?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(out)))
}

/// Moves a payout on by `step`, in the caller's name: approving and rejecting need
/// `payouts.approve` and another person than the requester; cancelling needs
/// `payouts.create`, before approval.
async fn decide(
    state: AppState,
    session: Session,
    headers: HeaderMap,
    id: PayoutId,
    step: PayoutStep,
    reason: Option<String>,
) -> ApiResult<axum::Json<Payout>> {
    let (needs, action) = match step {
        PayoutStep::Approve => (Permission::PayoutsApprove, AuditAction::PayoutApproved),
        PayoutStep::Reject => (Permission::PayoutsApprove, AuditAction::PayoutRejected),
        _ => (Permission::PayoutsCreate, AuditAction::PayoutCancelled),
    };
    session.require(needs)?;
    require_key(&headers)?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let row = store::find_payout(&mut tx, &session.org_id, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if needs == Permission::PayoutsApprove && !may_decide(&row.requested_by, &session.user.id) {
        return Err(AppError::conflict(
            messages::OWN_REQUEST,
            "Nobody approves or rejects their own payout: another person must.",
        ));
    }
    let Some(status) = row.status()?.after(step) else {
        return Err(AppError::conflict(
            messages::PAYOUT_STATUS,
            "The payout can no longer be changed that way.",
        ));
    };
    let reason = reason.map(|r| scrub(r.trim()).text);
    if status == PayoutStatus::Approved {
        let books = books(&mut tx, &session).await?;
        let on = row.on_day.parse::<NaiveDate>().unwrap_or(books.today(now));
        payout_runner::enqueue(&mut tx, &row, on, books.zone, now).await?;
    }
    store::decide_payout(
        &mut tx,
        &id,
        status,
        &session.user.id,
        reason.as_deref(),
        now,
    )
    .await?;
    record(
        &mut tx,
        &session,
        action,
        &row.account_label,
        json!({ "payout_id": id, "amount": row.amount()?, "reason": reason }),
    )
    .await?;
    let row = store::find_payout(&mut tx, &session.org_id, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let out = payout_view(&session, &row)?;
    tx.commit().await?;
    Ok(axum::Json(out))
}

/// Approves a payout someone else asked for; it leaves on its day. Conflicts:
/// `error.own_request`, `error.payout_status`.
#[utoipa::path(post, path = paths::payout_action(&PayoutId::from("{id}"), "approve"), operation_id = "approve_payout", tag = "payouts",
    params(("id" = String, Path, description = "Payout id")),
    responses(
        (status = 200, description = "Approved.", body = Payout),
        (status = 404, description = "No such payout in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: the caller's own request, or not waiting.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["payouts.approve"])))]
pub async fn approve(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(id): ApiPath<PayoutId>,
) -> ApiResult<axum::Json<Payout>> {
    decide(state, session, headers, id, PayoutStep::Approve, None).await
}

/// Rejects a payout someone else asked for, saying why; its amount is available again.
#[utoipa::path(post, path = paths::payout_action(&PayoutId::from("{id}"), "reject"), operation_id = "reject_payout", tag = "payouts",
    params(("id" = String, Path, description = "Payout id")),
    request_body = RefundRejection,
    responses(
        (status = 200, description = "Rejected.", body = Payout),
        (status = 404, description = "No such payout in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: the caller's own request, or not waiting.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["payouts.approve"])))]
pub async fn reject(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(id): ApiPath<PayoutId>,
    Json(req): Json<RefundRejection>,
) -> ApiResult<axum::Json<Payout>> {
    check_rejection(&req).map_err(AppError::validation)?;
    decide(
        state,
        session,
        headers,
        id,
        PayoutStep::Reject,
        Some(req.reason),
    )
    .await
}

/// Withdraws a payout before it is approved; its amount is available again.
#[utoipa::path(post, path = paths::payout_action(&PayoutId::from("{id}"), "cancel"), operation_id = "cancel_payout", tag = "payouts",
    params(("id" = String, Path, description = "Payout id")),
    responses(
        (status = 200, description = "Cancelled.", body = Payout),
        (status = 404, description = "No such payout in the caller's organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: already approved or ended.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["payouts.create"])))]
pub async fn cancel(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ApiPath(id): ApiPath<PayoutId>,
) -> ApiResult<axum::Json<Payout>> {
    decide(state, session, headers, id, PayoutStep::Cancel, None).await
}
