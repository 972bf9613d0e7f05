use guichet_domain::tickets::TicketDetail;
use leptos::prelude::*;

use super::assignment::Assignment;
use super::status_actions::StatusActions;
use super::triage_form::TriageForm;
use crate::i18n::t;

/// The desk's panel on a ticket: triage, assignment and status moves.
#[component]
pub fn DeskControls(
    /// The ticket, kept up to date by the page.
    #[prop(into)]
    detail: Signal<TicketDetail>,
    /// Called with the ticket as saved after any action.
    on_saved: Callback<TicketDetail>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let id = detail.with_untracked(|d| d.ticket.id.clone());
    view! {
        <section
            class=move || crate::components::classes("gu-card gu-desk-controls", class.get())
            aria-labelledby="gu-desk-controls-title"
        >
            <h2 id="gu-desk-controls-title" class="gu-card__title">{move || t("desk.controls.title")}</h2>
            <div class="gu-desk-controls__grid">
                <TriageForm
                    ticket_id=id.clone()
                    urgency=Signal::derive(move || detail.with(|d| d.ticket.urgency))
                    on_saved
                />
                <Assignment detail on_saved/>
                <StatusActions ticket_id=id detail on_saved/>
            </div>
        </section>
    }
}
