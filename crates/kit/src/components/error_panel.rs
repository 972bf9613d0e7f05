use leptos::prelude::*;

use super::CopyButton;
use crate::api::ApiError;
use crate::i18n::labels::error_message;
use crate::i18n::{t, text, tr};

/// A failed call: what went wrong, in words, and the request id to quote to support.
#[component]
pub fn ErrorPanel(
    /// The error to show.
    #[prop(into)]
    error: Signal<ApiError>,
    /// Offers a "Try again" button when given.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let request_id = move || error.with(|e| e.request_id().map(str::to_owned));
    view! {
        <div class=move || super::classes("gu-error-panel", class.get()) role="alert">
            <p class="gu-error-panel__message">{move || error.with(error_message)}</p>
            {move || {
                request_id()
                    .map(|id| {
                        let copy_value = id.clone();
                        view! {
                            <p class="gu-error-panel__request-id">
                                <span>{move || tr("error.request_id", &[("id", &id)])}</span>
                                <CopyButton
                                    value=Signal::derive(move || copy_value.clone())
                                    label=text("error.copy_request_id")
                                />
                            </p>
                        }
                    })
            }}
            {on_retry
                .map(|retry| {
                    view! {
                        <button
                            type="button"
                            class="gu-button gu-button--secondary gu-error-panel__retry"
                            on:click=move |_| retry.run(())
                        >
                            {move || t("error.retry")}
                        </button>
                    }
                })}
        </div>
    }
}
