//! The payouts page's parts in a real browser, against a stub `fetch`: an amount above what is
//! available refused as it is typed and never sent; the review showing the server's expected
//! time before anything is asked; a refusal keeping everything typed, with its request id; an
//! IBAN checked by the domain's rules before it leaves; and the payouts' rows saying their
//! status, their reason, and only the decisions the server allows.
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, NaiveDate, Utc};
use guichet::features::payouts::account_form::AccountDialog;
use guichet::features::payouts::book::Book;
use guichet::features::payouts::payout_form::PayoutDialog;
use guichet::features::payouts::payout_table::PayoutTable;
use guichet::i18n::text;
use guichet::i18n::time::format_instant;
use guichet::state::locale::{provide_locale, STORAGE_KEY};
use guichet::state::session::{Session, SessionStatus};
use guichet_domain::api::{Me, Page};
use guichet_domain::balances::payouts::{
    AccountKind, AccountStatus, Available, Payout, PayoutAccount, PayoutStatus,
};
use guichet_domain::{Currency, Money, PayoutAccountId, PayoutId};
use js_sys::{Array, Function, Reflect};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ZONE: &str = "Africa/Abidjan";

/// Spaces of any width as one, to compare what `Intl` writes with what people read.
fn plain(s: &str) -> String {
    s.replace(['\u{202f}', '\u{a0}'], " ")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn xof(minor: i64) -> Money {
    Money::new(minor, Currency::Xof)
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Someone of Abidjan Shop with the permissions of `roles` (wire names).
fn me(roles: &str, permissions: &str) -> Me {
    serde_json::from_str(&format!(
        r#"{{
            "user": {{"id": "u-1", "email": "operations@abidjan-shop.demo", "name": "Adjoua N'Guessan",
                "roles": [{roles}], "active": true, "must_change_password": false, "language": "en",
                "created_at": "2026-01-01T00:00:00Z", "last_login_at": null}},
            "organisation": {{"id": "o-1", "slug": "abidjan-shop", "name": "Abidjan Shop",
                "kind": "merchant", "currency": "XOF", "time_zone": "{ZONE}"}},
            "permissions": [{permissions}],
            "csrf_token": "csrf-1"
        }}"#
    ))
    .unwrap()
}

