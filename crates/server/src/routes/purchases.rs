//! Purchases: the list a finance team filters, one purchase with its timeline and refunds, and
//! the list's current view as CSV. Permission: `payments.read`. A purchase of another merchant
//! is 404.

use axum::extract::State;
use axum::response::IntoResponse;
use chrono_tz::Tz;
use guichet_domain::developers::ApiScope;
use guichet_domain::payments::{refundable, PurchaseDetail, PurchaseFilter, PurchasePage};
use guichet_domain::{paths, Currency, Money, OrgId, Permission, PurchaseId};

use crate::auth::api_key::Caller;
use crate::auth::Session;
use crate::csv_file::{self, cell, Dialect};
use crate::error::{ApiResult, AppError};
use crate::extract::{page_size, ApiPath, ApiQuery, ListPage};
use crate::state::AppState;
use crate::store::purchases::{self as store, Cursor, PurchaseRow};
use crate::store::{orgs, refunds, Conn};
use crate::time;

/// Purchases a page holds by default: a screen or two; the app asks for more as one scrolls.
const PAGE: u32 = 100;
/// Purchases an export reads at a time: it streams page after page, whatever their number.
const EXPORT_PAGE: i64 = 2_000;

/// The caller's organisation's zone and currency: dates in filters are its days, amounts its
/// minor units.
async fn org_terms(conn: &mut Conn, org: &OrgId) -> ApiResult<(Tz, Currency)> {
    let org = orgs::get(conn, org).await?;
    let zone = org.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let currency = org
        .currency
        .as_deref()
        .and_then(Currency::parse)
        .ok_or_else(AppError::forbidden)?;
    Ok((zone, currency))
}

fn check(filter: &PurchaseFilter) -> ApiResult<()> {
    if let (Some(from), Some(until)) = (filter.from, filter.until) {
        if from > until {
            return Err(AppError::field(
                "until",
                guichet_domain::messages::OUT_OF_RANGE,
            ));
        }
    }
    for (field, value) in [
        ("min_amount_minor", filter.min_amount_minor),
        ("max_amount_minor", filter.max_amount_minor),
    ] {
        if value.is_some_and(|v| v < 0) {
            return Err(AppError::field(
                field,
                guichet_domain::messages::OUT_OF_RANGE,
            ));
        }
    }
    Ok(())
}

/// The organisation's purchases, filtered, a page at a time (keyset: as fast deep in the list as
/// at its top), with the number of matches. Dates are days in the organisation's time zone.
/// People with `payments.read`, or an API key with `Api.purchases_read`.
#[utoipa::path(get, path = paths::PURCHASES, operation_id = "list_purchases", tag = "payments",
    params(PurchaseFilter, ListPage),
    responses((status = 200, description = "A page of purchases.", body = PurchasePage)),
    security(("session" = ["payments.read"]), ("api_key" = ["Api.purchases_read"])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(filter): ApiQuery<PurchaseFilter>,
    ApiQuery(page): ApiQuery<ListPage>,
) -> ApiResult<axum::Json<PurchasePage>> {
    caller.require(Permission::PaymentsRead, ApiScope::PurchasesRead)?;
    check(&filter)?;
    let sort = filter.sort.unwrap_or_default();
    let limit = page_size(page.limit, PAGE, 500)?;
    let after = page
        .cursor
        .map(|c| Cursor::decode(&c, sort, 2))
        .transpose()?;
    let mut conn = state.db.acquire().await?;
    let org = caller.org_id();
    let (zone, currency) = org_terms(&mut conn, org).await?;
    // The page and the count of matches are read at once, on two connections: a search that
    // scans reads its index twice, side by side rather than one after the other.
    let page = store::list(
        &mut conn,
        org,
        &filter,
        zone,
        currency,
        after.as_ref(),
        limit.into(),
    );
    let total = async {
        let mut other = state.db.acquire().await?;
        store::count(&mut other, org, &filter, zone, currency).await
    };
    let (rows, total) = tokio::try_join!(page, total)?;
    let next_cursor = rows
        .last()
        .filter(|_| rows.len() == limit as usize)
        .map(|last| store::cursor_after(sort, last).encode());
    Ok(axum::Json(PurchasePage {
        items: rows
            .iter()
            .map(PurchaseRow::summary)
            .collect::<Result<_, _>>()?,
        next_cursor,
        total,
    }))
}

