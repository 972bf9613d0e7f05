use chrono::{DateTime, Utc};
use guichet_domain::tickets::{FollowUp, TicketDetail};
use guichet_domain::TicketId;
use leptos::prelude::*;

use crate::api;
use crate::components::{Button, ErrorPanel, TextArea};
use crate::i18n::time::format_instant;
use crate::i18n::{t, text, tr};
use crate::redactor;
use crate::state::form_feedback::field_error;
use crate::state::locale::use_locale;
use crate::state::submit::use_submit;
use guichet_domain::tickets::message_text;

/// The merchant asks for a follow-up, with a reason, which reopens a resolved or closed
/// ticket; offered until the follow-up period ends.
#[component]
pub fn FollowUpForm(
    /// The ticket to reopen.
    ticket_id: TicketId,
    /// Until when a follow-up may be asked.
    #[prop(into)]
    until: Signal<Option<DateTime<Utc>>>,
    /// The viewer's time zone.
    time_zone: String,
    /// Called with the ticket as saved.
    on_saved: Callback<TicketDetail>,
) -> impl IntoView {
    let locale = use_locale();
    let id = StoredValue::new(ticket_id);
    let zone = StoredValue::new(time_zone);
    let reason = RwSignal::new(String::new());
    let send = use_submit(
        move |asked: FollowUp, key| {
            let id = id.get_value();
            async move {
                let reason = redactor::sendable(&asked.reason).await?;
                api::tickets::follow_up(&id, &FollowUp { reason }, &key).await
            }
        },
        move |saved: TicketDetail| {
            reason.set(String::new());
            on_saved.run(saved);
            Some(t("ticket.follow_up.saved"))
        },
    );
    let feedback = send.feedback;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.send(
            message_text("reason", &reason.get_untracked(), true).map(|reason| FollowUp {
                reason: reason.to_owned(),
            }),
        );
    };
    let busy = send.pending();
    view! {
        <section class="gu-card gu-ticket-follow-up" aria-labelledby="gu-follow-up-title">
            <h2 id="gu-follow-up-title" class="gu-card__title">{move || t("ticket.follow_up.title")}</h2>
            <p>
                {move || {
                    until
                        .get()
                        .map(|at| {
                            tr(
                                "ticket.follow_up.until",
                                &[("date", &format_instant(at, locale.get().tag(), &zone.get_value()))],
                            )
                        })
                }}
            </p>
            {move || feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <form class="gu-form" novalidate=true on:submit=submit>
                <TextArea
                    label=text("ticket.follow_up.reason")
                    name="reason"
                    value=reason
                    rows=3
                    required=true
                    disabled=busy
                    error=field_error(feedback.errors, "reason")
                />
                <Button button_type="submit" kind=crate::components::ButtonKind::Secondary busy=busy>
                    {move || t("ticket.follow_up.send")}
                </Button>
            </form>
        </section>
    }
}
