//! Purchases: the list with its filters and keyset orders, one purchase, and the bulk insert
//! the demo's generator uses.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use guichet_domain::balances::{Account, Charge, Pricing};
use guichet_domain::payments::{
    parse_major, MethodKind, PaymentEvent, PaymentEventKind, PaymentMethod, PurchaseFilter,
    PurchaseSort, PurchaseStatus, PurchaseSummary,
};
use guichet_domain::{Currency, Money, OrgId, PurchaseId};

use super::keyset::{self, Key};
use super::Conn;
use crate::db;
use crate::error::AppError;
use crate::time;

const SELECT: &str = "SELECT p.id, p.reference, p.created_at, p.authorised_at, p.settled_at, \
     p.amount_minor, p.currency, p.status, p.method_kind, p.method_brand, p.method_masked, \
     p.customer, p.shop FROM purchases p";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PurchaseRow {
    pub id: PurchaseId,
    pub reference: String,
    pub created_at: String,
    pub authorised_at: Option<String>,
    pub settled_at: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub method_kind: String,
    pub method_brand: String,
    pub method_masked: String,
    pub customer: String,
    pub shop: String,
}

impl PurchaseRow {
    pub fn status(&self) -> Result<PurchaseStatus, AppError> {
        PurchaseStatus::parse(&self.status).ok_or_else(|| {
            AppError::internal(format_args!("bad purchase status {:?}", self.status))
        })
    }

    pub fn currency(&self) -> Result<Currency, AppError> {
        Currency::parse(&self.currency)
            .ok_or_else(|| AppError::internal(format_args!("bad currency {:?}", self.currency)))
    }

    pub fn amount(&self) -> Result<Money, AppError> {
        Ok(Money::new(self.amount_minor, self.currency()?))
    }

    pub fn summary(&self) -> Result<PurchaseSummary, AppError> {
        Ok(PurchaseSummary {
            id: self.id.clone(),
            reference: self.reference.clone(),
            created_at: time::from_db(&self.created_at)?,
            amount: self.amount()?,
            status: self.status()?,
            method: PaymentMethod {
                kind: MethodKind::parse(&self.method_kind).ok_or_else(|| {
                    AppError::internal(format_args!("bad method {:?}", self.method_kind))
                })?,
                brand: self.method_brand.clone(),
                masked: self.method_masked.clone(),
            },
            customer: self.customer.clone(),
            shop: self.shop.clone(),
        })
    }

    /// The purchase's own steps, from its columns: created, authorised, then completed or
    /// cancelled. They come from the operator, with no request of ours behind them.
    pub fn own_events(&self) -> Result<Vec<PaymentEvent>, AppError> {
        let settled = match self.status()? {
            PurchaseStatus::Completed => Some(PaymentEventKind::Completed),
            PurchaseStatus::Cancelled => Some(PaymentEventKind::Cancelled),
            PurchaseStatus::Pending => None,
        };
        let steps = [
            (Some(PaymentEventKind::Created), Some(&self.created_at)),
            (
                Some(PaymentEventKind::Authorised),
                self.authorised_at.as_ref(),
            ),
            (settled, self.settled_at.as_ref()),
        ];
        steps
            .into_iter()
            .filter_map(|(kind, at)| Some((kind?, at?)))
            .map(|(kind, at)| {
                Ok(PaymentEvent {
                    kind,
                    at: time::from_db(at)?,
                    refund_id: None,
                    by: None,
                    request_id: None,
                    attempt: None,
                    detail: None,
                })
            })
            .collect()
    }
}

/// Where a purchases page stopped.
pub type Cursor = keyset::Cursor<PurchaseSort>;

fn columns(sort: PurchaseSort) -> [&'static str; 2] {
    match sort {
        PurchaseSort::Newest | PurchaseSort::Oldest => ["p.created_at", "p.id"],
        PurchaseSort::AmountDesc | PurchaseSort::AmountAsc => ["p.amount_minor", "p.id"],
    }
}

fn descending(sort: PurchaseSort) -> bool {
    matches!(sort, PurchaseSort::Newest | PurchaseSort::AmountDesc)
}

