use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{Guarded, Loaded, PageHeading};
use crate::i18n::{t, text, trn};
use crate::state::session::use_session;
use crate::tickets::{list_tickets, FilterSignals, TicketFilters, TicketTable};

/// "My tickets": the organisation's tickets, newest first, with search and filters, and the
/// way to file a new one.
#[component]
pub fn TicketsPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::TicketsRead]><MyTickets/></Guarded> }
}

#[component]
fn MyTickets() -> impl IntoView {
    let session = use_session();
    let can_create = session.can_untracked(Permission::TicketsCreate);
    let time_zone = session
        .me_untracked()
        .map_or_else(|| "UTC".to_owned(), |me| me.organisation.time_zone);
    let filters = FilterSignals::new();
    let page = StoredValue::new(());
    let tickets = LocalResource::new(move || list_tickets(filters.form().to_filter(), page));

    view! {
        <section class="gu-page">
            <div class="gu-page__head">
                <PageHeading text=text("tickets.title")/>
                {can_create.then(|| view! {
                    <A href="/tickets/new" attr:class="gu-button gu-button--primary" attr:rel=crate::state::entry::rel_for("/tickets/new")>
                        {move || t("tickets.new")}
                    </A>
                })}
            </div>
            <TicketFilters filters/>
            <Loaded resource=tickets let:list>
                {
                                let zone = time_zone.clone();
                                let count = list.len();
                                view! {
                                    <p class="gu-page__summary" role="status">
                                        {move || trn("tickets.count", count, &[])}
                                    </p>
                                    {if list.is_empty() {
                                        view! { <p class="gu-empty">{move || t("tickets.empty")}</p> }.into_any()
                                    } else {
                                        view! {
                                            <TicketTable tickets=list caption=text("tickets.caption") time_zone=zone/>
                                        }
                                        .into_any()
                                    }}
                                }
                }
            </Loaded>
        </section>
    }
}
