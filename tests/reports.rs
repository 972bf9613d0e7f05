//! The reports page in a real browser, against a stub `fetch`: the last full month and the
//! user's dialect chosen at first; a period the server would refuse refused before anything is
//! sent, with what was typed kept; a report streamed in chunks cut anywhere, its rows counted
//! and saved whole as a file; a refusal, a report cut short and a cancelled one each saying so;
//! and the reconciliation line by line, in words as well as marks, in English and French.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use guichet::features::reports::model::last_full_month;
use guichet::features::reports::reconciliation_check::ReconciliationCheck;
use guichet::features::reports::ReportsPage;
use guichet::i18n::time::today_in;
use guichet::state::locale::{provide_locale, STORAGE_KEY};
use guichet::state::session::{Session, SessionStatus};
use guichet_domain::api::Me;
use guichet_domain::balances::{Reconciliation, ReconciliationDifferences, SettlementLines};
use guichet_domain::Currency;
use js_sys::{Array, Function, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ZONE: &str = "Africa/Abidjan";

/// A CSV in the French dialect whose quoted cells hold separators, quotes and a line break.
const REPORT: &str = "\u{feff}date;type;référence;description;devise;brut\r\n\
    2026-11-02T10:04:00+00:00;purchase;ABJ-1000001;\"Orange Money •••• 12, Awa\";XOF;15000\r\n\
    2026-11-03T11:00:00+00:00;refund;ABJ-1000001;\"Article « abîmé »;\nrendu \"\"en magasin\"\"\";XOF;0\r\n\
    2026-11-04T00:00:00+00:00;reserve_held;;until 2026-11-18;XOF;0\r\n";

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

/// Waits (up to two seconds) until `ready` holds.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..100 {
        if ready() {
            return;
        }
        sleep(20).await;
    }
    panic!("never: {what}");
}

fn finance() -> Me {
    serde_json::from_str(&format!(
        r#"{{
            "user": {{"id": "u-1", "email": "finance@abidjan-shop.demo", "name": "Ibrahim Coulibaly",
                "roles": ["finance"], "active": true, "must_change_password": false, "language": "en",
                "created_at": "2026-01-01T00:00:00Z", "last_login_at": null}},
            "organisation": {{"id": "o-1", "slug": "abidjan-shop", "name": "Abidjan Shop",
                "kind": "merchant", "currency": "XOF", "time_zone": "{ZONE}"}},
            "permissions": ["reports.read"],
            "csrf_token": "csrf-1"
        }}"#
    ))
    .unwrap()
}

fn books(differences: ReconciliationDifferences) -> Reconciliation {
    let settled = SettlementLines {
        gross: 7_327_300,
        fees: 156_040,
        vat: 28_087,
        refunds: 12_000,
        carried_in: 0,
        reserve_held: 366_365,
        reserve_released: 469_185,
        net: 7_233_993,
        carried_out: 0,
    };
    Reconciliation {
        from: day("2026-11-01"),
        until: day("2026-11-30"),
        currency: Currency::Xof,
        settlements: 20,
        settled,
        report_rows: 1_703,
        report_gross: settled.gross + differences.gross,
        report_fees: settled.fees + differences.fees,
        report_vat: settled.vat + differences.vat,
        report_refunds: settled.refunds + differences.refunds,
        payouts: 5_000_000,
        main_change: settled.net - 5_000_000 + differences.balance,
        differences,
    }
}

/// How the stub answers the report: its chunks, then the end, an error, or nothing (until the
/// request is aborted).
#[derive(Clone, Copy)]
enum Then {
    End,
    Fail,
    Hang,
}

/// Replaces `window.fetch` (and `URL.createObjectURL`, to keep what is saved) for the life of
/// the guard. Every request is kept in `window.__guichetRequests`; the reconciliation is
/// answered with `check`, the report with `report` (a status, a body in chunks, what follows
/// them, a request id).
struct Stub {
    fetch: JsValue,
    create: JsValue,
}

