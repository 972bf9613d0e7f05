use guichet_domain::tickets::{message_text, ChangeStatus, Status, TicketDetail};
use guichet_domain::TicketId;
use leptos::prelude::*;

use super::model::{move_key, status_moves};
use crate::api;
use crate::components::{Button, ButtonKind, ErrorPanel, TextArea};
use crate::i18n::labels::status_name;
use crate::i18n::{t, text, tr};
use crate::redactor;
use crate::state::form_feedback::field_error;
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
    // « Resolve » first asks for what was done, in a few words (optional).
    let resolving = RwSignal::new(false);
    let summary = RwSignal::new(String::new());
    let change = use_submit(
        move |change: ChangeStatus, key| {
            let id = id.get_value();
            async move {
                let summary = redactor::sendable(&change.summary).await?;
                api::tickets::set_status(&id, &ChangeStatus { summary, ..change }, &key).await
            }
        },
        move |saved: TicketDetail| {
            let name = status_name(saved.ticket.status);
            resolving.set(false);
            summary.set(String::new());
            on_saved.run(saved);
            Some(tr("desk.move.saved", &[("status", &name)]))
        },
    );
    let feedback = change.feedback;
    let busy = change.pending();
    let moves = Memo::new(move |_| detail.with(|d| status_moves(d.ticket.status)));
    let resolve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        change.send(
            message_text("summary", &summary.get_untracked(), false).map(|text| ChangeStatus {
                status: Status::Resolved,
                summary: text.to_owned(),
            }),
        );
    };
    view! {
        <div class="gu-desk-controls__part">
            <h3>{move || t("desk.move.title")}</h3>
            {move || feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <Show when=move || !resolving.get()>
                <div class="gu-actions">
                    {move || {
                        moves
                            .get()
                            .into_iter()
                            .map(|next| {
                                let (kind, go) = if next == Status::Resolved {
                                    (ButtonKind::Primary, Callback::new(move |_| resolving.set(true)))
                                } else {
                                    let to = ChangeStatus { status: next, summary: String::new() };
                                    (ButtonKind::Secondary, Callback::new(move |_| change.send(Ok(to.clone()))))
                                };
                                view! {
                                    <Button kind busy=busy on_click=go>{move || t(move_key(next))}</Button>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </Show>
            <Show when=move || resolving.get()>
                <form class="gu-form" novalidate=true on:submit=resolve>
                    <TextArea
                        label=text("desk.move.summary")
                        name="summary"
                        value=summary
                        rows=3
                        hint=text("desk.move.summary_hint")
                        disabled=busy
                        error=field_error(feedback.errors, "summary")
                    />
                    <div class="gu-actions">
                        <Button button_type="submit" busy=busy>{move || t("desk.move.resolved")}</Button>
                        <Button kind=ButtonKind::Quiet on_click=Callback::new(move |_| resolving.set(false))>
                            {move || t("common.cancel")}
                        </Button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
