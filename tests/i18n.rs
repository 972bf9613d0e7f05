//! The lookup follows the chosen language, remembers it, and keeps `<html lang>` in step.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use guichet::i18n::{t, tr, Locale};
use guichet::state::locale::{provide_locale, LocaleState, STORAGE_KEY};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

fn html_lang() -> Option<String> {
    document().document_element().unwrap().get_attribute("lang")
}

#[wasm_bindgen_test]
async fn switching_language_changes_every_lookup_and_is_remembered() {
    storage().set_item(STORAGE_KEY, "en").unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = Rc::new(Cell::new(None::<LocaleState>));
    let keep = handle.clone();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        keep.set(Some(provide_locale()));
        view! { <span>{move || t("nav.users")}</span> }
    });
    tick().await;
    let locale = handle.get().unwrap();
    assert_eq!(
        locale.get(),
        Locale::En,
        "a remembered choice wins over the browser"
    );
    assert_eq!(host.text_content().unwrap(), "Users");
    assert_eq!(html_lang().as_deref(), Some("en"));

    locale.choose(Locale::Fr);
    tick().await;
    assert_eq!(
        host.text_content().unwrap(),
        "Utilisateurs",
        "the view follows the switch"
    );
    assert_eq!(
        guichet::i18n::t_in(Locale::Fr, "auth.sign_in"),
        "Se connecter"
    );
    assert_eq!(html_lang().as_deref(), Some("fr"));
    assert_eq!(
        storage().get_item(STORAGE_KEY).unwrap().as_deref(),
        Some("fr")
    );

    locale.choose(Locale::En);
    tick().await;
    assert_eq!(host.text_content().unwrap(), "Users");
    storage().remove_item(STORAGE_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn lookups_fill_placeholders_with_french_typography() {
    storage().set_item(STORAGE_KEY, "fr").unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_locale();
        view! {
            <p>{move || t("auth.email")}</p>
            <p>{move || tr("error.request_id", &[("id", "abc")])}</p>
        }
    });
    tick().await;
    let paragraphs = host.query_selector_all("p").unwrap();
    let text = |i| paragraphs.item(i).unwrap().text_content().unwrap();
    assert_eq!(text(0), "Adresse e-mail");
    assert_eq!(
        text(1),
        "Identifiant de requête\u{a0}: abc",
        "a no-break space before the colon"
    );
    storage().remove_item(STORAGE_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn without_a_choice_the_browser_language_decides() {
    storage().remove_item(STORAGE_KEY).unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    let handle = Rc::new(Cell::new(None::<LocaleState>));
    let keep = handle.clone();
    let _mounted = leptos::mount::mount_to(host, move || keep.set(Some(provide_locale())));
    tick().await;
    let browser = window().navigator().language().unwrap_or_default();
    let expected = if browser.starts_with("fr") {
        Locale::Fr
    } else {
        Locale::En
    };
    assert_eq!(handle.get().unwrap().get(), expected);
}

#[wasm_bindgen_test]
fn amounts_are_formatted_by_the_browser_from_their_exact_decimal() {
    use guichet::i18n::money::format_money;
    use guichet_domain::{Currency, Money};
    let fr = format_money(Money::new(150_000, Currency::Xof), Locale::Fr);
    assert!(fr.starts_with("150\u{202f}000"), "{fr}");
    assert!(fr.contains("CFA"), "{fr}");
    let en = format_money(Money::new(150_050, Currency::Eur), Locale::En);
    assert_eq!(en, "€1,500.50");
    // Beyond 2^53 a float would round; the decimal string does not.
    let huge = format_money(Money::new(9_007_199_254_740_993, Currency::Eur), Locale::En);
    assert_eq!(huge, "€90,071,992,547,409.93");
}
