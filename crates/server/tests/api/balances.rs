//! Balances and the daily settlement against the demo's purchases and refunds: each business
//! day settled once, a gap caught up, two processes at once, and the books adding up.

use chrono::TimeDelta;
use chrono::TimeZone;
use guichet_domain::api::Page;
use guichet_domain::balances::{Account, Balances, Reconciliation, Settlement};
use guichet_domain::payments::PurchaseStatus;
use guichet_domain::{paths, ErrorCode, OrgId, Role};
use guichet_server::db;
use guichet_server::demo::purchases;
use guichet_server::settlement_runner::run_due;
use guichet_server::store::purchases as store_purchases;
use guichet_server::store::{ledger, settlements};

use crate::helpers::*;

/// Every settlement of a merchant, newest first, through the API.
pub(crate) async fn settlements(app: &TestApp, login: &Login) -> Vec<Settlement> {
    let page: Page<Settlement> = app
        .get(Some(login), &format!("{}?limit=200", paths::SETTLEMENTS))
        .await
        .ok()
        .json();
    assert!(page.next_cursor.is_none(), "one page holds them");
    page.items
}

#[tokio::test]
async fn business_days_are_settled_once_each_and_a_gap_is_caught_up() {
    let app = spawn_app().await;
    let now = chrono::Utc::now();
    // The server was down for ten days: the days before were settled, those since were not.
    let before = run_due(&app.db, now - TimeDelta::days(10)).await.unwrap();
    assert!(before > 50, "four months of business days: {before}");
    let caught_up = run_due(&app.db, now).await.unwrap();
    // Ten days hold at least two weeks' worth of business days less holidays, for each merchant.
    assert!(caught_up >= 2 * 5, "caught up {caught_up}");
    assert_eq!(
        run_due(&app.db, now).await.unwrap(),
        0,
        "a day settles once"
    );

    for slug in ["abidjan-shop", "paris-shop"] {
        let finance = app.login(Role::Finance, slug).await;
        let all = settlements(&app, &finance).await;
        // No day skipped or taken twice: each settlement starts where the one before ended.
        for pair in all.windows(2) {
            assert_eq!(pair[0].from_day, pair[1].day, "{slug}");
        }
        let balances: Balances = app.get(Some(&finance), paths::BALANCES).await.ok().json();
        assert_eq!(
            balances.main.amount_minor,
            all.iter().map(|s| s.lines.net).sum::<i64>(),
            "{slug}: the main account is the settlements' nets (no payout yet)"
        );
        assert!(balances.next_settlement.day > all[0].day);
        assert_eq!(balances.days.len(), 30);

        // The chart's sales and fees are the completed purchases made since its first day began.
        let mut conn = app.db.acquire().await.unwrap();
        let zone: chrono_tz::Tz = if slug == "abidjan-shop" {
            chrono_tz::Africa::Abidjan
        } else {
            chrono_tz::Europe::Paris
        };
        let since = guichet_server::store::purchases::day_start(balances.days[0].day, zone);
        let me: serde_json::Value = app.get(Some(&finance), paths::ME).await.ok().json();
        let (sales, fees): (i64, i64) = sqlx::query_as(
            "SELECT CAST(SUM(amount_minor) AS BIGINT), CAST(SUM(fee_minor + vat_minor) AS BIGINT) \
             FROM purchases WHERE org_id = $1 AND status = 'completed' AND created_at >= $2",
        )
        .bind(me["organisation"]["id"].as_str().unwrap())
        .bind(&since)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!(
            balances.days.iter().map(|d| d.sales_minor).sum::<i64>(),
            sales,
            "{slug}"
        );
        assert_eq!(
            balances.days.iter().map(|d| d.fees_minor).sum::<i64>(),
            fees,
            "{slug}"
        );

        // Each settlement's gross, fees and VAT are those of the purchases it took.
        let taken: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT settlement_id, COUNT(*), CAST(SUM(amount_minor) AS BIGINT), \
             CAST(SUM(fee_minor) AS BIGINT), CAST(SUM(vat_minor) AS BIGINT) \
             FROM purchases WHERE settlement_id IS NOT NULL GROUP BY settlement_id",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        for s in all.iter().filter(|s| s.purchases > 0) {
            let (_, n, gross, fees, vat) = taken
                .iter()
                .find(|t| t.0 == s.id.as_str())
                .expect("its purchases");
            assert_eq!(
                (*n as u64, *gross, *fees, *vat),
                (s.purchases, s.lines.gross, s.lines.fees, s.lines.vat)
            );
        }
    }
    let mut conn = app.db.acquire().await.unwrap();
    assert!(ledger::unbalanced(&mut conn).await.unwrap().is_empty());
}