/// The cursor after `row` in `sort`.
pub fn cursor_after(sort: PurchaseSort, row: &PurchaseRow) -> Cursor {
    let first = match sort {
        PurchaseSort::Newest | PurchaseSort::Oldest => Key::Text(row.created_at.clone()),
        PurchaseSort::AmountDesc | PurchaseSort::AmountAsc => Key::Int(row.amount_minor),
    };
    Cursor {
        sort,
        keys: vec![first, Key::Text(row.id.to_string())],
    }
}

/// What the list's filters say, for an organisation in `zone` whose amounts have `digits`
/// decimals: a `WHERE` clause with `?` placeholders and its values.
fn conditions(org: &OrgId, filter: &PurchaseFilter, zone: Tz, digits: u32) -> (String, Vec<Key>) {
    let mut sql = String::from(" WHERE p.org_id = ?");
    let mut binds = vec![Key::Text(org.to_string())];
    let mut add = |clause: &str, value: Key| {
        sql.push_str(clause);
        binds.push(value);
    };
    if let Some(s) = filter.status {
        add(" AND p.status = ?", Key::Text(s.as_str().to_owned()));
    }
    if let Some(from) = filter.from {
        add(" AND p.created_at >= ?", Key::Text(day_start(from, zone)));
    }
    if let Some(until) = filter.until.and_then(|d| d.succ_opt()) {
        add(" AND p.created_at < ?", Key::Text(day_start(until, zone)));
    }
    if let Some(min) = filter.min_amount_minor {
        add(" AND p.amount_minor >= ?", Key::Int(min));
    }
    if let Some(max) = filter.max_amount_minor {
        add(" AND p.amount_minor <= ?", Key::Int(max));
    }
    if let Some(m) = filter.method {
        add(" AND p.method_kind = ?", Key::Text(m.as_str().to_owned()));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let like = Key::Text(format!("%{}%", q.to_lowercase().replace(['%', '_'], "")));
        match parse_major(q, digits) {
            Some(amount) => {
                add(" AND (p.search_key LIKE ?", like);
                add(" OR p.amount_minor = ?)", Key::Int(amount));
            }
            None => add(" AND p.search_key LIKE ?", like),
        }
    }
    (sql, binds)
}

/// Midnight of `day` in `zone`, as stored (UTC text). A day that starts in a gap (no zone we
/// serve has one at midnight) falls back to its UTC midnight.
pub fn day_start(day: NaiveDate, zone: Tz) -> String {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let at = zone
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight));
    time::to_db(at)
}

/// A page of the organisation's purchases matching `filter`, after `after`.
pub async fn list(
    conn: &mut Conn,
    org: &OrgId,
    filter: &PurchaseFilter,
    zone: Tz,
    currency: Currency,
    after: Option<&Cursor>,
    limit: i64,
) -> Result<Vec<PurchaseRow>, AppError> {
    let sort = filter.sort.unwrap_or_default();
    let (mut sql, mut binds) = conditions(org, filter, zone, currency.minor_digits());
    let cols = columns(sort);
    if let Some(after) = after {
        let (condition, values) = keyset::after(&cols, &after.keys, descending(sort));
        sql.push_str(&condition);
        binds.extend(values);
    }
    let direction = if descending(sort) { " DESC" } else { "" };
    let sql = db::numbered(&format!(
        "{SELECT}{sql} ORDER BY {}{direction}, {}{direction} LIMIT ?",
        cols[0], cols[1]
    ));
    Ok(keyset::bind(sqlx::query_as(&sql), binds)
        .bind(limit)
        .fetch_all(conn)
        .await?)
}

/// How many of the organisation's purchases match `filter`.
pub async fn count(
    conn: &mut Conn,
    org: &OrgId,
    filter: &PurchaseFilter,
    zone: Tz,
    currency: Currency,
) -> Result<u64, AppError> {
    let (sql, binds) = conditions(org, filter, zone, currency.minor_digits());
    let sql = db::numbered(&format!("SELECT COUNT(*) FROM purchases p{sql}"));
    let (n,): (i64,) = keyset::bind(sqlx::query_as(&sql), binds)
        .fetch_one(conn)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The organisation's purchase `id`, if it has one.
pub async fn find(
    conn: &mut Conn,
    org: &OrgId,
    id: &PurchaseId,
) -> Result<Option<PurchaseRow>, AppError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE p.id = $1 AND p.org_id = $2"))
            .bind(id)
            .bind(org)
            .fetch_optional(conn)
            .await?,
    )
}

