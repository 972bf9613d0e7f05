//! The balances pages in a real browser: the organisation's days and the chart's scale in each
//! language through `Intl`, a settlement's statement, and the chart drawn at the width it has,
//! with its words for screen readers and its figures as a table.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use chrono::{Days, NaiveDate};
use guichet::features::balances::day_chart::DayChart;
use guichet::features::balances::statement_lines::StatementLines;
use guichet::i18n::money::{format_money, format_money_compact};
use guichet::i18n::time::{format_day, DayStyle};
use guichet::i18n::Locale;
use guichet::state::locale::{provide_locale, LocaleState, STORAGE_KEY};
use guichet_domain::balances::{DayFigures, SettlementLines};
use guichet_domain::{Currency, Money};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Spaces of any width as one, to compare what `Intl` writes with what people read.
fn plain(s: &str) -> String {
    s.replace(['\u{202f}', '\u{a0}'], " ")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// A fresh element in the page, `width` wide, with the area's words and English chosen.
fn host(width: &str) -> web_sys::HtmlElement {
    guichet::features::balances::texts::register();
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(STORAGE_KEY, "en")
        .unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    host.set_attribute("style", &format!("width: {width}"))
        .unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

fn texts(host: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let found = host.query_selector_all(selector).unwrap();
    (0..found.length())
        .map(|i| plain(&found.item(i).unwrap().text_content().unwrap()))
        .collect()
}

#[wasm_bindgen_test]
fn days_read_in_each_language_and_never_move() {
    let tuesday = day("2026-12-08");
    assert_eq!(format_day(tuesday, "fr", DayStyle::Medium), "8 déc. 2026");
    assert_eq!(
        format_day(tuesday, "fr", DayStyle::Full),
        "mardi 8 décembre 2026"
    );
    assert_eq!(format_day(tuesday, "fr", DayStyle::DayMonth), "8 déc.");
    let en = format_day(tuesday, "en", DayStyle::Full);
    assert!(en.contains("Tuesday") && en.contains("December"), "{en}");
    // A day is the server's: the browser's own zone never moves it to the day before.
    assert_eq!(
        format_day(day("2027-01-01"), "fr", DayStyle::Medium),
        "1 janv. 2027"
    );
}

#[wasm_bindgen_test]
fn the_scale_reads_short_in_each_language() {
    let ten_million = Money::new(10_000_000, Currency::Xof);
    assert_eq!(
        plain(&format_money_compact(ten_million, Locale::Fr)),
        "10 M F CFA"
    );
    assert_eq!(
        plain(&format_money_compact(ten_million, Locale::En)),
        "F CFA 10M"
    );
    assert_eq!(
        plain(&format_money_compact(
            Money::new(500_000, Currency::Eur),
            Locale::Fr
        )),
        "5 k €"
    );
}

#[wasm_bindgen_test]
async fn a_statement_shows_what_is_carried_only_when_there_is_some() {
    let lines = SettlementLines {
        gross: 7_327_300,
        fees: 156_040,
        vat: 28_087,
        refunds: 0,
        carried_in: 0,
        reserve_held: 366_365,
        reserve_released: 469_185,
        net: 7_245_993,
        carried_out: 0,
    };
    let host = host("600px");
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_locale();
        view! { <StatementLines lines currency=Currency::Xof/> }
    });
    tick().await;
    assert_eq!(
        texts(&host, "dt"),
        [
            "Gross sales",
            "Fees",
            "VAT on fees",
            "Refunds",
            "Reserve held",
            "Reserve released",
            "Net to the main account"
        ]
    );
    let amounts = texts(&host, "dd");
    assert_eq!(amounts[6], "F CFA 7,245,993");
    assert!(
        amounts[1].starts_with('-'),
        "a fee comes off: {}",
        amounts[1]
    );
    assert!(
        host.query_selector(".gu-statement__line--net")
            .unwrap()
            .is_some(),
        "the net stands out"
    );

    let owing = SettlementLines {
        carried_in: 12_000,
        carried_out: 5_000,
        ..lines
    };
    let other = self::host("600px");
    let _mounted = leptos::mount::mount_to(other.clone(), move || {
        provide_locale();
        view! { <StatementLines lines=owing currency=Currency::Xof/> }
    });
    tick().await;
    let names = texts(&other, "dt");
    assert_eq!(names[4], "Carried from earlier settlements");
    assert_eq!(names.last().unwrap(), "Carried to the next settlement");
}

