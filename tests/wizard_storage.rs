//! The wizard's browser storage: file texts in IndexedDB, and drafts saved at most every
//! 400 ms while typing but at once when it matters.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use guichet::features::wizard::drafts;
use guichet::features::wizard::file_store;
use guichet::features::wizard::model::{Draft, Step};
use guichet::features::wizard::state::WizardState;
use guichet_domain::tickets::Urgency;
use guichet_domain::UserId;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_file_text_is_kept_read_back_and_forgotten() {
    let text = "10:42:01 POST /airtime [CARD#1]\n".repeat(10_000);
    assert!(file_store::put("test-key", &text).await);
    assert_eq!(
        file_store::get("test-key").await.as_deref(),
        Some(text.as_str())
    );
    file_store::delete("test-key").await;
    assert_eq!(file_store::get("test-key").await, None);
}

#[wasm_bindgen_test]
async fn typing_is_saved_after_a_pause_a_step_change_at_once() {
    let user = &UserId::from("debounce-user");
    let owner = user.clone();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = Rc::new(Cell::new(None::<WizardState>));
    let keep = handle.clone();
    let mounted = leptos::mount::mount_to(host, move || {
        let draft = Draft::new("d1".into(), "k1".into(), "2026-01-13T10:00:00Z".into());
        keep.set(Some(WizardState::new(draft, owner.clone())));
    });
    let state = handle.get().unwrap();

    state.update(|d| d.urgency = Urgency::High);
    assert!(drafts::load(user, "d1").is_none(), "not on every change");
    sleep(600).await;
    let saved = drafts::load(user, "d1").expect("saved after the pause");
    assert_eq!(saved.urgency, Urgency::High);

    state.update(|d| d.urgency = Urgency::Critical);
    state.flush();
    assert_eq!(drafts::load(user, "d1").unwrap().urgency, Urgency::Critical);

    state.update(|d| d.step = Step::Details);
    assert_eq!(
        drafts::load(user, "d1").unwrap().step,
        Step::Details,
        "a step change at once"
    );

    // Leaving the wizard saves what waits.
    state.update(|d| d.urgency = Urgency::Normal);
    drop(mounted);
    assert_eq!(drafts::load(user, "d1").unwrap().urgency, Urgency::Normal);
    drafts::discard(user, "d1");
}

#[wasm_bindgen_test]
async fn a_filed_draft_does_not_come_back() {
    let user = &UserId::from("discard-user");
    let owner = user.clone();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = Rc::new(Cell::new(None::<WizardState>));
    let keep = handle.clone();
    let _mounted = leptos::mount::mount_to(host, move || {
        let draft = Draft::new("d2".into(), "k2".into(), "2026-01-13T10:00:00Z".into());
        keep.set(Some(WizardState::new(draft, owner.clone())));
    });
    let state = handle.get().unwrap();
    state.update(|d| d.step = Step::Review);
    assert!(drafts::load(user, "d2").is_some());
    state.update(|d| d.urgency = Urgency::High);
    state.discard();
    sleep(600).await;
    assert!(
        drafts::load(user, "d2").is_none(),
        "a waiting save is cancelled"
    );
}
