use guichet_domain::tickets::TicketSummary;
use leptos::prelude::*;

use super::sla::sla_state;
use crate::state::clock::use_clock;
use crate::state::locale::use_locale;

/// Where a ticket's SLA clock stands, as a pill: the running target (response until the desk's
/// first public answer, then resolution) with its time left, at risk, breached, paused or met.
/// The time left follows the app's clock, so it runs down while the page stays open, and the
/// pill turns « At risk » under a quarter of the target's time.
#[component]
pub fn SlaBadge(
    /// The ticket.
    ticket: TicketSummary,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let locale = use_locale();
    let now = use_clock();
    let state = Memo::new(move |_| sla_state(&ticket, now()));
    view! {
        <span class=move || {
            crate::components::classes(
                &format!("gu-badge gu-sla gu-sla--{}", state.with(|s| s.modifier())),
                class.get(),
            )
        }>{move || state.with(|s| s.text(locale.get()))}</span>
    }
}
