use guichet_domain::entries::RATING_ANCHOR;
use guichet_domain::tickets::{Feedback, TicketDetail};
use guichet_domain::TicketId;
use leptos::prelude::*;

use super::model::rating;
use crate::api;
use crate::components::{unique_id, Button, ErrorPanel, TextArea};
use crate::i18n::{t, text};
use crate::redactor;
use crate::state::form_feedback::field_error;
use crate::state::submit::use_submit;
use guichet_domain::tickets::{message_text, RATINGS};

/// The merchant rates the resolution from 1 to 5, with an optional comment; this closes a
/// resolved ticket.
#[component]
pub fn RatingForm(
    /// The ticket rated.
    ticket_id: TicketId,
    /// Called with the ticket as saved.
    on_saved: Callback<TicketDetail>,
) -> impl IntoView {
    let id = StoredValue::new(ticket_id);
    let chosen = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let send = use_submit(
        move |rated: Feedback, key| {
            let id = id.get_value();
            async move {
                let comment = redactor::sendable(&rated.comment).await?;
                api::tickets::rate(&id, &Feedback { comment, ..rated }, &key).await
            }
        },
        move |saved: TicketDetail| {
            on_saved.run(saved);
            Some(t("ticket.rating.saved"))
        },
    );
    let feedback = send.feedback;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.send(rating(&chosen.get_untracked()).and_then(|rating| {
            message_text("comment", &comment.get_untracked(), false).map(|comment| Feedback {
                rating,
                comment: comment.to_owned(),
            })
        }));
    };
    let busy = send.pending();
    let group = unique_id("rating");
    let error_id = format!("{group}-error");
    let rating_error = field_error(feedback.errors, "rating");
    let described = error_id.clone();
    // The mail saying the ticket is resolved links here: the rating takes focus, in view.
    let title = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        let asked = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .is_some_and(|h| h.strip_prefix('#') == Some(RATING_ANCHOR));
        if let (true, Some(h2)) = (asked, title.get()) {
            crate::components::focus_after_layout(h2);
        }
    });
    view! {
        <section id=RATING_ANCHOR class="gu-card gu-ticket-rating" aria-labelledby="gu-rating-title">
            <h2 id="gu-rating-title" class="gu-card__title" tabindex="-1" node_ref=title>
                {move || t("ticket.rating.title")}
            </h2>
            {move || feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <form class="gu-form" novalidate=true on:submit=submit>
                <fieldset
                    class="gu-rating"
                    class=("gu-rating--invalid", move || rating_error.get().is_some())
                    aria-describedby=move || rating_error.get().map(|_| described.clone())
                >
                    <legend class="gu-field__label">{move || t("ticket.rating.legend")}</legend>
                    <div class="gu-rating__options">
                        {RATINGS
                            .map(|n| {
                                let input_id = format!("{group}-{n}");
                                let value = n.to_string();
                                let is_chosen = value.clone();
                                view! {
                                    <span class="gu-rating__option">
                                        <input
                                            type="radio"
                                            id=input_id.clone()
                                            name=group.clone()
                                            value=value.clone()
                                            disabled=move || busy.get()
                                            prop:checked=move || chosen.with(|c| *c == is_chosen)
                                            on:change:target=move |ev| chosen.set(ev.target().value())
                                        />
                                        <label for=input_id>
                                            {move || t(&format!("ticket.rating.{n}"))}
                                        </label>
                                    </span>
                                }
                            })
                            .collect_view()}
                    </div>
                    <Show when=move || rating_error.get().is_some()>
                        <p id=error_id.clone() class="gu-field-error">
                            {move || rating_error.get().unwrap_or_default()}
                        </p>
                    </Show>
                </fieldset>
                <TextArea
                    label=text("ticket.rating.comment")
                    name="comment"
                    value=comment
                    rows=3
                    disabled=busy
                    error=field_error(feedback.errors, "comment")
                />
                <Button button_type="submit" busy=busy>{move || t("ticket.rating.send")}</Button>
            </form>
        </section>
    }
}
