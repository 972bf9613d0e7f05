use guichet_domain::tickets::{ChangeStatus, Status, TicketDetail};
use guichet_domain::TicketId;
use leptos::prelude::*;

use super::model::{move_key, status_moves};
use crate::api;
use crate::components::{Button, ButtonKind, ErrorPanel};
use crate::i18n::labels::status_name;
use crate::i18n::{t, tr};
use crate::state::submit::use_submit;

/// The status moves the lifecycle allows from where the ticket stands: in progress, waiting
/// on the merchant (the SLA clock pauses), resolved, closed.
#[component]
pub fn StatusActions(
    /// The ticket moved.
    ticket_id: TicketId,
    /// The ticket, kept up to date by the page.
    #[prop(into)]
    detail: Signal<TicketDetail>,
    /// Called with the ticket as saved.
    on_saved: Callback<TicketDetail>,
) -> impl IntoView {
    let id = StoredValue::new(ticket_id);
    let change = use_submit(
        move |status: Status, key| {
            let id = id.get_value();
            async move { api::tickets::set_status(&id, &ChangeStatus { status }, &key).await }
        },
        move |saved: TicketDetail| {
            let name = status_name(saved.ticket.status);
            on_saved.run(saved);
            Some(tr("desk.move.saved", &[("status", &name)]))
        },
    );
    let feedback = change.feedback;
    let busy = change.pending();
    let moves = Memo::new(move |_| detail.with(|d| status_moves(d.ticket.status)));
    view! {
        <div class="gu-desk-controls__part">
            <h3>{move || t("desk.move.title")}</h3>
            {move || feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <div class="gu-actions">
                {move || {
                    moves
                        .get()
                        .into_iter()
                        .map(|next| {
                            let kind = if next == Status::Resolved {
                                ButtonKind::Primary
                            } else {
                                ButtonKind::Secondary
                            };
                            view! {
                                <Button
                                    kind
                                    busy=busy
                                    on_click=Callback::new(move |_| change.send(Ok(next)))
                                >
                                    {move || t(move_key(next))}
                                </Button>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </div>
    }
}
