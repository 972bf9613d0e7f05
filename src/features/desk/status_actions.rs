use guichet_domain::tickets::{ChangeStatus, Status, TicketDetail};
use leptos::prelude::*;

use super::model::{move_key, status_moves};
use crate::api::{self, IdempotencyKey};
use crate::components::{Button, ButtonKind, ErrorPanel};
use crate::features::tickets::form_feedback::FormFeedback;
use crate::features::users::model::Attempt;
use crate::i18n::labels::status_name;
use crate::i18n::{t, tr};

/// The status moves the lifecycle allows from where the ticket stands: in progress, waiting
/// on the merchant (the SLA clock pauses), resolved, closed.
#[component]
pub fn StatusActions(
    /// The ticket moved.
    ticket_id: String,
    /// The ticket, kept up to date by the page.
    #[prop(into)]
    detail: Signal<TicketDetail>,
    /// Called with the ticket as saved.
    on_saved: Callback<TicketDetail>,
) -> impl IntoView {
    let id = StoredValue::new(ticket_id);
    let feedback = FormFeedback::new();
    let attempt = StoredValue::new(Attempt::<Status>::default());
    let change = Action::new_local(move |(status, key): &(Status, IdempotencyKey)| {
        let (status, key, id) = (*status, key.clone(), id.get_value());
        async move { api::tickets::set_status(&id, &ChangeStatus { status }, &key).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(saved)) => {
            attempt.update_value(Attempt::settle);
            let name = status_name(saved.ticket.status);
            feedback.saved(tr("desk.move.saved", &[("status", &name)]));
            on_saved.run(saved);
        }
        Some(Err(error)) => {
            if !error.is_transient() {
                attempt.update_value(Attempt::settle);
            }
            feedback.failed(error);
        }
        None => {}
    });
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
                                    on_click=Callback::new(move |_| {
                                        feedback.clear();
                                        let key = attempt
                                            .try_update_value(|a| a.key_for(&next))
                                            .unwrap_or_default();
                                        change.dispatch((next, key));
                                    })
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
