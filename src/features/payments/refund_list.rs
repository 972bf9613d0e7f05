use guichet_domain::payments::{RefundFilter, RefundSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::refund_table::RefundTable;
use crate::api::{self, ApiError};
use crate::components::{Button, ErrorPanel, Loaded, Words};
use crate::i18n::{t, text};

/// The refunds a filter selects, newest first, with « Show more » while the server has more.
#[component]
pub fn RefundList(
    /// Which refunds.
    #[prop(into)]
    filter: Signal<RefundFilter>,
    /// The organisation's zone.
    time_zone: String,
    /// The key of what to say when none matches.
    empty: &'static str,
) -> impl IntoView {
    let more = RwSignal::new(Vec::<RefundSummary>::new());
    let next = RwSignal::new(None::<String>);
    let first = LocalResource::new(move || {
        let filter = filter.get();
        async move {
            let page = api::payments::refunds(&filter, None).await?;
            more.try_set(Vec::new());
            next.try_set(page.next_cursor);
            Ok(page.items)
        }
    });
    let reading = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let read_on = move |_| {
        let Some(cursor) = next.get_untracked() else {
            return;
        };
        let filter = filter.get_untracked();
        reading.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::payments::refunds(&filter, Some(&cursor)).await {
                Ok(page) => {
                    more.try_update(|m| m.extend(page.items));
                    next.try_set(page.next_cursor);
                }
                Err(error) => {
                    failure.try_set(Some(error));
                }
            }
            reading.try_set(false);
        });
    };
    view! {
        <Loaded resource=first let:items>
            {
                let zone = time_zone.clone();
                let all = Signal::derive(move || {
                    let mut all = items.clone();
                    more.with(|m| all.extend(m.iter().cloned()));
                    all
                });
                let none = Memo::new(move |_| all.with(Vec::is_empty));
                move || {
                    if none.get() {
                        view! { <p class="gu-empty">{move || t(empty)}</p> }.into_any()
                    } else {
                        view! { <RefundTable refunds=all time_zone=zone.clone() purchase=true/> }.into_any()
                    }
                }
            }
            <Show when=move || next.with(Option::is_some)>
                {move || failure.get().map(|error| view! { <ErrorPanel error/> })}
                <div class="gu-actions gu-actions--center">
                    <Button on_click=read_on busy=reading><Words text=text("refunds.show_more")/></Button>
                </div>
            </Show>
        </Loaded>
    }
}