/// A purchase to insert.
#[derive(Debug, Clone)]
pub struct NewPurchase {
    pub id: PurchaseId,
    pub reference: String,
    pub created_at: DateTime<Utc>,
    pub authorised_at: Option<DateTime<Utc>>,
    pub settled_at: Option<DateTime<Utc>>,
    pub amount_minor: i64,
    pub currency: Currency,
    pub status: PurchaseStatus,
    pub method_kind: MethodKind,
    pub method_brand: &'static str,
    pub method_masked: String,
    pub customer: String,
    pub shop: &'static str,
}

/// Columns a row binds; rows go in batches under both backends' limits on bound values.
const COLUMNS: usize = 17;
const BATCH: usize = 500;

/// Inserts purchases in batches of multi-row `INSERT`s, each completed one with its fee and
/// that fee's VAT by `pricing` (fixed then), then writes the ledger's movement of each
/// completed one not in it yet (`purchase:<id>`: the operator owes the provider what goes to
/// the merchant's shop account).
pub async fn insert_many(
    conn: &mut Conn,
    org: &OrgId,
    pricing: &Pricing,
    purchases: &[NewPurchase],
) -> Result<(), AppError> {
    for chunk in purchases.chunks(BATCH) {
        let row = format!("({})", vec!["?"; COLUMNS].join(", "));
        let sql = db::numbered(&format!(
            "INSERT INTO purchases (id, org_id, reference, created_at, authorised_at, settled_at, \
             amount_minor, currency, status, method_kind, method_brand, method_masked, customer, \
             search_key, shop, fee_minor, vat_minor) VALUES {}",
            vec![row; chunk.len()].join(", ")
        ));
        let mut query = sqlx::query(&sql);
        for p in chunk {
            let charge = if p.status == PurchaseStatus::Completed {
                pricing.charge(p.method_kind, p.amount_minor)
            } else {
                Charge::default()
            };
            query = query
                .bind(p.id.as_str())
                .bind(org.as_str())
                .bind(p.reference.as_str())
                .bind(time::to_db(p.created_at))
                .bind(p.authorised_at.map(time::to_db))
                .bind(p.settled_at.map(time::to_db))
                .bind(p.amount_minor)
                .bind(p.currency.code())
                .bind(p.status.as_str())
                .bind(p.method_kind.as_str())
                .bind(p.method_brand)
                .bind(p.method_masked.as_str())
                .bind(p.customer.as_str())
                .bind(format!("{} {}", p.reference, p.customer).to_lowercase())
                .bind(p.shop)
                .bind(charge.fee)
                .bind(charge.vat);
        }
        query.execute(&mut *conn).await?;
    }
    for (account, sign) in [(Account::Shop, ""), (Account::Operator, "-")] {
        let account = account.as_str();
        sqlx::query(&format!(
            "INSERT INTO ledger_entries (org_id, movement, account, amount_minor, currency, at) \
             SELECT org_id, 'purchase:' || id, '{account}', {sign}amount_minor, currency, settled_at \
             FROM purchases p WHERE org_id = $1 AND status = 'completed' AND NOT EXISTS \
             (SELECT 1 FROM ledger_entries e WHERE e.movement = 'purchase:' || p.id \
             AND e.account = '{account}')"
        ))
        .bind(org)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_starts_at_midnight_in_the_organisation_zone() {
        let day = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(
            day_start(day, chrono_tz::Europe::Paris),
            "2026-06-30T22:00:00.000000Z"
        );
        assert_eq!(
            day_start(day, chrono_tz::Africa::Abidjan),
            "2026-07-01T00:00:00.000000Z"
        );
    }

    #[test]
    fn an_amount_searched_matches_amounts_too() {
        let filter = PurchaseFilter {
            q: Some("1500.50".into()),
            ..Default::default()
        };
        let (sql, binds) = conditions(&OrgId::from("o"), &filter, chrono_tz::UTC, 2);
        assert!(sql.contains("p.amount_minor = ?"), "{sql}");
        assert_eq!(binds[2], Key::Int(150_050));
        let filter = PurchaseFilter {
            q: Some("AS-00".into()),
            ..Default::default()
        };
        let (sql, _) = conditions(&OrgId::from("o"), &filter, chrono_tz::UTC, 2);
        assert!(!sql.contains("amount_minor"), "{sql}");
    }
}