/// Thirty days ending on Monday 7 December 2026: sales every day, settlements on business
/// days only.
fn thirty_days() -> Vec<DayFigures> {
    let first = day("2026-11-08");
    (0..30u64)
        .map(|i| {
            let day = first.checked_add_days(Days::new(i)).unwrap();
            let sales = 3_000_000 + i as i64 * 10_000;
            let weekend = matches!(i % 7, 0 | 6);
            DayFigures {
                day,
                sales_minor: sales,
                fees_minor: sales / 40,
                settled_minor: if weekend { 0 } else { 2_900_000 },
            }
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_chart_is_drawn_at_its_width_says_what_it_shows_and_is_a_table_too() {
    let days = thirty_days();
    let sales: i64 = days.iter().map(|d| d.sales_minor).sum();
    let host = host("600px");
    let handle = Rc::new(Cell::new(None::<LocaleState>));
    let keep = handle.clone();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        keep.set(Some(provide_locale()));
        view! { <DayChart days currency=Currency::Xof/> }
    });
    tick().await;
    sleep(50).await;
    let svg = host
        .query_selector("svg[role=img]")
        .unwrap()
        .expect("the chart, drawn once measured");
    assert_eq!(svg.get_attribute("width").as_deref(), Some("600"));
    let label = plain(&svg.get_attribute("aria-label").unwrap());
    assert!(
        label.starts_with("Sales, fees and net settled by day from"),
        "{label}"
    );
    assert!(
        label.contains(&plain(&format_money(
            Money::new(sales, Currency::Xof),
            Locale::En
        ))),
        "its total of sales: {label}"
    );
    assert_eq!(texts(&host, ".gu-day-chart__slot").len(), 30);
    // Every 5th day has its label at 600 px, today's among them.
    let labels = texts(&host, ".gu-day-chart__day");
    assert_eq!(labels.len(), 6, "{labels:?}");
    assert!(labels.last().unwrap().contains("Dec"), "{labels:?}");
    // No bar reaches above the plot.
    let bars = host.query_selector_all("rect").unwrap();
    for i in 0..bars.length() {
        let bar: web_sys::Element = bars.item(i).unwrap().unchecked_into();
        let y: f64 = bar.get_attribute("y").unwrap().parse().unwrap();
        assert!(y >= 11.5, "a bar at {y}");
    }

    // The same figures as a table, folded under its summary.
    let details = host.query_selector("details").unwrap().unwrap();
    assert!(!details.has_attribute("open"));
    assert_eq!(texts(&host, "summary"), ["Show the figures as a table"]);
    assert_eq!(texts(&host, "details tbody tr").len(), 30);
    assert_eq!(
        texts(&host, "details thead th"),
        ["Day", "Sales", "Fees, part of the sales", "Net settled"]
    );

    // Narrower, it is drawn again with fewer labels; in French, it says so in French.
    host.set_attribute("style", "width: 320px").unwrap();
    window()
        .dispatch_event(&web_sys::Event::new("resize").unwrap())
        .unwrap();
    handle.get().unwrap().choose(Locale::Fr);
    tick().await;
    sleep(50).await;
    let svg = host.query_selector("svg[role=img]").unwrap().unwrap();
    assert_eq!(svg.get_attribute("width").as_deref(), Some("320"));
    assert_eq!(texts(&host, ".gu-day-chart__day").len(), 3);
    let label = svg.get_attribute("aria-label").unwrap();
    assert!(
        label.starts_with("Ventes, frais et net réglé par jour du"),
        "{label}"
    );
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item(STORAGE_KEY)
        .unwrap();
}
