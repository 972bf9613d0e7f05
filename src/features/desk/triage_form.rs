use guichet_domain::tickets::{TicketDetail, Triage, Urgency};
use guichet_domain::TicketId;
use leptos::prelude::*;

use crate::api;
use crate::components::{Button, ErrorPanel, SelectField, TextField};
use crate::i18n::labels::urgency_name;
use crate::i18n::{t, text};
use crate::redactor;
use crate::state::form_feedback::field_error;
use crate::state::submit::use_submit;
use guichet_domain::tickets::message_text;

/// Sets or changes a ticket's urgency, with the reason; a new ticket becomes triaged.
#[component]
pub fn TriageForm(
    /// The ticket triaged.
    ticket_id: TicketId,
    /// Its current urgency, preselected.
    #[prop(into)]
    urgency: Signal<Urgency>,
    /// Called with the ticket as saved.
    on_saved: Callback<TicketDetail>,
) -> impl IntoView {
    let id = StoredValue::new(ticket_id);
    let chosen = RwSignal::new(urgency.get_untracked().as_str().to_owned());
    let reason = RwSignal::new(String::new());
    let shared = RwSignal::new(false);
    let send = use_submit(
        move |triage: Triage, key| {
            let id = id.get_value();
            async move {
                let reason = redactor::sendable(&triage.reason).await?;
                api::tickets::triage(&id, &Triage { reason, ..triage }, &key).await
            }
        },
        move |saved: TicketDetail| {
            reason.set(String::new());
            shared.set(false);
            on_saved.run(saved);
            Some(t("desk.triage.saved"))
        },
    );
    let feedback = send.feedback;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let urgency = Urgency::parse(&chosen.get_untracked()).unwrap_or(Urgency::Normal);
        send.send(
            message_text("reason", &reason.get_untracked(), true).map(|reason| Triage {
                urgency,
                reason: reason.to_owned(),
                shared: shared.get_untracked(),
            }),
        );
    };
    let busy = send.pending();
    let options = Signal::derive(|| {
        Urgency::ALL
            .into_iter()
            .map(|u| (u.as_str().to_owned(), urgency_name(u)))
            .collect::<Vec<_>>()
    });
    view! {
        <form class="gu-form gu-desk-controls__part" novalidate=true on:submit=submit>
            <h3>{move || t("desk.triage.title")}</h3>
            {move || feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <SelectField
                label=text("desk.triage.urgency")
                name="urgency"
                value=chosen
                options
                disabled=busy
                error=field_error(feedback.errors, "urgency")
            />
            <TextField
                label=text("desk.triage.reason")
                name="reason"
                value=reason
                required=true
                disabled=busy
                error=field_error(feedback.errors, "reason")
                hint=TextProp::from(move || {
                    t(if shared.get() { "desk.triage.reason_shared" } else { "desk.triage.reason_kept" })
                })
            />
            <label class="gu-check">
                <input
                    type="checkbox"
                    class="gu-check__input"
                    prop:checked=move || shared.get()
                    disabled=move || busy.get()
                    on:change:target=move |ev| shared.set(ev.target().checked())
                />
                <span>{move || t("desk.triage.share")}</span>
            </label>
            <Button button_type="submit" busy=busy>{move || t("desk.triage.send")}</Button>
        </form>
    }
}
