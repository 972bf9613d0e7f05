//! The wizard opened from a link (`/tickets/new?category=billing&invoice_number=…`): what the
//! browser's own encoding of a link reads back as, what is left out, and that nothing from a
//! link is stored before the redaction engine has cleaned it.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use chrono::TimeZone;
use guichet::features::wizard::drafts;
use guichet::features::wizard::model::Step;
use guichet::features::wizard::prefill::Prefill;
use guichet::features::wizard::state::WizardState;
use guichet_domain::tickets::{Category, Field};
use guichet_domain::UserId;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap()
}

/// A link as the invoices page writes it: each value through the browser's
/// `encodeURIComponent`.
fn link(params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
        .collect();
    format!("?{}", query.join("&"))
}

#[wasm_bindgen_test]
fn a_link_encoded_by_the_browser_reads_back_whole() {
    let shop = "Café & Thé d'Abidjan = 100% + bio";
    let search = link(&[
        ("category", "billing"),
        ("business_account", "6f1c2a9e-3b7d-4e0a-9c58-1d2e3f4a5b6c"),
        ("shop_name", shop),
        ("invoice_number", "FAC-2026-000042"),
        ("transaction_date", "2026-11-28"),
    ]);
    let p = Prefill::from_search(&search, now()).expect("a billing link");
    assert_eq!(p.category, Category::Billing);
    assert_eq!(p.value(Field::ShopName), Some(shop));
    assert_eq!(p.value(Field::InvoiceNumber), Some("FAC-2026-000042"));
    assert_eq!(p.value(Field::TransactionDate), Some("2026-11-28"));
    assert_eq!(
        p.value(Field::BusinessAccount),
        Some("6f1c2a9e-3b7d-4e0a-9c58-1d2e3f4a5b6c")
    );
    // A form's encoding (spaces as `+`) reads the same.
    let form = "?category=billing&shop_name=Abidjan+Shop&invoice_number=FAC-2026-000042";
    let p = Prefill::from_search(form, now()).unwrap();
    assert_eq!(p.value(Field::ShopName), Some("Abidjan Shop"));
}

#[wasm_bindgen_test]
fn unknown_or_malformed_parameters_are_ignored() {
    let p = Prefill::from_search(
        "?category=billing&invoice_number=42&transaction_date=2026-13-01\
         &shop_name=%FF&business_account=has%20space&colour=blue&endpoint=%2Fpayments\
         &description=Refund%20me",
        now(),
    )
    .expect("the category alone still opens a billing question");
    assert_eq!(p.fields, vec![]);
    assert_eq!(
        Prefill::from_search("?category=refunds&invoice_number=FAC-2026-1", now()),
        None
    );
    assert_eq!(
        Prefill::from_search(
            "?draft=d1&category=billing&invoice_number=FAC-2026-1",
            now()
        ),
        None,
        "a draft to resume is never filled from a link"
    );
}

#[wasm_bindgen_test]
async fn nothing_from_a_link_is_stored_before_the_engine_cleans_it() {
    let user = &UserId::from("prefill-user");
    let owner = user.clone();
    let search = link(&[
        ("category", "billing"),
        ("business_account", "sprod_Xq7Lm2Pz9Rt4Vb8Nc3Hd6Jf1"),
        ("invoice_number", "FAC-2026-000042"),
        ("transaction_date", "2026-11-28"),
    ]);
    let prefill = Prefill::from_search(&search, now()).unwrap();
    let draft = prefill.draft("p1".into(), "k1".into(), "2026-12-07T12:00:00Z".into());
    assert_eq!(draft.step, Step::Details);
    assert!(draft.prefilled);
    drafts::save(user, &draft).unwrap();

    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = Rc::new(Cell::new(None::<WizardState>));
    let keep = handle.clone();
    let fields = prefill.fields.clone();
    let _mounted = leptos::mount::mount_to(host, move || {
        let state = WizardState::new(draft.clone(), owner.clone());
        state.fill(fields.clone());
        keep.set(Some(state));
    });
    let state = handle.get().unwrap();
    // The values are there to see and change, as if typed.
    assert_eq!(
        state.typed(Field::BusinessAccount).get_untracked(),
        "sprod_Xq7Lm2Pz9Rt4Vb8Nc3Hd6Jf1"
    );
    assert_eq!(
        state.typed(Field::InvoiceNumber).get_untracked(),
        "FAC-2026-000042"
    );
    // The effects that hand each field to the engine run once the page has drawn.
    leptos::task::tick().await;
    state.settled().await;
    state.flush();
    let stored = drafts::load(user, "p1").expect("the draft");
    assert_eq!(stored.category, Some(Category::Billing));
    // A picked day needs no cleaning; the rest waits for the engine, which this test page
    // does not serve: nothing of it is kept, least of all the key.
    assert_eq!(stored.value(Field::TransactionDate), "2026-11-28");
    if state.engine_missing.get_untracked() {
        assert_eq!(stored.value(Field::BusinessAccount), "");
        assert_eq!(stored.value(Field::InvoiceNumber), "");
    } else {
        assert!(!stored.value(Field::BusinessAccount).contains("Xq7Lm2Pz9"));
        assert_eq!(stored.value(Field::InvoiceNumber), "FAC-2026-000042");
    }
    let raw = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("guichet.ticket_drafts.prefill-user")
        .unwrap()
        .unwrap();
    assert!(!raw.contains("Xq7Lm2Pz9"), "{raw}");
    drafts::discard(user, "p1");
}
