//! The lookup follows the chosen language, remembers it, and keeps `<html lang>` in step.
#![cfg(target_arch = "wasm32")]

use guichet::i18n::{t, tr, Locale};
use guichet::state::locale::{provide_locale, use_locale, STORAGE_KEY};
use leptos::prelude::*;
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
    let _ = leptos::task::Executor::init_wasm_bindgen();
    storage().set_item(STORAGE_KEY, "en").unwrap();
    let owner = Owner::new();
    owner.set();
    let locale = provide_locale();
    assert_eq!(locale.get(), Locale::En, "a remembered choice wins over the browser");
    assert_eq!(t("auth.sign_in"), "Sign in");

    let seen = RwSignal::new(String::new());
    Effect::new(move |_| seen.set(t("nav.users")));
    tick().await;
    assert_eq!(seen.get_untracked(), "Users");
    assert_eq!(html_lang().as_deref(), Some("en"));

    use_locale().choose(Locale::Fr);
    tick().await;
    assert_eq!(seen.get_untracked(), "Utilisateurs", "reactive lookups follow the switch");
    assert_eq!(t("auth.sign_in"), "Se connecter");
    assert_eq!(t("auth.email"), "Adresse e-mail");
    assert_eq!(tr("error.request_id", &[("id", "abc")]), "Identifiant de requête\u{a0}: abc");
    assert_eq!(html_lang().as_deref(), Some("fr"));
    assert_eq!(storage().get_item(STORAGE_KEY).unwrap().as_deref(), Some("fr"));

    storage().remove_item(STORAGE_KEY).unwrap();
}

#[wasm_bindgen_test]
fn without_a_choice_the_browser_language_decides() {
    storage().remove_item(STORAGE_KEY).unwrap();
    let owner = Owner::new();
    owner.set();
    let locale = provide_locale();
    let browser = window().navigator().language().unwrap_or_default();
    let expected = if browser.starts_with("fr") { Locale::Fr } else { Locale::En };
    assert_eq!(locale.get_untracked_for_test(), expected);
}
