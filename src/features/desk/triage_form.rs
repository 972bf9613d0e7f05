use guichet_domain::tickets::{TicketDetail, Triage, Urgency};
use leptos::prelude::*;

use crate::api::{self, IdempotencyKey};
use crate::components::{Button, ErrorPanel, SelectField, TextField};
use crate::features::field_error;
use crate::features::tickets::form_feedback::FormFeedback;
use crate::features::tickets::model::outgoing_text;
use crate::features::users::model::Attempt;
use crate::i18n::labels::urgency_name;
use crate::i18n::{t, text};

/// Sets or changes a ticket's urgency, with the reason; a new ticket becomes triaged.
#[component]
pub fn TriageForm(
    /// The ticket triaged.
    ticket_id: String,
    /// Its current urgency, preselected.
    #[prop(into)]
    urgency: Signal<Urgency>,
    /// Called with the ticket as saved.
    on_saved: Callback<TicketDetail>,
) -> impl IntoView {
    let id = StoredValue::new(ticket_id);
    let chosen = RwSignal::new(urgency.get_untracked().as_str().to_owned());
    let reason = RwSignal::new(String::new());
    let feedback = FormFeedback::new();
    let attempt = StoredValue::new(Attempt::<Triage>::default());
    let send = Action::new_local(move |(triage, key): &(Triage, IdempotencyKey)| {
        let (triage, key, id) = (triage.clone(), key.clone(), id.get_value());
        async move { api::tickets::triage(&id, &triage, &key).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(saved)) => {
            attempt.update_value(Attempt::settle);
            reason.set(String::new());
            feedback.saved(t("desk.triage.saved"));
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
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        feedback.clear();
        let urgency = Urgency::parse(&chosen.get_untracked()).unwrap_or(Urgency::Normal);
        match outgoing_text("reason", &reason.get_untracked(), true) {
            Ok(reason) => {
                let triage = Triage { urgency, reason };
                let key = attempt
                    .try_update_value(|a| a.key_for(&triage))
                    .unwrap_or_default();
                send.dispatch((triage, key));
            }
            Err(fields) => feedback.invalid(fields),
        }
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
            />
            <Button button_type="submit" busy=busy>{move || t("desk.triage.send")}</Button>
        </form>
    }
}