#[tokio::test]
async fn two_processes_settling_at_once_settle_each_day_once() {
    let app = spawn_app().await;
    let other = app.another_process().await;
    let now = chrono::Utc::now();
    let (a, b) = tokio::join!(run_due(&app.db, now), run_due(&other.db, now));
    let settled = a.unwrap() + b.unwrap();
    let finance = app.login(Role::Finance, "abidjan-shop").await;
    let paris = app.login(Role::Finance, "paris-shop").await;
    let count = settlements(&app, &finance).await.len() + settlements(&app, &paris).await.len();
    assert_eq!(settled, count);
    let mut conn = app.db.acquire().await.unwrap();
    let days: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT org_id || day) FROM settlements")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(days as usize, count);
    // The shop account holds what no settlement took yet: today's sales.
    let me: serde_json::Value = app.get(Some(&finance), paths::ME).await.ok().json();
    let org: OrgId = me["organisation"]["id"].as_str().unwrap().to_owned().into();
    let shop = ledger::balance(
        &mut conn,
        &org,
        Account::Shop,
        guichet_domain::Currency::Xof,
    )
    .await
    .unwrap();
    let unsettled: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM purchases \
         WHERE org_id = $1 AND status = 'completed' AND settlement_id IS NULL",
    )
    .bind(&org)
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert_eq!(shop, unsettled);
}

#[tokio::test]
async fn a_settlement_of_another_merchant_is_not_found() {
    let app = spawn_app().await;
    run_due(&app.db, chrono::Utc::now()).await.unwrap();
    let abidjan = app.login(Role::Finance, "abidjan-shop").await;
    let paris = app.login(Role::Finance, "paris-shop").await;
    let theirs = &settlements(&app, &paris).await[0];
    app.get(Some(&abidjan), &paths::settlement(&theirs.id))
        .await
        .assert_error(404, ErrorCode::NotFound);
    let mine = &settlements(&app, &abidjan).await[0];
    let seen: Settlement = app
        .get(Some(&abidjan), &paths::settlement(&mine.id))
        .await
        .ok()
        .json();
    assert_eq!(&seen, mine);
}

