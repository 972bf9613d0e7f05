//! A merchant's books: its pricing and country, the business calendar, and the daily
//! settlement that moves what the shop account collected to the main account
//! ([`SettlementLines`], whose arithmetic is the domain's).

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use guichet_domain::balances::{
    Account, BusinessCalendar, Country, Fee, Pricing, Rate, Settlement, SettlementInput,
    SettlementLines,
};
use guichet_domain::{Currency, OrgId, SettlementId};

use super::purchases::day_start;
use super::{ledger, Conn};
use crate::error::AppError;
use crate::time;

/// What settling a merchant needs to know of it.
#[derive(Debug, Clone)]
pub struct Books {
    pub org: OrgId,
    pub currency: Currency,
    pub zone: Tz,
    pub country: Country,
    pub pricing: Pricing,
}

impl Books {
    /// The merchant's day `now` falls on.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.zone).date_naive()
    }
}

/// Sets a merchant's country and pricing.
pub async fn set_pricing(
    conn: &mut Conn,
    org: &OrgId,
    country: Country,
    pricing: &Pricing,
) -> Result<(), AppError> {
    sqlx::query("UPDATE organisations SET country = $1 WHERE id = $2")
        .bind(country.code())
        .bind(org)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM pricing WHERE org_id = $1")
        .bind(org)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO pricing (org_id, card_percent_bp, card_fixed_minor, mobile_percent_bp, \
         mobile_fixed_minor, vat_bp, reserve_bp, reserve_days) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(org)
    .bind(i64::from(pricing.card.percent.0))
    .bind(pricing.card.fixed_minor)
    .bind(i64::from(pricing.mobile_money.percent.0))
    .bind(pricing.mobile_money.fixed_minor)
    .bind(i64::from(pricing.vat.0))
    .bind(i64::from(pricing.reserve.0))
    .bind(i64::from(pricing.reserve_days))
    .execute(conn)
    .await?;
    Ok(())
}

type BooksRow = (String, String, String, i64, i64, i64, i64, i64, i64, i64);

/// A merchant's books, if it has a currency, a country and a pricing.
pub async fn books(conn: &mut Conn, org: &OrgId) -> Result<Option<Books>, AppError> {
    let row: Option<BooksRow> = sqlx::query_as(
        "SELECT o.currency, o.time_zone, o.country, p.card_percent_bp, p.card_fixed_minor, \
         p.mobile_percent_bp, p.mobile_fixed_minor, p.vat_bp, p.reserve_bp, p.reserve_days \
         FROM organisations o JOIN pricing p ON p.org_id = o.id \
         WHERE o.id = $1 AND o.currency IS NOT NULL AND o.country IS NOT NULL",
    )
    .bind(org)
    .fetch_optional(conn)
    .await?;
    let Some((currency, zone, country, card_bp, card_fixed, mm_bp, mm_fixed, vat, reserve, days)) =
        row
    else {
        return Ok(None);
    };
    let rate = |bp: i64| Rate(u32::try_from(bp).unwrap_or(0));
    let invalid = |what: &str| AppError::internal(format!("organisation {org}: {what}"));
    Ok(Some(Books {
        org: org.clone(),
        currency: Currency::parse(&currency).ok_or_else(|| invalid("currency"))?,
        zone: zone.parse().map_err(|_| invalid("time zone"))?,
        country: Country::parse(&country).ok_or_else(|| invalid("country"))?,
        pricing: Pricing {
            card: Fee {
                percent: rate(card_bp),
                fixed_minor: card_fixed,
            },
            mobile_money: Fee {
                percent: rate(mm_bp),
                fixed_minor: mm_fixed,
            },
            vat: rate(vat),
            reserve: rate(reserve),
            reserve_days: u32::try_from(days).unwrap_or(0),
        },
    }))
}

/// The merchants that have a pricing, whose days are settled.
pub async fn priced_merchants(conn: &mut Conn) -> Result<Vec<OrgId>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT org_id FROM pricing ORDER BY org_id")
            .fetch_all(conn)
            .await?,
    )
}

/// A country's business days, from its holidays in the database.
pub async fn calendar(conn: &mut Conn, country: Country) -> Result<BusinessCalendar, AppError> {
    let days: Vec<String> = sqlx::query_scalar("SELECT day FROM holidays WHERE country = $1")
        .bind(country.code())
        .fetch_all(conn)
        .await?;
    Ok(BusinessCalendar::new(
        days.iter().filter_map(|d| d.parse().ok()),
    ))
}

