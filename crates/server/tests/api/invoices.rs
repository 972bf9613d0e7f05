//! Monthly fee invoices: issued once a month is over, once, numbered without gaps across the
//! provider; each equals the fees and VAT its month's settlements charged; readable and
//! downloadable by its merchant only.

use chrono::Datelike;
use guichet_domain::balances::invoices::Invoice;
use guichet_domain::{paths, Role};
use guichet_server::settlement_runner::run_due;

use crate::balances::{minor, read_csv, settlements};
use crate::helpers::*;

#[tokio::test]
async fn a_month_over_is_invoiced_once_with_the_fees_and_vat_its_settlements_charged() {
    let app = spawn_app().await;
    let now = chrono::Utc::now();
    run_due(&app.db, now).await.unwrap();
    let mut numbers = Vec::new();
    for (slug, digits, rate) in [("abidjan-shop", 0, 1_800), ("paris-shop", 2, 2_000)] {
        let finance = app.login(Role::Finance, slug).await;
        let invoices: Vec<Invoice> = app.get(Some(&finance), paths::INVOICES).await.ok().json();
        // The demo's four months: the three over are invoiced, not the current one.
        assert!(invoices.len() >= 3, "{slug}: {}", invoices.len());
        let this_month = now.date_naive().with_day(1).unwrap();
        assert!(invoices.iter().all(|i| i.period_end < this_month));
        assert!(invoices
            .windows(2)
            .all(|w| w[0].period_start > w[1].period_start));
        let all = settlements(&app, &finance).await;
        for invoice in &invoices {
            let month: Vec<_> = all
                .iter()
                .filter(|s| s.day >= invoice.period_start && s.day <= invoice.period_end)
                .collect();
            let fees: i64 = month.iter().map(|s| s.lines.fees).sum();
            let vat: i64 = month.iter().map(|s| s.lines.vat).sum();
            assert_eq!(invoice.fees.amount_minor, fees, "{slug} {}", invoice.number);
            assert_eq!(invoice.vat.amount_minor, vat, "{slug} {}", invoice.number);
            assert_eq!(invoice.total.amount_minor, fees + vat);
            assert_eq!(invoice.vat_rate.0, rate);
            assert!(fees > 0 && !invoice.lines.is_empty());
            numbers.push(invoice.number.clone());
        }

        // One, read alone; then downloaded: a row per method and the total's.
        let newest = &invoices[0];
        let read: Invoice = app
            .get(Some(&finance), &paths::invoice(&newest.id))
            .await
            .ok()
            .json();
        assert_eq!(&read, newest);
        let r = app
            .get(Some(&finance), &paths::invoice_download(&newest.id))
            .await
            .ok();
        assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
        let rows = read_csv(&r.text(), b',');
        assert_eq!(rows.len(), newest.lines.len() + 1);
        let total = rows.last().unwrap();
        assert_eq!(total["method"], "total");
        assert_eq!(minor(&total["fees"], digits), newest.fees.amount_minor);
        assert_eq!(minor(&total["vat"], digits), newest.vat.amount_minor);
        assert_eq!(total["business_account"], newest.business_account.as_str());
        let fr = app
            .get(
                Some(&finance),
                &format!("{}?format=csv_fr", paths::invoice_download(&newest.id)),
            )
            .await
            .ok()
            .text();
        assert!(fr.starts_with('\u{feff}'));
        let fr_rows = read_csv(&fr, b';');
        assert_eq!(
            minor(
                &fr_rows.last().unwrap()["total TTC"].replace(',', "."),
                digits
            ),
            newest.total.amount_minor
        );

        // Another merchant's invoice is none of theirs.
        let other = if slug == "abidjan-shop" {
            "paris-shop"
        } else {
            "abidjan-shop"
        };
        let stranger = app.login(Role::Finance, other).await;
        app.get(Some(&stranger), &paths::invoice(&newest.id))
            .await
            .assert_error(404, guichet_domain::ErrorCode::NotFound);
    }
    // Numbers follow each other without gaps across the provider.
    numbers.sort();
    let sequence: Vec<u64> = numbers
        .iter()
        .map(|n| n.rsplit('-').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(sequence, (1..=sequence.len() as u64).collect::<Vec<_>>());

    // Running again issues nothing more.
    run_due(&app.db, now).await.unwrap();
    let finance = app.login(Role::Finance, "paris-shop").await;
    let again: Vec<Invoice> = app.get(Some(&finance), paths::INVOICES).await.ok().json();
    let mut conn = app.db.acquire().await.unwrap();
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(count as usize, numbers.len());
    assert!(!again.is_empty());
}