/// One purchase: its fields, its timeline (its own steps and every refund's), its refunds and
/// what may still be refunded. People with `payments.read`, or an API key with
/// `Api.purchases_read`.
#[utoipa::path(get, path = paths::purchase(&PurchaseId::from("{id}")), operation_id = "get_purchase", tag = "payments",
    params(("id" = String, Path, description = "Purchase id")),
    responses(
        (status = 200, description = "The purchase.", body = PurchaseDetail),
        (status = 404, description = "No such purchase in the caller's organisation.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["payments.read"]), ("api_key" = ["Api.purchases_read"])))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<PurchaseId>,
) -> ApiResult<axum::Json<PurchaseDetail>> {
    caller.require(Permission::PaymentsRead, ApiScope::PurchasesRead)?;
    let mut conn = state.db.acquire().await?;
    Ok(axum::Json(detail(&mut conn, caller.org_id(), &id).await?))
}

/// The purchase `id` of the organisation `org`, as its page shows it.
pub async fn detail(conn: &mut Conn, org: &OrgId, id: &PurchaseId) -> ApiResult<PurchaseDetail> {
    let row = store::find(conn, org, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let refund_rows = refunds::of_purchase(conn, id).await?;
    let mut timeline = row.own_events()?;
    timeline.extend(refunds::events(conn, id, None).await?);
    timeline.sort_by_key(|e| e.at);
    let held = refund_rows
        .iter()
        .map(|r| Ok((r.amount_minor, r.status()?)))
        .collect::<Result<Vec<_>, AppError>>()?;
    let amount = row.amount()?;
    Ok(PurchaseDetail {
        purchase: row.summary()?,
        timeline,
        refunds: refund_rows
            .iter()
            .map(|r| r.summary())
            .collect::<Result<_, _>>()?,
        refundable: Money::new(
            refundable(row.status()?, amount.amount_minor, held),
            amount.currency,
        ),
    })
}

/// The list's current view (the same filters and order) as CSV, for a spreadsheet: one line per
/// purchase, times in the organisation's zone, amounts in major units with a `.`. Streamed as
/// it is read, page after page: no length is known before the end, and there is no limit.
#[utoipa::path(get, path = paths::PURCHASES_EXPORT, operation_id = "export_purchases", tag = "payments",
    params(PurchaseFilter),
    responses((status = 200, description = "The purchases as CSV.", content_type = "text/csv", body = String)),
    security(("session" = ["payments.read"])))]
pub async fn export(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(filter): ApiQuery<PurchaseFilter>,
) -> ApiResult<impl IntoResponse> {
    session.require(Permission::PaymentsRead)?;
    check(&filter)?;
    let sort = filter.sort.unwrap_or_default();
    let mut conn = state.db.acquire().await?;
    let (zone, currency) = org_terms(&mut conn, &session.org_id).await?;
    drop(conn);
    let name = format!(
        "purchases-{}.csv",
        time::now().with_timezone(&zone).format("%Y-%m-%d")
    );
    let (db, org) = (state.db.clone(), session.org_id.clone());
    Ok(csv_file::download(
        &name,
        Dialect::PLAIN,
        move |mut out| async move {
            out.row([
                "reference",
                "date_time",
                "amount",
                "currency",
                "status",
                "payment_method",
                "brand",
                "instrument",
                "customer",
                "shop",
            ])?;
            let mut after: Option<Cursor> = None;
            loop {
                // A connection per page: a slow client holds none while it reads.
                let mut conn = db.acquire().await?;
                let rows = store::list(
                    &mut conn,
                    &org,
                    &filter,
                    zone,
                    currency,
                    after.as_ref(),
                    EXPORT_PAGE,
                )
                .await?;
                drop(conn);
                for row in &rows {
                    let p = row.summary()?;
                    out.row([
                        cell(&p.reference),
                        p.created_at.with_timezone(&zone).to_rfc3339(),
                        p.amount.decimal_string(),
                        p.amount.currency.code().to_owned(),
                        p.status.as_str().to_owned(),
                        p.method.kind.as_str().to_owned(),
                        cell(&p.method.brand),
                        cell(&p.method.masked),
                        cell(&p.customer),
                        cell(&p.shop),
                    ])?;
                }
                out.send_full().await?;
                match rows.last() {
                    Some(last) if rows.len() == EXPORT_PAGE as usize => {
                        after = Some(store::cursor_after(sort, last));
                    }
                    _ => break,
                }
            }
            out.finish().await
        },
    ))
}
