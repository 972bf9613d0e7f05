use guichet_domain::tickets::{NewMessage, TicketDetail};
use leptos::prelude::*;

use super::model::outgoing_text;
use crate::api;
use crate::components::{Button, ErrorPanel, TextArea};
use crate::features::field_error;
use crate::i18n::{t, text};
use crate::state::submit::use_submit;

/// Adds a message to the conversation. The desk may tick "Internal note" to write for the
/// desk only. The text is redacted in the browser before it is sent.
#[component]
pub fn ReplyForm(
    /// The ticket answered.
    ticket_id: String,
    /// The viewer is the desk (offers internal notes).
    desk: bool,
    /// Called with the ticket as saved.
    on_saved: Callback<TicketDetail>,
) -> impl IntoView {
    let id = StoredValue::new(ticket_id);
    let body = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let send = use_submit(
        move |message: NewMessage, key| {
            let id = id.get_value();
            async move { api::tickets::add_message(&id, &message, &key).await }
        },
        move |saved: TicketDetail| {
            let note = internal.get_untracked();
            body.set(String::new());
            internal.set(false);
            on_saved.run(saved);
            Some(t(if note {
                "ticket.reply.note_added"
            } else {
                "ticket.reply.sent"
            }))
        },
    );
    let feedback = send.feedback;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.send(
            outgoing_text("body", &body.get_untracked(), true).map(|text| NewMessage {
                body: text,
                internal: desk && internal.get_untracked(),
                attachment_ids: Vec::new(),
            }),
        );
    };
    let busy = send.pending();
    view! {
        <section class="gu-ticket-section" aria-labelledby="gu-reply-title">
            <h2 id="gu-reply-title">{move || t("ticket.reply.title")}</h2>
            {move || feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <form class="gu-form gu-reply" novalidate=true on:submit=submit>
                <TextArea
                    label=text("ticket.reply.body")
                    name="body"
                    value=body
                    rows=5
                    required=true
                    disabled=busy
                    hint=text("ticket.reply.hint")
                    error=field_error(feedback.errors, "body")
                />
                {desk.then(|| view! {
                    <label class="gu-checkbox">
                        <input
                            type="checkbox"
                            name="internal"
                            prop:checked=move || internal.get()
                            disabled=move || busy.get()
                            on:change:target=move |ev| internal.set(ev.target().checked())
                        />
                        <span>{move || t("ticket.reply.internal")}</span>
                    </label>
                })}
                <Button button_type="submit" busy=busy>
                    {move || if internal.get() { t("ticket.reply.add_note") } else { t("ticket.reply.send") }}
                </Button>
            </form>
        </section>
    }
}
