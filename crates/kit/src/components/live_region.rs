use leptos::prelude::*;

use crate::state::announcer::use_announcer;

/// The page's polite live region; what the announcer says is read out once.
#[component]
pub fn LiveRegion(
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let announcer = use_announcer();
    view! {
        <div
            class=move || super::classes("gu-visually-hidden", class.get())
            aria-live="polite"
            aria-atomic="true"
            data-testid="announcer"
        >
            {move || announcer.map(|a| a.message()).unwrap_or_default()}
        </div>
    }
}