/// Not a check: the figure `cargo xtask bench` reports (run with `--ignored --nocapture`).
#[tokio::test]
#[ignore = "a measurement, run by cargo xtask bench"]
async fn bench_settling_a_business_day_of_ten_thousand_purchases() {
    const PURCHASES: usize = 10_000;
    let app = spawn_app().await;
    let now = chrono::Utc::now();
    run_due(&app.db, now).await.unwrap();
    let finance = app.login(Role::Finance, "abidjan-shop").await;
    let me: serde_json::Value = app.get(Some(&finance), paths::ME).await.ok().json();
    let org: OrgId = me["organisation"]["id"].as_str().unwrap().to_owned().into();
    let mut conn = app.db.acquire().await.unwrap();
    let books = settlements::books(&mut conn, &org).await.unwrap().unwrap();
    let calendar = settlements::calendar(&mut conn, books.country)
        .await
        .unwrap();
    // A busy day: ten thousand sales over today's hours so far.
    let mut day = purchases::generate(&purchases::ABIDJAN, PURCHASES, now);
    let today = books.today(now);
    let since = books
        .zone
        .from_local_datetime(&today.and_hms_opt(0, 0, 0).unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    for (n, p) in day.iter_mut().enumerate() {
        let at = since + (now - since) * n as i32 / PURCHASES as i32;
        p.reference = format!("BENCH-{n}");
        p.created_at = at;
        p.authorised_at = Some(at);
        p.settled_at = Some(at);
        p.status = PurchaseStatus::Completed;
    }
    store_purchases::insert_many(&mut conn, &org, &books.pricing, &day)
        .await
        .unwrap();
    drop(conn);
    let next = calendar.on_or_after(today + TimeDelta::days(1));
    let started = std::time::Instant::now();
    let mut tx = db::begin_write(&app.db).await.unwrap();
    let id = settlements::settle(&mut tx, &books, &calendar, next, now)
        .await
        .unwrap()
        .expect("settled");
    tx.commit().await.unwrap();
    let elapsed = started.elapsed();
    let settled: Settlement = app
        .get(Some(&finance), &paths::settlement(&id))
        .await
        .ok()
        .json();
    assert!(settled.purchases as usize >= PURCHASES);
    println!(
        "- settling one business day of {} purchases: {:.0} ms",
        settled.purchases,
        elapsed.as_secs_f64() * 1000.0
    );
}

/// A report's rows, by their header's names.
pub(crate) fn read_csv(
    text: &str,
    delimiter: u8,
) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// A decimal amount in major units, as minor units of a currency with `digits` decimals.
pub(crate) fn minor(text: &str, digits: u32) -> i64 {
    let text = text.replace(',', ".");
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    let whole: i64 = whole.trim_start_matches('-').parse().unwrap();
    let frac: i64 = if digits == 0 {
        0
    } else {
        format!("{frac:0<2}").parse().unwrap()
    };
    sign * (whole * 10i64.pow(digits) + frac)
}

#[tokio::test]
async fn a_period_s_report_adds_up_to_its_settlements_and_the_books_reconcile() {
    let app = spawn_app().await;
    let now = chrono::Utc::now();
    run_due(&app.db, now).await.unwrap();
    for (slug, digits) in [("abidjan-shop", 0), ("paris-shop", 2)] {
        let finance = app.login(Role::Finance, slug).await;
        let all = settlements(&app, &finance).await;
        let (until, from) = (all[0].day, all[all.len() / 2].day);
        let query = format!("from={from}&until={until}");
        let r = app
            .get(
                Some(&finance),
                &format!("{}?{query}", paths::REPORT_TRANSACTIONS),
            )
            .await
            .ok();
        assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
        let rows = read_csv(&r.text(), b',');
        assert!(!rows.is_empty());
        // Each settlement of the period: its rows sum to its net, line by line.
        let taken: Vec<&Settlement> = all
            .iter()
            .filter(|s| s.day >= from && s.day <= until)
            .collect();
        for s in &taken {
            let mine: Vec<_> = rows
                .iter()
                .filter(|r| r["settlement_id"] == s.id.as_str())
                .collect();
            let sum = |column: &str| mine.iter().map(|r| minor(&r[column], digits)).sum::<i64>();
            assert_eq!(sum("net"), s.lines.net, "{slug} {}", s.day);
            assert_eq!(sum("gross"), s.lines.gross);
            assert_eq!(sum("fees"), s.lines.fees);
            assert_eq!(sum("vat"), s.lines.vat);
            assert_eq!(sum("refunds"), s.lines.refunds);
            assert_eq!(
                mine.iter().filter(|r| r["type"] == "purchase").count() as u64,
                s.purchases
            );
        }
        // Settled rows come settlement by settlement, oldest first; unsettled ones last.
        let days: Vec<&str> = rows.iter().map(|r| r["settlement_date"].as_str()).collect();
        let settled_end = days.iter().position(|d| d.is_empty()).unwrap_or(days.len());
        assert!(days[..settled_end].windows(2).all(|w| w[0] <= w[1]));
        assert!(days[settled_end..].iter().all(|d| d.is_empty()));

        let check: Reconciliation = app
            .get(
                Some(&finance),
                &format!("{}?{query}", paths::REPORT_RECONCILIATION),
            )
            .await
            .ok()
            .json();
        assert!(check.differences.none(), "{slug}: {check:?}");
        assert_eq!(check.settlements as usize, taken.len());
        assert!(check.main_change > 0);

        // In French: semicolons, decimal commas, French headers, a byte-order mark.
        let fr = app
            .get(
                Some(&finance),
                &format!("{}?{query}&format=csv_fr", paths::REPORT_TRANSACTIONS),
            )
            .await
            .ok()
            .text();
        assert!(fr.starts_with('\u{feff}'));
        let fr_rows = read_csv(&fr, b';');
        assert_eq!(fr_rows.len(), rows.len());
        assert!(fr_rows[0].contains_key("brut"));
        if digits == 2 {
            assert!(fr_rows.iter().all(|r| r["brut"].contains(',')));
        }
    }
}

#[tokio::test]
async fn a_report_s_period_is_checked() {
    let app = spawn_app().await;
    let finance = app.login(Role::Finance, "abidjan-shop").await;
    let e = app
        .get(
            Some(&finance),
            &format!(
                "{}?from=2026-12-01&until=2026-11-01",
                paths::REPORT_TRANSACTIONS
            ),
        )
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["until"][0], guichet_domain::messages::OUT_OF_RANGE);
}
