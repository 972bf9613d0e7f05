use leptos::prelude::*;

use super::CopyButton;
use crate::api::ApiError;
use crate::i18n::{t, t_or_raw, text, tr};

/// The text shown for an error: its translated message, with the server's status or reason
/// where that helps.
pub fn error_message(error: &ApiError) -> String {
    match error {
        ApiError::Server { status, .. } | ApiError::BadRequest { status, .. } => {
            tr(error.message_key(), &[("status", &status.to_string())])
        }
        ApiError::Conflict {
            reason: Some(reason),
            ..
        } => t_or_raw(reason),
        // Another backend may give its reason in words only.
        ApiError::Conflict { message, .. } if !message.is_empty() => t_or_raw(message),
        _ => t(error.message_key()),
    }
}

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
