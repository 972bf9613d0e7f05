//! Balances and settlements: a merchant's accounts as the ledger sums them, the next
//! settlement's estimate, the reserve's releases, the last 30 days, and the settlements, each
//! line by line. Permission: `reports.read`. Another merchant's settlement is 404.

use axum::extract::State;
use chrono::{NaiveDate, TimeDelta};
use guichet_domain::api::Page;
use guichet_domain::balances::{
    Account, Balances, DayFigures, NextSettlement, ReserveRelease, Settlement,
};
use guichet_domain::{paths, Money, Permission, SettlementId};
use serde::Deserialize;

use crate::auth::Session;
use crate::error::{ApiResult, AppError};
use crate::extract::{page_size, ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::purchases::day_start;
use crate::store::settlements::{self as store, Books};
use crate::store::{ledger, Conn};
use crate::time;

/// Days the chart covers.
const DAYS: i64 = 30;

/// The caller's books; a merchant without a pricing has none to show.
async fn books(conn: &mut Conn, session: &Session) -> ApiResult<Books> {
    store::books(conn, &session.org_id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// The caller's balances: shop, main, reserve (with its releases) and owed; the next
/// settlement's day and estimate; and the last 30 days' sales, fees and net settled.
#[utoipa::path(get, path = paths::BALANCES, operation_id = "get_balances", tag = "balances",
    responses(
        (status = 200, description = "The balances.", body = Balances),
        (status = 404, description = "The organisation has no pricing (not a merchant).", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["reports.read"])))]
pub async fn balances(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Balances>> {
    session.require(Permission::ReportsRead)?;
    let mut conn = state.db.acquire().await?;
    let books = books(&mut conn, &session).await?;
    let calendar = store::calendar(&mut conn, books.country).await?;
    let money = |amount_minor| Money::new(amount_minor, books.currency);
    let sums = ledger::balances(&mut conn, &books.org, books.currency).await?;
    let sum = |account| sums.get(&account).copied().unwrap_or(0);
    let today = books.today(time::now());
    let next_day = calendar.on_or_after(today + TimeDelta::days(1));
    let estimate = store::estimate(&mut conn, &books, next_day).await?;
    // Holds whose days end on a weekend or a holiday are released together, by the next
    // business day's settlement.
    let mut releases: Vec<ReserveRelease> = Vec::new();
    for (until, amount) in store::reserve_held(&mut conn, &books.org).await? {
        let on = calendar.on_or_after(until);
        match releases.last_mut() {
            Some(last) if last.on == on => last.amount.amount_minor += amount,
            _ => releases.push(ReserveRelease {
                on,
                amount: money(amount),
            }),
        }
    }
    let days = days(&mut conn, &books, today).await?;
    Ok(axum::Json(Balances {
        shop: money(sum(Account::Shop)),
        main: money(sum(Account::Main)),
        reserve: money(sum(Account::Reserve)),
        releases,
        owed: money(-sum(Account::Owed)),
        next_settlement: NextSettlement {
            day: next_day,
            estimate,
        },
        days,
    }))
}

/// The last [`DAYS`] days up to `today`, oldest first: each one's completed sales and the fees
/// and VAT on them (by the day they were made, in the merchant's zone), and the net of the
/// settlement that ran on it.
async fn days(conn: &mut Conn, books: &Books, today: NaiveDate) -> ApiResult<Vec<DayFigures>> {
    let first = today - TimeDelta::days(DAYS - 1);
    let mut figures: Vec<DayFigures> = (0..DAYS)
        .map(|n| DayFigures {
            day: first + TimeDelta::days(n),
            sales_minor: 0,
            fees_minor: 0,
            settled_minor: 0,
        })
        .collect();
    // Each day's start, as stored: a sale belongs to the last day that starts before it.
    let starts: Vec<String> = figures
        .iter()
        .map(|f| day_start(f.day, books.zone))
        .collect();
    // Summed by the hour in the database (at most 720 rows, whatever the sales): every zone the
    // merchants are in starts its days on the hour.
    let hours: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT substr(created_at, 1, 13) AS hour, CAST(SUM(amount_minor) AS BIGINT), \
         CAST(SUM(fee_minor + vat_minor) AS BIGINT) FROM purchases \
         WHERE org_id = $1 AND status = 'completed' AND created_at >= $2 GROUP BY hour",
    )
    .bind(&books.org)
    .bind(&starts[0])
    .fetch_all(&mut *conn)
    .await?;
    for (hour, amount, fees) in hours {
        // The hour's start, as stored (`2026-12-07T09` and the rest of the stamp).
        let at = format!("{hour}:00:00.000000Z");
        let n = starts.partition_point(|start| *start <= at);
        if let Some(day) = n.checked_sub(1).and_then(|i| figures.get_mut(i)) {
            day.sales_minor += amount;
            day.fees_minor += fees;
        }
    }
    for settlement in store::list(conn, &books.org, None, DAYS).await? {
        if let Some(day) = figures.iter_mut().find(|f| f.day == settlement.day) {
            day.settled_minor = settlement.lines.net;
        }
    }
    Ok(figures)
}

/// `GET /settlements` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SettlementsQuery {
    /// Items per page, at most 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// Absent for the first page; then the `next_cursor` of the page before.
    pub cursor: Option<String>,
}

/// The caller's settlements, newest first, a page at a time.
#[utoipa::path(get, path = paths::SETTLEMENTS, operation_id = "list_settlements", tag = "balances",
    params(SettlementsQuery),
    responses((status = 200, description = "A page of settlements.", body = Page<Settlement>)),
    security(("session" = ["reports.read"])))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(query): ApiQuery<SettlementsQuery>,
) -> ApiResult<axum::Json<Page<Settlement>>> {
    session.require(Permission::ReportsRead)?;
    let limit = page_size(query.limit, 50, 200)?;
    // The cursor is the last day shown.
    let before = query
        .cursor
        .map(|c| {
            c.parse::<NaiveDate>()
                .map_err(|_| AppError::field("cursor", guichet_domain::messages::INVALID))
        })
        .transpose()?;
    let mut conn = state.db.acquire().await?;
    let items = store::list(&mut conn, &session.org_id, before, limit.into()).await?;
    let next_cursor = items
        .last()
        .filter(|_| items.len() == limit as usize)
        .map(|last| last.day.to_string());
    Ok(axum::Json(Page { items, next_cursor }))
}

/// One of the caller's settlements, line by line.
#[utoipa::path(get, path = paths::settlement(&SettlementId::from("{id}")), operation_id = "get_settlement", tag = "balances",
    params(("id" = String, Path, description = "Settlement id")),
    responses(
        (status = 200, description = "The settlement.", body = Settlement),
        (status = 404, description = "No such settlement in the caller's organisation.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["reports.read"])))]
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<SettlementId>,
) -> ApiResult<axum::Json<Settlement>> {
    session.require(Permission::ReportsRead)?;
    let mut conn = state.db.acquire().await?;
    Ok(axum::Json(
        store::get(&mut conn, &session.org_id, &id)
            .await?
            .ok_or_else(AppError::not_found)?,
    ))
}
