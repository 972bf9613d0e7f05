//! The purchases and refunds pages' rules in a real browser: the view kept in the address as
//! the browser decodes it, amounts typed and shown through `Intl`, the organisation's day, and
//! the modal dialog the refund forms open in.
#![cfg(target_arch = "wasm32")]

use guichet::components::ModalDialog;
use guichet::features::payments::model::{filter_from_query, list_path, RefundForm};
use guichet::i18n::money::format_money;
use guichet::i18n::time::today_in;
use guichet::i18n::{text, Locale};
use guichet_domain::payments::{
    parse_major, MethodKind, PurchaseFilter, PurchaseSort, PurchaseStatus,
};
use guichet_domain::{Currency, Money};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The address's query as the browser reads it (`URLSearchParams` decodes as `location` does).
fn decoded(path: &str) -> Vec<(String, String)> {
    let query = path.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            let v = js_sys::decode_uri_component(v).unwrap();
            (k.to_owned(), String::from(v))
        })
        .collect()
}

#[wasm_bindgen_test]
fn a_view_goes_into_the_address_and_comes_back_whole() {
    let filter = PurchaseFilter {
        status: Some(PurchaseStatus::Completed),
        from: "2026-11-01".parse().ok(),
        until: "2026-11-30".parse().ok(),
        min_amount_minor: Some(150_050),
        max_amount_minor: None,
        method: Some(MethodKind::Card),
        q: Some("Awa K. & fils / «AS-001»".into()),
        sort: Some(PurchaseSort::AmountAsc),
    };
    let path = list_path(&filter);
    assert!(
        path.starts_with("/purchases?status=completed&from=2026-11-01"),
        "{path}"
    );
    let query = decoded(&path);
    let read = filter_from_query(|name| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    });
    assert_eq!(read, filter);
}

/// Spaces of any width as one, to compare what `Intl` writes with what people read.
fn plain(s: &str) -> String {
    s.replace(['\u{202f}', '\u{a0}'], " ")
}

#[wasm_bindgen_test]
fn amounts_read_in_each_language_and_type_back_exactly() {
    let xof = Money::new(150_000, Currency::Xof);
    let eur = Money::new(150_050, Currency::Eur);
    assert_eq!(plain(&format_money(xof, Locale::Fr)), "150 000 F CFA");
    assert_eq!(plain(&format_money(eur, Locale::Fr)), "1 500,50 €");
    assert_eq!(format_money(eur, Locale::En), "€1,500.50");
    // What the French page shows, typed back into a field, is the same amount.
    assert_eq!(parse_major("1\u{202f}500,50", 2), Some(150_050));
    assert_eq!(parse_major("150\u{a0}000", 0), Some(150_000));
    let form = RefundForm::new(eur);
    assert_eq!(form.check(eur).map(|r| r.amount_minor), Ok(150_050));
}

#[wasm_bindgen_test]
fn the_organisations_day_is_read_in_its_zone() {
    let utc = today_in("UTC");
    assert_eq!(
        today_in("Africa/Abidjan"),
        utc,
        "Abidjan keeps UTC all year"
    );
    let kiritimati = today_in("Pacific/Kiritimati");
    let days = (kiritimati - utc).num_days();
    assert!(
        days == 0 || days == 1,
        "UTC+14 is at most a day ahead: {days}"
    );
    assert_eq!(
        today_in("Not/A_Zone"),
        utc,
        "an unknown zone reads UTC's day"
    );
}

#[wasm_bindgen_test]
async fn the_dialog_is_modal_and_escape_asks_to_close_it() {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    guichet::features::payments::texts::register();
    let open = RwSignal::new(true);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <Show when=move || open.get()>
                <ModalDialog label=text("refund.approve_title") on_close=Callback::new(move |()| open.set(false))>
                    <button type="button">"OK"</button>
                </ModalDialog>
            </Show>
        }
    });
    tick().await;
    let dialog = host.query_selector("dialog").unwrap().unwrap();
    assert!(dialog.matches(":modal").unwrap(), "shown as a modal");
    assert_eq!(
        dialog.get_attribute("aria-label").as_deref(),
        Some("Approve this refund?")
    );
    let cancel = web_sys::Event::new_with_event_init_dict("cancel", &{
        let init = web_sys::EventInit::new();
        init.set_cancelable(true);
        init
    })
    .unwrap();
    dialog.dispatch_event(&cancel).unwrap();
    tick().await;
    assert!(!open.get_untracked(), "Escape asked the page to close it");
    assert!(host.query_selector("dialog").unwrap().is_none());
}
