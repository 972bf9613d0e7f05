use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::{Guarded, PageHeading, SelectField};
use crate::i18n::{t, text};
use crate::state::session::use_session;
use crate::tickets::{FilterSignals, TicketFilters, TicketList, UNASSIGNED};

/// The support desk's queue: every ticket filed with the provider, most at risk first unless a
/// column header asks for another order, filtered by status, urgency, category, merchant and assignee, with two quick
/// filters: « Mine » and « Unanswered ».
#[component]
pub fn DeskPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::DeskRead]><DeskQueue/></Guarded> }
}

#[component]
fn DeskQueue() -> impl IntoView {
    let session = use_session();
    let time_zone = session.time_zone_untracked();
    let filters = FilterSignals::new();
    // « Mine »: the assignee filter set to the viewer, shown pressed while it is.
    let my_id = session
        .me_untracked()
        .map(|me| me.user.id.to_string())
        .unwrap_or_default();
    let me = my_id.clone();
    let mine = Signal::derive(move || filters.assignee.with(|a| !me.is_empty() && *a == me));
    let agents = LocalResource::new(api::tickets::agents);
    let merchants = LocalResource::new(api::tickets::merchants);

    // Like the agents, the merchants load beside the queue; until then "All" is offered.
    let merchant_options = Signal::derive(move || {
        let mut options = vec![(String::new(), t("tickets.filter.all_merchants"))];
        if let Some(Ok(known)) = merchants.get() {
            options.extend(known.into_iter().map(|m| (m.id.into(), m.name)));
        }
        options
    });
    let assignee_options = Signal::derive(move || {
        let mut options = vec![
            (String::new(), t("tickets.filter.all_assignees")),
            (UNASSIGNED.to_owned(), t("tickets.unassigned")),
        ];
        // The agents load beside the queue; until they arrive (or if they fail) the filter
        // still offers "Unassigned".
        if let Some(Ok(people)) = agents.get() {
            options.extend(people.into_iter().map(|p| (p.id.into(), p.name)));
        }
        options
    });

    view! {
        <section class="gu-page gu-page--wide">
            <div class="gu-page__head">
                <PageHeading text=text("desk.title")/>
                <A href="/desk/figures" attr:class="gu-button gu-button--secondary">
                    {move || t("desk.figures.link")}
                </A>
            </div>
            <p class="gu-page__summary">{move || t("desk.intro")}</p>
            <TicketFilters filters>
                <SelectField
                    label=text("desk.filter.merchant")
                    name="merchant"
                    value=filters.merchant
                    options=merchant_options
                />
                <SelectField
                    label=text("desk.filter.assignee")
                    name="assignee"
                    value=filters.assignee
                    options=assignee_options
                />
                <div class="gu-filters__quick" role="group" aria-label=move || t("desk.filter.quick")>
                    <button
                        type="button"
                        class="gu-button gu-button--secondary gu-toggle"
                        aria-pressed=move || if mine.get() { "true" } else { "false" }
                        on:click=move |_| {
                            let next = if mine.get() { String::new() } else { my_id.clone() };
                            filters.assignee.set(next);
                        }
                    >
                        {move || t("desk.filter.mine")}
                    </button>
                    <button
                        type="button"
                        class="gu-button gu-button--secondary gu-toggle"
                        aria-pressed=move || if filters.unanswered.get() { "true" } else { "false" }
                        on:click=move |_| filters.unanswered.update(|u| *u = !*u)
                    >
                        {move || t("desk.filter.unanswered")}
                    </button>
                </div>
            </TicketFilters>
            <TicketList filters caption=text("desk.caption") desk=true time_zone empty="desk.empty"/>
        </section>
    }
}
