use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{Guarded, PageHeading};
use crate::i18n::{t, text};
use crate::state::session::use_session;
use crate::tickets::{FilterSignals, TicketFilters, TicketList};

/// "My tickets": the organisation's tickets, newest first unless a column header asks for
/// another order, with search and filters, and the
/// way to file a new one.
#[component]
pub fn TicketsPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::TicketsRead]><MyTickets/></Guarded> }
}

#[component]
fn MyTickets() -> impl IntoView {
    let session = use_session();
    let can_create = session.can_untracked(Permission::TicketsCreate);
    let time_zone = session.time_zone_untracked();
    let filters = FilterSignals::new();

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
            <TicketList filters caption=text("tickets.caption") time_zone empty="tickets.empty"/>
        </section>
    }
}