impl Stub {
    fn new(check: &Reconciliation, report: (u16, &[&str], Then, &str)) -> Self {
        let (status, chunks, then, rid) = report;
        let parts = Array::new();
        for chunk in chunks {
            parts.push(&JsValue::from_str(chunk));
        }
        let then = match then {
            Then::End => "end",
            Then::Fail => "fail",
            Then::Hang => "hang",
        };
        let factory = Function::new_with_args(
            "check, status, parts, then, rid",
            "window.__guichetRequests = [];
            return function (input) {
                window.__guichetRequests.push(input);
                const path = new URL(input.url).pathname.replace(/^\\/api\\/v1/, '');
                if (path === '/reports/reconciliation') {
                    return Promise.resolve(new Response(check,
                        { status: 200, headers: { 'content-type': 'application/json' } }));
                }
                if (path !== '/reports/transactions') {
                    return Promise.reject(new TypeError('no route for ' + path));
                }
                const headers = { 'x-request-id': rid, 'content-type': status === 200 ? 'text/csv' : 'application/json' };
                if (status !== 200) {
                    return Promise.resolve(new Response(parts.join(''), { status, headers }));
                }
                const bytes = parts.map((p) => new TextEncoder().encode(p));
                const body = new ReadableStream({
                    start(controller) {
                        input.signal.addEventListener('abort', () =>
                            controller.error(new DOMException('aborted', 'AbortError')));
                    },
                    async pull(controller) {
                        await new Promise((r) => setTimeout(r, 5));
                        if (bytes.length) { controller.enqueue(bytes.shift()); return; }
                        if (then === 'end') { controller.close(); }
                        if (then === 'fail') { controller.error(new TypeError('network error')); }
                        if (then === 'hang') { await new Promise(() => {}); }
                    },
                });
                return Promise.resolve(new Response(body, { status, headers }));
            };",
        );
        let check = serde_json::to_string(check).unwrap();
        let args = Array::of5(
            &check.into(),
            &status.into(),
            &parts,
            &then.into(),
            &rid.into(),
        );
        let stub = factory.apply(&JsValue::NULL, &args).unwrap();
        let window = web_sys::window().unwrap();
        let fetch = Reflect::get(&window, &"fetch".into()).unwrap();
        Reflect::set(&window, &"fetch".into(), &stub).unwrap();
        let url = Reflect::get(&window, &"URL".into()).unwrap();
        let create = Reflect::get(&url, &"createObjectURL".into()).unwrap();
        let keep = Function::new_with_args(
            "original",
            "return function (blob) { window.__guichetSaved = blob; return original(blob); };",
        )
        .call1(&JsValue::NULL, &create)
        .unwrap();
        Reflect::set(&url, &"createObjectURL".into(), &keep).unwrap();
        // A test that failed before may have left its file.
        Reflect::set(&window, &"__guichetSaved".into(), &JsValue::UNDEFINED).unwrap();
        Stub { fetch, create }
    }

    /// The paths and queries asked for, in order.
    fn asked() -> Vec<String> {
        let all: Array = Reflect::get(&window(), &"__guichetRequests".into())
            .unwrap()
            .unchecked_into();
        all.iter()
            .map(|r| {
                let url = r.unchecked_into::<web_sys::Request>().url();
                let at = url.find("/api/v1").unwrap_or(0);
                url[at + "/api/v1".len()..].to_owned()
            })
            .collect()
    }

    /// The last request for `path`.
    fn request_to(path: &str) -> web_sys::Request {
        let all: Array = Reflect::get(&window(), &"__guichetRequests".into())
            .unwrap()
            .unchecked_into();
        all.iter()
            .map(JsCast::unchecked_into::<web_sys::Request>)
            .rfind(|r| r.url().contains(path))
            .unwrap_or_else(|| panic!("nothing asked of {path}"))
    }

    /// The bytes of the file saved, if any.
    async fn saved() -> Option<Vec<u8>> {
        let blob = Reflect::get(&window(), &"__guichetSaved".into()).ok()?;
        let blob: web_sys::Blob = blob.dyn_into().ok()?;
        let bytes = JsFuture::from(blob.array_buffer()).await.ok()?;
        Some(js_sys::Uint8Array::new(&bytes).to_vec())
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        Reflect::set(&window, &"fetch".into(), &self.fetch).unwrap();
        let url = Reflect::get(&window, &"URL".into()).unwrap();
        Reflect::set(&url, &"createObjectURL".into(), &self.create).unwrap();
        let _ = Reflect::delete_property(
            window.unchecked_ref::<js_sys::Object>(),
            &"__guichetSaved".into(),
        );
    }
}

fn envelope(code: &str, fields: &str, request_id: &str) -> String {
    format!(
        r#"{{"error":{{"code":"{code}","message":"Message.","fields":{fields},"request_id":"{request_id}"}}}}"#
    )
}

