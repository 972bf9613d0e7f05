use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::components::{Button, ErrorPanel, Words};

/// A list read from the server a page at a time, by its cursor: the rows read so far and the
/// reading on. It is made from a first page inside the view that shows that page, and lives as
/// long as it: when the filters change, the next first page makes a new one, and a page still
/// being read for the old view lands in signals that are gone. So no page read for one view
/// is ever added to another, however the answers cross.
pub struct Reading<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    next: RwSignal<Option<String>>,
    reading: RwSignal<bool>,
    failure: RwSignal<Option<ApiError>>,
}

impl<T: Send + Sync + 'static> Clone for Reading<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Reading<T> {}

impl<T: Send + Sync + 'static> Reading<T> {
    /// Starts from the first page's rows and its cursor.
    pub fn new(items: Vec<T>, next: Option<String>) -> Self {
        Reading {
            items: RwSignal::new(items),
            next: RwSignal::new(next),
            reading: RwSignal::new(false),
            failure: RwSignal::new(None),
        }
    }

    /// Whether the server has more.
    pub fn has_more(self) -> bool {
        self.next.with(Option::is_some)
    }

    /// Whether the server has more, without subscribing.
    pub fn has_more_untracked(self) -> bool {
        self.next.with_untracked(Option::is_some)
    }

    /// Reads the page after the last one with `read(cursor)`, unless one is being read or none
    /// is left.
    pub fn more<F, Fut>(self, read: F)
    where
        F: FnOnce(String) -> Fut,
        Fut: Future<Output = Result<(Vec<T>, Option<String>), ApiError>> + 'static,
    {
        let Some(cursor) = self.next.get_untracked() else {
            return;
        };
        if self.reading.get_untracked() {
            return;
        }
        self.reading.set(true);
        self.failure.set(None);
        let page = read(cursor);
        spawn_local(async move {
            match page.await {
                Ok((items, next)) => {
                    self.items.try_update(|all| all.extend(items));
                    self.next.try_set(next);
                }
                Err(error) => {
                    self.failure.try_set(Some(error));
                }
            }
            self.reading.try_set(false);
        });
    }
}

/// « Show more » under a list while the server has more, with the last read's failure above it.
#[component]
pub fn ShowMore<T: Send + Sync + 'static>(
    /// The list.
    reading: Reading<T>,
    /// The button's words.
    label: TextProp,
    /// Reads on.
    #[prop(into)]
    on_more: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || reading.has_more()>
            {move || reading.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <div class="gu-actions gu-actions--center">
                {
                    let label = label.clone();
                    view! {
                        <Button on_click=move |_| on_more.run(()) busy=reading.reading>
                            <Words text=label/>
                        </Button>
                    }
                }
            </div>
        </Show>
    }
}
