use leptos::prelude::*;

use crate::i18n::t;

/// Something is loading: a small animation and a "Loading…" text, marked busy.
#[component]
pub fn Spinner(
    /// What is loading; "Loading…" when absent.
    #[prop(optional, into)]
    label: Option<TextProp>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <div
            class=move || super::classes("gu-spinner", class.get())
            role="status"
            aria-busy="true"
        >
            <span class="gu-spinner__icon" aria-hidden="true"></span>
            <span class="gu-spinner__label">
                {move || label.as_ref().map(|l| l.get().to_string()).unwrap_or_else(|| t("common.loading"))}
            </span>
        </div>
    }
}
