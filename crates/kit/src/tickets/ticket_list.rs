use guichet_domain::tickets::TicketSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{list_tickets, FilterSignals, TicketTable};
use crate::api::ApiError;
use crate::components::{Button, ErrorPanel, Loaded};
use crate::i18n::{t, trn};

/// A ticket list as both audiences see it: how many, then the table in the order its headers
/// ask for, and « Show more tickets » while the server has more (each press reads the next
/// page from the cursor of the last one). New filters or a new order start again from the top.
#[component]
pub fn TicketList(
    /// The filters and the order, shared with the filter bar.
    filters: FilterSignals,
    /// What the table lists, for its caption.
    #[prop(into)]
    caption: TextProp,
    /// The desk's queue (its columns and its default order).
    #[prop(optional)]
    desk: bool,
    /// The viewer's time zone.
    #[prop(into)]
    time_zone: String,
    /// The key of what to say when no ticket matches.
    empty: &'static str,
) -> impl IntoView {
    let page = StoredValue::new(());
    // The pages read after the first, and the cursor of the next one.
    let more = RwSignal::new(Vec::<TicketSummary>::new());
    let next = RwSignal::new(None::<String>);
    let first = LocalResource::new(move || {
        let filter = filters.form().to_filter();
        async move {
            let read = list_tickets(filter, None, page).await?;
            more.try_set(Vec::new());
            next.try_set(read.next_cursor);
            Ok(read.items)
        }
    });
    let reading = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let read_on = move |_| {
        let Some(cursor) = next.get_untracked() else {
            return;
        };
        let filter = untrack(|| filters.form()).to_filter();
        reading.set(true);
        failure.set(None);
        spawn_local(async move {
            match list_tickets(filter, Some(cursor), page).await {
                Ok(read) => {
                    more.try_update(|m| m.extend(read.items));
                    next.try_set(read.next_cursor);
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
                let (zone, caption) = (time_zone.clone(), caption.clone());
                let shown = items.len();
                let all = move || {
                    let mut all = items.clone();
                    more.with(|m| all.extend(m.iter().cloned()));
                    all
                };
                view! {
                    <p class="gu-page__summary" role="status">
                        {move || {
                            let n = shown + more.with(Vec::len);
                            let key = if next.with(Option::is_some) { "tickets.count_more" } else { "tickets.count" };
                            trn(key, n, &[])
                        }}
                    </p>
                    {move || {
                        let tickets = all();
                        if tickets.is_empty() {
                            view! { <p class="gu-empty">{move || t(empty)}</p> }.into_any()
                        } else {
                            let (caption, zone) = (caption.clone(), zone.clone());
                            view! {
                                <TicketTable tickets caption desk time_zone=zone sort=filters.sort/>
                            }
                            .into_any()
                        }
                    }}
                    <Show when=move || next.with(Option::is_some)>
                        {move || failure.get().map(|error| view! { <ErrorPanel error/> })}
                        <div class="gu-actions gu-actions--center">
                            <Button on_click=read_on busy=reading>
                                {move || t("tickets.show_more")}
                            </Button>
                        </div>
                    </Show>
                }
            }
        </Loaded>
    }
}
