use guichet_domain::payments::RefundFilter;
use leptos::prelude::*;

use super::refund_table::RefundTable;
use crate::api;
use crate::components::{Loaded, Reading, ShowMore};
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
    let first = LocalResource::new(move || {
        let filter = filter.get();
        async move { api::payments::refunds(&filter, None).await }
    });
    view! {
        <Loaded resource=first let:page>
            {
                let read = Reading::new(page.items, page.next_cursor);
                let rows = if read.items.with_untracked(Vec::is_empty) {
                    view! { <p class="gu-empty">{move || t(empty)}</p> }.into_any()
                } else {
                    view! { <RefundTable refunds=read.items time_zone=time_zone.clone() purchase=true/> }.into_any()
                };
                let on_more = move || {
                    let filter = filter.get_untracked();
                    read.more(move |cursor| async move {
                        let page = api::payments::refunds(&filter, Some(&cursor)).await?;
                        Ok((page.items, page.next_cursor))
                    });
                };
                view! {
                    {rows}
                    <ShowMore reading=read label=text("refunds.show_more") on_more/>
                }
            }
        </Loaded>
    }
}
