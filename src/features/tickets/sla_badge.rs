use guichet_domain::tickets::TicketSummary;
use leptos::prelude::*;

use super::model::sla_state;
use crate::i18n::time::now;
use crate::state::locale::use_locale;

/// Where a ticket's SLA clock stands, as a pill: time left, breached, paused or met. Read at
/// render time; the list and the page are fresh enough for a support queue.
#[component]
pub fn SlaBadge(
    /// The ticket.
    ticket: TicketSummary,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let locale = use_locale();
    let state = sla_state(&ticket, now());
    view! {
        <span class=move || {
            crate::components::classes(
                &format!("gu-badge gu-sla gu-sla--{}", state.modifier()),
                class.get(),
            )
        }>{move || state.text(locale.get())}</span>
    }
}
