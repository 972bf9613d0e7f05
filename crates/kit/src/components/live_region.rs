use leptos::prelude::*;

use crate::i18n::t;
use crate::state::announcer::use_announcer;

/// The page's polite live regions: a hidden one for what the announcer says, read out once,
/// and the toast where notices (a save, a ticket filed) show for a few seconds.
#[component]
pub fn LiveRegion(
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let announcer = use_announcer();
    let notice = move || announcer.and_then(|a| a.notice());
    view! {
        <div
            class=move || super::classes("gu-visually-hidden", class.get())
            aria-live="polite"
            aria-atomic="true"
            data-testid="announcer"
        >
            {move || announcer.map(|a| a.message()).unwrap_or_default()}
        </div>
        <div class="gu-toasts" role="status" aria-atomic="true">
            {move || {
                notice()
                    .map(|n| {
                        view! {
                            <p class="gu-toast">
                                <span class="gu-toast__text">{n.text}</span>
                                <button
                                    type="button"
                                    class="gu-toast__dismiss"
                                    aria-label=move || t("common.dismiss")
                                    on:click=move |_| {
                                        if let Some(a) = announcer {
                                            a.dismiss();
                                        }
                                    }
                                >
                                    "×"
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}