/// The first business day not yet settled: the one after the last settlement's, or, before
/// any, the one after the merchant's first completed sale or refund; `None` with neither.
pub async fn next_day(
    conn: &mut Conn,
    books: &Books,
    calendar: &BusinessCalendar,
) -> Result<Option<NaiveDate>, AppError> {
    let last: Option<String> =
        sqlx::query_scalar("SELECT MAX(day) FROM settlements WHERE org_id = $1")
            .bind(&books.org)
            .fetch_one(&mut *conn)
            .await?;
    let after = match last {
        Some(day) => Some(parse_day(&day)?),
        None => {
            let first: Option<String> = sqlx::query_scalar(
                "SELECT MIN(settled_at) FROM purchases WHERE org_id = $1 AND status = 'completed'",
            )
            .bind(&books.org)
            .fetch_one(&mut *conn)
            .await?;
            first
                .as_deref()
                .map(time::from_db)
                .transpose()?
                .map(|at| books.today(at))
        }
    };
    Ok(after.map(|day| calendar.on_or_after(day + TimeDelta::days(1))))
}

fn parse_day(day: &str) -> Result<NaiveDate, AppError> {
    day.parse()
        .map_err(|_| AppError::internal(format!("a day in the database: {day}")))
}

/// What settling `day` would start from: the completed purchases and refunds not yet settled
/// from before the day's start, what the last settlement carried, the reserve due back, and
/// the main account.
async fn input(
    conn: &mut Conn,
    books: &Books,
    day: NaiveDate,
) -> Result<(SettlementInput, i64), AppError> {
    let cutoff = day_start(day, books.zone);
    let (purchases, gross, fees, vat): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT), \
         CAST(COALESCE(SUM(fee_minor), 0) AS BIGINT), CAST(COALESCE(SUM(vat_minor), 0) AS BIGINT) \
         FROM purchases WHERE org_id = $1 AND settlement_id IS NULL AND status = 'completed' \
         AND settled_at < $2",
    )
    .bind(&books.org)
    .bind(&cutoff)
    .fetch_one(&mut *conn)
    .await?;
    let refunds: i64 = sqlx::query_scalar(&format!(
        "SELECT CAST(COALESCE(-SUM(e.amount_minor), 0) AS BIGINT) FROM {UNSETTLED_REFUNDS}"
    ))
    .bind(&books.org)
    .bind(&cutoff)
    .fetch_one(&mut *conn)
    .await?;
    let carried_in: Option<i64> = sqlx::query_scalar(
        "SELECT carried_out FROM settlements WHERE org_id = $1 ORDER BY day DESC LIMIT 1",
    )
    .bind(&books.org)
    .fetch_optional(&mut *conn)
    .await?;
    let reserve_released: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(reserve_held), 0) AS BIGINT) FROM settlements \
         WHERE org_id = $1 AND released_by IS NULL AND reserve_until <= $2",
    )
    .bind(&books.org)
    .bind(day.to_string())
    .fetch_one(&mut *conn)
    .await?;
    let main_before = ledger::balance(conn, &books.org, Account::Main, books.currency).await?;
    Ok((
        SettlementInput {
            gross,
            fees,
            vat,
            refunds,
            carried_in: carried_in.unwrap_or(0),
            reserve_released,
            main_before,
        },
        purchases,
    ))
}

/// The completed refunds (their owed entry) not yet settled from before a cutoff; binds the
/// organisation and the cutoff.
const UNSETTLED_REFUNDS: &str = "refunds r JOIN ledger_entries e \
     ON e.movement = 'refund:' || r.id AND e.account = 'owed' \
     WHERE r.org_id = $1 AND r.settlement_id IS NULL AND e.at < $2";

/// What the settlement of `day` would be with what is known now (the balances page's
/// estimate).
pub async fn estimate(
    conn: &mut Conn,
    books: &Books,
    day: NaiveDate,
) -> Result<SettlementLines, AppError> {
    let (input, _) = input(conn, books, day).await?;
    Ok(SettlementLines::settle(input, books.pricing.reserve))
}

