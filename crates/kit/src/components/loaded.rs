use std::sync::Arc;

use leptos::prelude::*;

use super::{ErrorView, PageHeading, Spinner};
use crate::api::ApiError;

/// What a page reads from the API: progress while it loads (the previous content stays while
/// it reloads), then the content, or the error with its request id and a "Try again".
#[component]
pub fn Loaded<T, V>(
    /// The read.
    resource: LocalResource<Result<T, ApiError>>,
    /// The content, from what was read.
    children: impl Fn(T) -> V + Send + Sync + 'static,
    /// A page whose heading comes with what it reads keeps one on an error.
    #[prop(optional, into)]
    error_heading: Option<TextProp>,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let children = Arc::new(children);
    let retry = Callback::new(move |()| resource.refetch());
    view! {
        <Transition fallback=|| view! { <Spinner/> }>
            <ErrorBoundary fallback=move |errors| view! {
                {error_heading.clone().map(|text| view! { <PageHeading text/> })}
                <ErrorView errors on_retry=retry/>
            }>
                {move || {
                    let children = children.clone();
                    Suspend::new(async move { resource.await.map(|value| children(value).into_any()) })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
