use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::t;
use crate::state::announcer::use_announcer;

/// Copies a value to the clipboard and says so ("Copied").
#[component]
pub fn CopyButton(
    /// The text to copy.
    #[prop(into)]
    value: Signal<String>,
    /// What is copied, for the accessible name, e.g. "Copy the request id".
    #[prop(into)]
    label: TextProp,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let announcer = use_announcer();
    let copy = move |_| {
        let text = value.get_untracked();
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            return;
        };
        spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            let message = if done.is_ok() {
                t("copy.done")
            } else {
                t("copy.failed")
            };
            copied.set(done.is_ok());
            if let Some(a) = announcer {
                a.announce(message);
            }
        });
    };
    let name = label.clone();
    view! {
        <button
            type="button"
            class=move || super::classes("gu-button gu-button--quiet gu-copy-button", class.get())
            aria-label=move || name.get()
            on:click=copy
        >
            {move || if copied.get() { t("copy.done") } else { t("copy.copy") }}
        </button>
    }
}
