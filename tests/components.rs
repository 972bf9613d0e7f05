//! Components in a real browser: what they render and how they are wired for assistive tech.
#![cfg(target_arch = "wasm32")]

use guichet::api::ApiError;
use guichet::components::{ErrorPanel, TextField};
use guichet::features::shell::main_nav::MainNav;
use guichet::i18n::text;
use guichet_domain::roles::permissions_of;
use guichet_domain::Role;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let document = document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

#[wasm_bindgen_test]
async fn a_text_field_links_its_label_and_shows_its_error() {
    let host = host();
    let value = RwSignal::new(String::from("typed"));
    let error = RwSignal::new(None::<String>);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <TextField label=text("auth.email") name="email" value error/> }
    });
    tick().await;

    let input: web_sys::HtmlInputElement = host
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let label = host.query_selector("label").unwrap().unwrap();
    assert_eq!(
        label.get_attribute("for").unwrap(),
        input.id(),
        "the label names the input"
    );
    assert_eq!(label.text_content().unwrap(), "E-mail address");
    assert_eq!(input.value(), "typed");
    assert!(input.get_attribute("aria-invalid").is_none());

    error.set(Some(
        "Enter an e-mail address such as name@example.com.".into(),
    ));
    tick().await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input
        .get_attribute("aria-describedby")
        .expect("described by the error");
    let message = document()
        .get_element_by_id(&described)
        .expect("the error element");
    assert!(message.text_content().unwrap().contains("name@example.com"));
    assert_eq!(
        input.value(),
        "typed",
        "an error never clears what was typed"
    );

    error.set(None);
    tick().await;
    assert!(input.get_attribute("aria-invalid").is_none());
    assert!(host.query_selector(".gu-field-error").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_error_panel_shows_the_message_and_the_request_id() {
    let host = host();
    let error = ApiError::Server {
        status: 503,
        request_id: Some("c39df0fb-a684-447c-9fbc-3f24c288f608".into()),
    };
    let _mounted = leptos::mount::mount_to(
        host.clone(),
        move || view! { <ErrorPanel error=error.clone()/> },
    );
    tick().await;

    let panel = host
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    let text = panel.text_content().unwrap();
    assert!(text.contains("status 503"), "{text}");
    assert!(
        text.contains("Request id: c39df0fb-a684-447c-9fbc-3f24c288f608"),
        "{text}"
    );
    let copy = panel
        .query_selector("button")
        .unwrap()
        .expect("a copy button");
    assert_eq!(
        copy.get_attribute("aria-label").as_deref(),
        Some("Copy the request id")
    );
}

#[wasm_bindgen_test]
async fn a_network_error_has_no_request_id_but_offers_a_retry() {
    let host = host();
    let retried = RwSignal::new(0);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <ErrorPanel error=ApiError::Network on_retry=Callback::new(move |()| retried.update(|n| *n += 1))/> }
    });
    tick().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("cannot be reached"), "{text}");
    assert!(!text.contains("Request id"), "{text}");
    let retry: web_sys::HtmlElement = host
        .query_selector(".gu-error-panel__retry")
        .unwrap()
        .unwrap()
        .unchecked_into();
    retry.click();
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn the_navigation_shows_only_permitted_entries() {
    // The console adds the words of purchases and refunds, of balances, reports, invoices,
    // payouts and API keys, as it starts.
    guichet::features::payments::texts::register();
    guichet::features::balances::texts::register();
    guichet::features::reports::texts::register();
    guichet::features::payouts::texts::register();
    guichet::features::developers::texts::register();
    let host = host();
    let permissions = RwSignal::new(permissions_of(&[Role::Viewer]));
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <Router><MainNav permissions settled=false/></Router> }
    });
    tick().await;
    let links = || {
        let list = host.query_selector_all("a").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        links(),
        [
            "Overview",
            "Tickets",
            "Purchases",
            "Refunds",
            "Balances",
            "Reports",
            "Billing"
        ]
    );

    permissions.set(permissions_of(&[Role::Admin]));
    tick().await;
    assert_eq!(
        links(),
        [
            "Overview",
            "Tickets",
            "Purchases",
            "Refunds",
            "To approve",
            "Balances",
            "Reports",
            "Billing",
            "Payouts",
            "Developers",
            "Users",
            "Roles",
            "Audit log"
        ]
    );

    permissions.set(permissions_of(&[Role::SupportAgent]));
    tick().await;
    assert_eq!(links(), ["Overview", "Support desk"]);
}