fn operations() -> Me {
    me(r#""operations""#, r#""reports.read", "payouts.create""#)
}

fn finance() -> Me {
    me(r#""finance""#, r#""reports.read", "payouts.approve""#)
}

fn available() -> Available {
    Available {
        main: xof(800_000),
        held: xof(300_000),
        available: xof(500_000),
        today: day("2026-12-08"),
        expected_by: at("2026-12-09T10:04:00Z"),
    }
}

fn account(id: &str, status: AccountStatus) -> PayoutAccount {
    PayoutAccount {
        id: PayoutAccountId::from(id),
        kind: AccountKind::Bank,
        label: "Compte SGCI".into(),
        masked: "CI93 •••• 0589".into(),
        status,
        replaces: None,
        requested_by: "Adjoua N'Guessan".into(),
        requested_at: at("2026-12-01T09:00:00Z"),
        decided_by: None,
        rejection_reason: None,
        can_decide: false,
    }
}

fn payout(id: &str, status: PayoutStatus) -> Payout {
    Payout {
        id: PayoutId::from(id),
        account_id: PayoutAccountId::from("acc-1"),
        account_label: "Compte SGCI".into(),
        account_masked: "CI93 •••• 0589".into(),
        amount: xof(100_000),
        on: day("2026-12-08"),
        status,
        expected_by: at("2026-12-09T10:04:00Z"),
        requested_by: "Adjoua N'Guessan".into(),
        requested_at: at("2026-12-08T10:04:00Z"),
        decided_by: None,
        decided_at: None,
        rejection_reason: None,
        failure_reason: None,
        can_decide: false,
        can_cancel: false,
    }
}

/// Replaces `window.fetch` for the life of the guard: each request is kept in
/// `window.__guichetRequests`, and answered by the first route whose method and path (a prefix,
/// after `/api/v1`) match: `[method, path, status, body, request id]`.
struct StubFetch {
    original: JsValue,
}

impl StubFetch {
    fn routes(routes: &[(&str, &str, u16, String, &str)]) -> Self {
        let table = Array::new();
        for (method, path, status, body, rid) in routes {
            let route = Array::of5(
                &(*method).into(),
                &(*path).into(),
                &(*status).into(),
                &body.as_str().into(),
                &(*rid).into(),
            );
            table.push(&route);
        }
        let factory = Function::new_with_args(
            "routes",
            "window.__guichetRequests = [];
            return function (input, init) {
                window.__guichetRequests.push(input);
                const url = new URL(input.url);
                const path = url.pathname.replace(/^\\/api\\/v1/, '');
                const route = routes.find(([m, p]) => m === input.method && path.startsWith(p));
                if (!route) { return Promise.reject(new TypeError('no route for ' + path)); }
                const [, , status, body, rid] = route;
                const headers = { 'content-type': 'application/json' };
                if (rid) { headers['x-request-id'] = rid; }
                return Promise.resolve(new Response(body, { status, headers }));
            };",
        );
        let stub = factory.call1(&JsValue::NULL, &table).unwrap();
        let window = web_sys::window().unwrap();
        let original = Reflect::get(&window, &"fetch".into()).unwrap();
        Reflect::set(&window, &"fetch".into(), &stub).unwrap();
        StubFetch { original }
    }

    fn requests() -> Vec<web_sys::Request> {
        let all: Array = Reflect::get(&web_sys::window().unwrap(), &"__guichetRequests".into())
            .unwrap()
            .unchecked_into();
        all.iter().map(JsCast::unchecked_into).collect()
    }
}

impl Drop for StubFetch {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        Reflect::set(&window, &"fetch".into(), &self.original).unwrap();
    }
}

fn envelope(code: &str, fields: &str, request_id: &str) -> String {
    format!(
        r#"{{"error":{{"code":"{code}","message":"Message.","fields":{fields},"request_id":"{request_id}"}}}}"#
    )
}

/// A fresh element in the page, with the area's words and English chosen.
fn host() -> web_sys::HtmlElement {
    guichet::features::payouts::texts::register();
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(STORAGE_KEY, "en")
        .unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// What the page shows the signed-in `who`, with the book of a page read as given.
fn provide(who: Me, accounts: Vec<PayoutAccount>, payouts: Vec<Payout>) {
    provide_locale();
    provide_context(Session::with_status(SessionStatus::SignedIn(Box::new(who))));
    let book = Book::new((
        available(),
        accounts,
        Page {
            items: payouts,
            next_cursor: None,
        },
    ));
    provide_context(book);
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
        .map(|i| plain(&found.item(i).unwrap().text_content().unwrap()))
        .collect()
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

/// Types `value` into the input named `name`, as a person would (an `input` event).
fn type_into(host: &web_sys::HtmlElement, name: &str, value: &str) {
    let input: web_sys::HtmlInputElement = find(host, &format!("[name={name}]")).unchecked_into();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn value_of(host: &web_sys::HtmlElement, name: &str) -> String {
    find(host, &format!("[name={name}]"))
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

#[wasm_bindgen_test]
async fn an_amount_above_the_available_balance_is_refused_as_typed_and_never_sent() {
    let _stub = StubFetch::routes(&[]);
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide(
            operations(),
            vec![account("acc-1", AccountStatus::Active)],
            vec![],
        );
        view! { <PayoutDialog on_close=Callback::new(|()| {})/> }
    });
    tick().await;
    // The only approved account is chosen, today is the day, the hint says what is available.
    assert_eq!(value_of(&host, "account_id"), "acc-1");
    assert_eq!(value_of(&host, "on"), "2026-12-08");
    assert!(
        texts(&host, ".gu-field__hint")
            .iter()
            .any(|h| h == "Available: F CFA 500,000."),
        "{:?}",
        texts(&host, ".gu-field__hint")
    );
    type_into(&host, "amount", "500001");
    tick().await;
    assert_eq!(
        texts(&host, ".gu-field-error"),
        ["More than the available balance."]
    );
    assert_eq!(
        find(&host, "[name=amount]")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    // Francs have no minor unit.
    type_into(&host, "amount", "1500.5");
    tick().await;
    assert_eq!(
        texts(&host, ".gu-field-error"),
        ["Type the amount in figures, such as 1500, with no more decimals than the currency has."]
    );
    type_into(&host, "amount", "600000");
    button(&host, "Review the request").click();
    tick().await;
    sleep(20).await;
    assert!(
        StubFetch::requests().is_empty(),
        "nothing was asked of the server"
    );
    assert_eq!(value_of(&host, "amount"), "600000", "nothing typed is lost");
    assert_eq!(
        texts(&host, ".gu-field-error"),
        ["More than the available balance."]
    );
}

#[wasm_bindgen_test]
async fn the_review_shows_the_servers_expected_time_and_a_refusal_keeps_everything_typed() {
    let expected = at("2026-12-09T10:04:00Z");
    let preview = serde_json::to_string(&Available {
        expected_by: expected,
        ..available()
    })
    .unwrap();
    let refused = envelope(
        "validation_failed",
        r#"{"amount_minor":["error.payout_exceeds"]}"#,
        "rid-payout-7",
    );
    let _stub = StubFetch::routes(&[
        ("GET", "/payouts/available", 200, preview, "rid-1"),
        ("POST", "/payouts", 422, refused, "rid-payout-7"),
    ]);
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide(
            operations(),
            vec![account("acc-1", AccountStatus::Active)],
            vec![],
        );
        view! { <PayoutDialog on_close=Callback::new(|()| {})/> }
    });
    tick().await;
    type_into(&host, "amount", "100 000");
    button(&host, "Review the request").click();
    sleep(50).await;
    // The server was asked when a payout for that day would be expected.
    let asked = StubFetch::requests();
    assert_eq!(asked.len(), 1);
    assert!(
        asked[0].url().ends_with("/payouts/available?on=2026-12-08"),
        "{}",
        asked[0].url()
    );
    assert_eq!(
        texts(&host, "h3"),
        ["Check the payout before you confirm it"]
    );
    let facts = texts(&host, ".gu-payout-review dd");
    assert_eq!(facts[0], "F CFA 100,000");
    assert_eq!(facts[1], "Compte SGCI · CI93 •••• 0589");
    assert!(
        facts[2].contains("December") && facts[2].contains("2026"),
        "{facts:?}"
    );
    let when = plain(&format_instant(expected, "en", ZONE));
    assert!(
        facts[3].starts_with(&format!("{when} ")),
        "{when} in {facts:?}"
    );
    assert!(facts[3].contains("24 business hours"), "{facts:?}");

    button(&host, "Confirm the payout").click();
    sleep(50).await;
    let asked = StubFetch::requests();
    let post = asked.last().unwrap();
    assert_eq!(post.method(), "POST");
    assert!(post.url().ends_with("/api/v1/payouts"), "{}", post.url());
    assert!(
        post.headers().get("idempotency-key").unwrap().is_some(),
        "a payout moves money: it carries its key"
    );
    let body = JsFuture::from(post.clone().unwrap().text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    let sent: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({ "amount_minor": 100000, "account_id": "acc-1", "on": "2026-12-08" })
    );
    // Refused: back to the form, everything kept, the reason by the field and the request id.
    assert_eq!(value_of(&host, "amount"), "100 000");
    assert_eq!(value_of(&host, "account_id"), "acc-1");
    assert_eq!(
        texts(&host, ".gu-field-error"),
        ["More than the available balance."]
    );
    let panel = texts(&host, ".gu-error-panel").join(" ");
    assert!(panel.contains("rid-payout-7"), "{panel}");
}

#[wasm_bindgen_test]
async fn an_iban_is_checked_by_the_domains_rules_before_it_leaves() {
    let _stub = StubFetch::routes(&[]);
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide(operations(), vec![], vec![]);
        view! { <AccountDialog replaces=None on_close=Callback::new(|()| {})/> }
    });
    tick().await;
    type_into(&host, "label", "Compte SGCI");
    // One check digit wrong.
    type_into(&host, "number", "CI93 CI00 8011 1301 1342 9120 0588");
    button(&host, "Ask for approval").click();
    tick().await;
    assert_eq!(
        texts(&host, ".gu-field-error"),
        ["Not a valid IBAN: check the country, the length and the check digits."]
    );
    assert!(StubFetch::requests().is_empty());
    assert!(
        texts(&host, ".gu-notice")[0].contains("Another person"),
        "it says before it is sent that someone else approves it"
    );
}

