use leptos::prelude::*;

use super::ErrorPanel;
use crate::api::ApiError;

/// The fallback of an `ErrorBoundary`: the first error as an [`ErrorPanel`].
#[component]
pub fn ErrorView(
    /// The boundary's errors.
    errors: ArcRwSignal<Errors>,
    /// Offers a "Try again" button when given (usually a resource's `refetch`).
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let first = Signal::derive(move || {
        errors.with(|errors| {
            errors
                .iter()
                .next()
                .and_then(|(_, e)| e.downcast_ref::<ApiError>().cloned())
                .unwrap_or(ApiError::Decode {
                    status: 0,
                    request_id: None,
                })
        })
    });
    match on_retry {
        Some(retry) => view! { <ErrorPanel error=first on_retry=retry/> }.into_any(),
        None => view! { <ErrorPanel error=first/> }.into_any(),
    }
}