/// Settles business day `day`, in the caller's transaction: its lines, the ledger's movement,
/// and the purchases, refunds and reserve it took marked with it. `None` if the day was
/// settled already (running a day twice settles it once).
pub async fn settle(
    conn: &mut Conn,
    books: &Books,
    calendar: &BusinessCalendar,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<SettlementId>, AppError> {
    let settled: Option<String> =
        sqlx::query_scalar("SELECT id FROM settlements WHERE org_id = $1 AND day = $2")
            .bind(&books.org)
            .bind(day.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    if settled.is_some() {
        return Ok(None);
    }
    let (input, purchases) = input(conn, books, day).await?;
    let lines = SettlementLines::settle(input, books.pricing.reserve);
    let id: SettlementId = super::new_id();
    let cutoff = day_start(day, books.zone);
    let reserve_until = day + TimeDelta::days(i64::from(books.pricing.reserve_days));
    sqlx::query(
        "INSERT INTO settlements (id, org_id, day, from_day, currency, gross, fees, vat, refunds, \
         carried_in, reserve_held, reserve_released, net, carried_out, purchases, reserve_until, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
         $16, $17)",
    )
    .bind(&id)
    .bind(&books.org)
    .bind(day.to_string())
    .bind(calendar.previous(day).to_string())
    .bind(books.currency.code())
    .bind(lines.gross)
    .bind(lines.fees)
    .bind(lines.vat)
    .bind(lines.refunds)
    .bind(lines.carried_in)
    .bind(lines.reserve_held)
    .bind(lines.reserve_released)
    .bind(lines.net)
    .bind(lines.carried_out)
    .bind(purchases)
    .bind(reserve_until.to_string())
    .bind(time::to_db(now))
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE purchases SET settlement_id = $1 WHERE org_id = $2 AND settlement_id IS NULL \
         AND status = 'completed' AND settled_at < $3",
    )
    .bind(&id)
    .bind(&books.org)
    .bind(&cutoff)
    .execute(&mut *conn)
    .await?;
    let refunds: Vec<String> = sqlx::query_scalar(&format!("SELECT r.id FROM {UNSETTLED_REFUNDS}"))
        .bind(&books.org)
        .bind(&cutoff)
        .fetch_all(&mut *conn)
        .await?;
    for refund in refunds {
        sqlx::query("UPDATE refunds SET settlement_id = $1 WHERE id = $2")
            .bind(&id)
            .bind(refund)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "UPDATE settlements SET released_by = $1 WHERE org_id = $2 AND released_by IS NULL \
         AND reserve_until <= $3 AND id <> $1",
    )
    .bind(&id)
    .bind(&books.org)
    .bind(day.to_string())
    .execute(&mut *conn)
    .await?;
    // The movement is dated by its business day, not by when it ran (a day caught up later
    // still changes the balances on its day).
    ledger::post(
        conn,
        &books.org,
        &format!("settlement:{id}"),
        books.currency.code(),
        time::from_db(&cutoff)?,
        &lines.entries(),
    )
    .await?;
    Ok(Some(id))
}

type SettlementRow = (
    String,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    String,
);

const SETTLEMENT_COLUMNS: &str = "id, day, from_day, currency, gross, fees, vat, refunds, \
     carried_in, reserve_held, reserve_released, net, carried_out, purchases, reserve_until";

fn settlement(row: SettlementRow) -> Result<Settlement, AppError> {
    let (id, day, from_day, currency, gross, fees, vat, refunds, carried_in, held, released) = (
        row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10,
    );
    Ok(Settlement {
        id: SettlementId::from(id),
        day: parse_day(&day)?,
        from_day: parse_day(&from_day)?,
        currency: Currency::parse(&currency)
            .ok_or_else(|| AppError::internal(format!("a currency: {currency}")))?,
        lines: SettlementLines {
            gross,
            fees,
            vat,
            refunds,
            carried_in,
            reserve_held: held,
            reserve_released: released,
            net: row.11,
            carried_out: row.12,
        },
        purchases: u64::try_from(row.13).unwrap_or(0),
        reserve_until: parse_day(&row.14)?,
    })
}

/// A merchant's settlements, newest first, a page of `limit` before `before` (a day).
pub async fn list(
    conn: &mut Conn,
    org: &OrgId,
    before: Option<NaiveDate>,
    limit: i64,
) -> Result<Vec<Settlement>, AppError> {
    let rows: Vec<SettlementRow> = sqlx::query_as(&format!(
        "SELECT {SETTLEMENT_COLUMNS} FROM settlements WHERE org_id = $1 AND day < $2 \
         ORDER BY day DESC LIMIT $3"
    ))
    .bind(org)
    .bind(before.map_or_else(|| "9999-12-31".to_owned(), |d| d.to_string()))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(settlement).collect()
}

/// A merchant's settlements of the business days from `from` to `until`, oldest first.
pub async fn in_period(
    conn: &mut Conn,
    org: &OrgId,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<Settlement>, AppError> {
    let rows: Vec<SettlementRow> = sqlx::query_as(&format!(
        "SELECT {SETTLEMENT_COLUMNS} FROM settlements WHERE org_id = $1 AND day >= $2 \
         AND day <= $3 ORDER BY day"
    ))
    .bind(org)
    .bind(from.to_string())
    .bind(until.to_string())
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(settlement).collect()
}

/// One of a merchant's settlements.
pub async fn get(
    conn: &mut Conn,
    org: &OrgId,
    id: &SettlementId,
) -> Result<Option<Settlement>, AppError> {
    let row: Option<SettlementRow> = sqlx::query_as(&format!(
        "SELECT {SETTLEMENT_COLUMNS} FROM settlements WHERE org_id = $1 AND id = $2"
    ))
    .bind(org)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(settlement).transpose()
}

/// The reserve still held, by the day it is released from.
pub async fn reserve_held(conn: &mut Conn, org: &OrgId) -> Result<Vec<(NaiveDate, i64)>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT reserve_until, reserve_held FROM settlements \
         WHERE org_id = $1 AND released_by IS NULL AND reserve_held <> 0 ORDER BY reserve_until",
    )
    .bind(org)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(day, amount)| Ok((parse_day(&day)?, amount)))
        .collect()
}