#[wasm_bindgen_test]
async fn rows_say_their_status_and_offer_only_the_decisions_the_server_allows() {
    let host = host();
    let mut mine = payout("p-1", PayoutStatus::Requested);
    mine.can_cancel = true;
    let mut theirs = payout("p-2", PayoutStatus::Requested);
    theirs.can_decide = true;
    let mut failed = payout("p-3", PayoutStatus::Failed);
    failed.failure_reason = Some("Account closed".into());
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide(finance(), vec![], vec![]);
        let rows = Signal::stored(vec![mine, theirs, failed]);
        view! { <PayoutTable payouts=rows caption=text("payouts.caption") empty=text("payouts.empty")/> }
    });
    tick().await;
    assert_eq!(texts(&host, "caption"), ["Payouts, newest first"]);
    let rows = texts(&host, "tbody tr");
    assert_eq!(rows.len(), 3);
    // An approver's own request: someone else decides; they may still withdraw it.
    assert!(rows[0].contains("Awaiting approval"), "{}", rows[0]);
    assert!(
        rows[0].contains("You asked for this yourself"),
        "{}",
        rows[0]
    );
    let first: web_sys::HtmlElement = host
        .query_selector("tbody tr")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(texts(&first, "button"), ["Cancel the request"]);
    // Someone else's: approve or reject, each button named after the payout.
    let second: web_sys::HtmlElement = host
        .query_selector("tbody tr:nth-child(2)")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(texts(&second, "button"), ["Approve", "Reject"]);
    let label = plain(&find(&second, "button").get_attribute("aria-label").unwrap());
    assert_eq!(
        label,
        "Approve the payout F CFA 100,000 · Compte SGCI · CI93 •••• 0589"
    );
    // A failed payout says why, and no longer when it was expected.
    assert!(rows[2].contains("Failed"), "{}", rows[2]);
    assert!(rows[2].contains("Reason: Account closed"), "{}", rows[2]);
    assert_eq!(
        host.query_selector_all("tbody tr:nth-child(3) time")
            .unwrap()
            .length(),
        1,
        "its day only"
    );
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item(STORAGE_KEY)
        .unwrap();
}