/// A fresh element in the page, with the area's words and `lang` chosen.
fn host(lang: &str) -> web_sys::HtmlElement {
    guichet::features::reports::texts::register();
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(STORAGE_KEY, lang)
        .unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// The page as Abidjan Shop's Finance sees it, until what it returns is dropped.
fn mount_page(host: &web_sys::HtmlElement) -> Box<dyn std::any::Any> {
    Box::new(leptos::mount::mount_to(host.clone(), || {
        provide_locale();
        provide_context(Session::with_status(SessionStatus::SignedIn(Box::new(
            finance(),
        ))));
        view! { <ReportsPage/> }
    }))
}

fn find(host: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

fn texts(host: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let found = host.query_selector_all(selector).unwrap();
    (0..found.length())
        .map(|i| plain(found.item(i).unwrap().text_content().unwrap().trim()))
        .collect()
}

fn text_of(host: &web_sys::HtmlElement, selector: &str) -> String {
    texts(host, selector).join(" ")
}

/// The button whose words are `label`.
fn button(host: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    let all = host.query_selector_all("button").unwrap();
    (0..all.length())
        .map(|i| {
            all.item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlElement>()
        })
        .find(|b| b.text_content().unwrap().trim() == label)
        .unwrap_or_else(|| panic!("no button {label}"))
}

/// Sets the input or select named `name` as a person would (an `input` and a `change` event).
fn choose(host: &web_sys::HtmlElement, name: &str, value: &str) {
    let field = find(host, &format!("[name={name}]"));
    Reflect::set(&field, &"value".into(), &value.into()).unwrap();
    for kind in ["input", "change"] {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
        field.dispatch_event(&event).unwrap();
    }
}

fn value_of(host: &web_sys::HtmlElement, name: &str) -> String {
    Reflect::get(&find(host, &format!("[name={name}]")), &"value".into())
        .unwrap()
        .as_string()
        .unwrap()
}

fn forget_language() {
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item(STORAGE_KEY)
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_last_full_month_is_checked_first_in_the_users_dialect() {
    let (first, last) = last_full_month(today_in(ZONE));
    let check = Reconciliation {
        from: first,
        until: last,
        ..books(ReconciliationDifferences::default())
    };
    for (lang, format, summary) in [
        ("en", "csv", "The books reconcile for this period"),
        ("fr", "csv_fr", "Les comptes concordent sur la période"),
    ] {
        let _stub = Stub::new(&check, (200, &[], Then::End, "rid-1"));
        let host = host(lang);
        let _mounted = mount_page(&host);
        until("the check", || {
            host.query_selector(".gu-reconciliation__summary")
                .unwrap()
                .is_some()
        })
        .await;
        assert_eq!(value_of(&host, "from"), first.to_string());
        assert_eq!(value_of(&host, "until"), last.to_string());
        assert_eq!(value_of(&host, "format"), format, "{lang}");
        assert!(
            text_of(&host, ".gu-reconciliation__summary").contains(summary),
            "{lang}"
        );
        assert_eq!(
            Stub::asked(),
            [format!("/reports/reconciliation?from={first}&until={last}")]
        );
    }
    forget_language();
}

#[wasm_bindgen_test]
async fn a_period_the_server_would_refuse_is_refused_before_anything_is_sent() {
    let _stub = Stub::new(
        &books(ReconciliationDifferences::default()),
        (200, &[REPORT], Then::End, "rid-2"),
    );
    let host = host("en");
    let _mounted = mount_page(&host);
    until("the check", || {
        host.query_selector(".gu-reconciliation__summary")
            .unwrap()
            .is_some()
    })
    .await;
    let asked = Stub::asked().len();

    choose(&host, "from", "2026-11-30");
    choose(&host, "until", "2026-11-01");
    button(&host, "Download").click();
    sleep(30).await;
    assert_eq!(
        texts(&host, ".gu-field-error"),
        ["The period ends before it starts: choose an end on or after the start."]
    );
    assert_eq!(
        find(&host, "[name=until]")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        value_of(&host, "from"),
        "2026-11-30",
        "nothing typed is lost"
    );
    assert_eq!(value_of(&host, "until"), "2026-11-01");
    button(&host, "Check this period").click();
    sleep(30).await;
    assert_eq!(
        Stub::asked().len(),
        asked,
        "nothing was asked of the server"
    );

    // 400 days, both included, and no more.
    choose(&host, "from", "2025-01-01");
    choose(&host, "until", "2026-02-05");
    button(&host, "Download").click();
    sleep(30).await;
    assert_eq!(
        texts(&host, ".gu-field-error"),
        ["A report covers 400 days at most: choose a later start or an earlier end."]
    );
    choose(&host, "until", "");
    button(&host, "Download").click();
    sleep(30).await;
    assert_eq!(texts(&host, ".gu-field-error"), ["Choose a day."]);
    assert_eq!(Stub::asked().len(), asked, "still nothing asked");
    forget_language();
}

#[wasm_bindgen_test]
async fn a_report_streams_in_chunks_cut_anywhere_and_is_saved_whole() {
    // Cut inside a quoted cell, between \r and \n, before a line break inside quotes, inside
    // a doubled quote and inside the quotes that end a cell.
    let bytes = REPORT.as_bytes();
    let cuts = [
        REPORT.find("Money").unwrap() + 2,
        REPORT.find("15000\r\n").unwrap() + 6,
        REPORT.find(";\nrendu").unwrap() + 1,
        REPORT.find("\"\"en").unwrap() + 1,
        REPORT.find("\"\"\";").unwrap() + 2,
    ];
    let mut chunks: Vec<&str> = Vec::new();
    let mut at = 0;
    for cut in cuts {
        chunks.push(&REPORT[at..cut]);
        at = cut;
    }
    chunks.push(&REPORT[at..]);
    let _stub = Stub::new(
        &books(ReconciliationDifferences::default()),
        (200, &chunks, Then::End, "rid-3"),
    );
    let host = host("en");
    let _mounted = mount_page(&host);
    until("the check", || {
        host.query_selector(".gu-reconciliation__summary")
            .unwrap()
            .is_some()
    })
    .await;
    choose(&host, "from", "2026-11-01");
    choose(&host, "until", "2026-11-30");
    choose(&host, "format", "csv_fr");
    button(&host, "Download").click();
    until("the file", || {
        text_of(&host, ".gu-report-download").starts_with("Report ready")
    })
    .await;
    assert_eq!(
        text_of(&host, ".gu-report-download"),
        format!(
            "Report ready: guichet-report-2026-11-01-2026-11-30.csv, 3 rows ({} B).",
            bytes.len()
        )
    );
    let region = find(&host, ".gu-report-download");
    assert_eq!(region.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(Stub::saved().await.as_deref(), Some(bytes), "saved whole");
    let request = Stub::request_to("/reports/transactions");
    assert!(
        request
            .url()
            .ends_with("/reports/transactions?from=2026-11-01&until=2026-11-30&format=csv_fr"),
        "{}",
        request.url()
    );
    assert!(request
        .headers()
        .get("accept")
        .unwrap()
        .unwrap()
        .starts_with("text/csv"));
    assert_eq!(
        request.credentials(),
        web_sys::RequestCredentials::SameOrigin
    );
    assert!(
        document().query_selector("a[download]").unwrap().is_none(),
        "the link is gone"
    );
    // The check is read again for the period downloaded.
    let checks = Stub::asked()
        .into_iter()
        .filter(|a| a == "/reports/reconciliation?from=2026-11-01&until=2026-11-30")
        .count();
    assert_eq!(checks, 2, "{:?}", Stub::asked());
    // Asked again for a period refused, the news of the last file goes.
    choose(&host, "until", "2026-10-31");
    button(&host, "Download").click();
    sleep(30).await;
    assert_eq!(text_of(&host, ".gu-report-download"), "");
    assert_eq!(texts(&host, ".gu-field-error").len(), 1);
    forget_language();
}

#[wasm_bindgen_test]
async fn a_refusal_names_its_request_id_and_keeps_the_period() {
    let refused = envelope(
        "validation_failed",
        r#"{"until":["error.out_of_range"]}"#,
        "rid-4",
    );
    let _stub = Stub::new(
        &books(ReconciliationDifferences::default()),
        (422, &[&refused], Then::End, "rid-4"),
    );
    let host = host("en");
    let _mounted = mount_page(&host);
    until("the check", || {
        host.query_selector(".gu-reconciliation__summary")
            .unwrap()
            .is_some()
    })
    .await;
    choose(&host, "until", "2026-11-29");
    button(&host, "Download").click();
    until("the refusal", || {
        host.query_selector(".gu-error-panel").unwrap().is_some()
    })
    .await;
    let panel = text_of(&host, ".gu-reports__download .gu-error-panel");
    assert!(
        panel.contains("Please correct the fields marked"),
        "{panel}"
    );
    assert!(panel.contains("Request id: rid-4"), "{panel}");
    assert_eq!(
        texts(&host, ".gu-field-error"),
        ["Out of the allowed range."]
    );
    assert_eq!(value_of(&host, "until"), "2026-11-29");
    assert!(Stub::saved().await.is_none());
    forget_language();
}

#[wasm_bindgen_test]
async fn a_report_cut_short_or_cancelled_saves_nothing_and_says_so() {
    let check = books(ReconciliationDifferences::default());
    {
        let _stub = Stub::new(&check, (200, &[&REPORT[..60]], Then::Fail, "rid-5"));
        let host = host("en");
        let _mounted = mount_page(&host);
        until("the check", || {
            host.query_selector(".gu-reconciliation__summary")
                .unwrap()
                .is_some()
        })
        .await;
        button(&host, "Download").click();
        until("the failure", || {
            host.query_selector(".gu-error-panel").unwrap().is_some()
        })
        .await;
        let panel = text_of(&host, ".gu-error-panel");
        assert!(
            panel.starts_with("The report stopped before its end"),
            "{panel}"
        );
        assert!(panel.contains("Request id: rid-5"), "{panel}");
        assert!(Stub::saved().await.is_none());
    }
    let _stub = Stub::new(&check, (200, &[&REPORT[..60]], Then::Hang, "rid-6"));
    let host = host("fr");
    let _mounted = mount_page(&host);
    until("the check", || {
        host.query_selector(".gu-reconciliation__summary")
            .unwrap()
            .is_some()
    })
    .await;
    button(&host, "Télécharger").click();
    until("the progress", || {
        text_of(&host, ".gu-report-download").starts_with("Demande du rapport")
            || text_of(&host, ".gu-report-download").starts_with("Téléchargement")
    })
    .await;
    button(&host, "Annuler le téléchargement").click();
    until("the cancellation", || {
        text_of(&host, ".gu-report-download") == "Téléchargement annulé : rien n'a été enregistré."
    })
    .await;
    assert!(Stub::saved().await.is_none());
    assert!(
        host.query_selector(".gu-report-download__cancel")
            .unwrap()
            .is_none(),
        "nothing left to cancel"
    );
    forget_language();
}

#[wasm_bindgen_test]
async fn the_check_says_line_by_line_what_matches_and_what_differs() {
    let off = books(ReconciliationDifferences {
        fees: -150,
        balance: 2_000,
        ..ReconciliationDifferences::default()
    });
    let _stub = Stub::new(&off, (200, &[], Then::End, "rid-7"));
    let host = host("en");
    let _mounted = leptos::mount::mount_to(host.clone(), || {
        provide_locale();
        let period = Signal::derive(|| (day("2026-11-01"), day("2026-11-30")));
        view! { <ReconciliationCheck period/> }
    });
    until("the check", || {
        host.query_selector("table").unwrap().is_some()
    })
    .await;
    assert_eq!(
        text_of(&host, ".gu-reconciliation__summary"),
        "⚠The books do not reconcile for this period. Lines that differ: Fees, Main account's change."
    );
    assert_eq!(
        text_of(&host, "caption"),
        "The books from Nov 1, 2026 to Nov 30, 2026"
    );
    let rows: Vec<String> = texts(&host, "tbody th[scope=row]");
    assert_eq!(rows.len(), 5);
    assert!(rows[0].starts_with("Gross sales"), "{rows:?}");
    assert!(rows[4].starts_with("Main account's change"), "{rows:?}");
    assert_eq!(
        texts(&host, "thead th[scope=col]"),
        ["Line", "Found", "Expected", "Check"]
    );
    assert_eq!(
        texts(&host, ".gu-reconciliation__result"),
        [
            "✓Matches",
            "⚠Differs by -F CFA 150",
            "✓Matches",
            "✓Matches",
            "⚠Differs by F CFA 2,000"
        ]
    );
    assert_eq!(texts(&host, ".gu-reconciliation__row--differs").len(), 2);
    // The marks are not read out: the words say it.
    let marks = host.query_selector_all(".gu-reconciliation__mark").unwrap();
    for i in 0..marks.length() {
        let mark: web_sys::Element = marks.item(i).unwrap().unchecked_into();
        assert_eq!(mark.get_attribute("aria-hidden").as_deref(), Some("true"));
    }
    let facts = texts(&host, ".gu-reconciliation__facts dd");
    assert_eq!(facts[..2], ["20", "1,703"]);
    assert_eq!(facts[3], "F CFA 5,000,000");
    forget_language();
}
