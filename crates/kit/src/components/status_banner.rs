use leptos::prelude::*;

/// The slot for the service-status banner (outages, maintenance). Empty until there is
/// something to say; it is a `role=status` region so what appears is announced.
#[component]
pub fn StatusBanner(
    /// The message, already translated; `None` keeps the slot empty.
    #[prop(optional, into)]
    message: Signal<Option<String>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <div
            class=move || super::classes("gu-status-banner", class.get())
            class=("gu-status-banner--active", move || message.get().is_some())
            role="status"
            data-testid="status-banner"
        >
            {move || message.get().map(|m| view! { <p class="gu-status-banner__text">{m}</p> })}
        </div>
    }
}
