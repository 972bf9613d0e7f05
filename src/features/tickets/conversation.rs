use guichet_domain::tickets::{Message, TicketDetail};
use leptos::prelude::*;

use super::attachment_list::AttachmentList;
use crate::i18n::t;
use crate::i18n::time::format_instant;
use crate::state::locale::use_locale;

/// Which messages a [`Conversation`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The newest message alone, right under the ticket's title: what the page is about now.
    Latest,
    /// The ones before it, newest first, under the composer.
    Earlier,
}

/// The conversation, or a part of it: the merchant's and the desk's messages told apart, and
/// the desk's internal notes marked as such (the server sends them to the desk only).
#[component]
pub fn Conversation(
    /// The ticket.
    #[prop(into)]
    detail: Signal<TicketDetail>,
    /// The newest message, or the ones before it.
    part: Part,
    /// The viewer is the desk: its own side is "Support desk" rather than "Us".
    desk: bool,
    /// The viewer's time zone.
    time_zone: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let zone = StoredValue::new(time_zone);
    let (title_id, title_key) = match part {
        Part::Latest => ("gu-conversation-latest", "ticket.latest_message"),
        Part::Earlier => ("gu-conversation-earlier", "ticket.earlier_messages"),
    };
    let messages = Memo::new(move |_| {
        detail.with(|d| {
            let mut newest_first: Vec<Message> = d.messages.iter().rev().cloned().collect();
            match part {
                Part::Latest => newest_first.truncate(1),
                Part::Earlier if newest_first.is_empty() => {}
                Part::Earlier => {
                    newest_first.remove(0);
                }
            }
            newest_first
        })
    });
    let shown = move || part == Part::Latest || messages.with(|m| !m.is_empty());
    view! {
        <Show when=shown>
            <section
                class=move || crate::components::classes("gu-ticket-section", class.get())
                aria-labelledby=title_id
            >
                <h2 id=title_id>{move || t(title_key)}</h2>
                {move || {
                    let messages = messages.get();
                    if messages.is_empty() {
                        view! { <p class="gu-empty">{move || t("ticket.no_messages")}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="gu-conversation">
                                {messages
                                    .into_iter()
                                    .map(|message| view! {
                                        <MessageItem message desk zone=zone.get_value()/>
                                    })
                                    .collect_view()}
                            </ol>
                        }
                        .into_any()
                    }
                }}
            </section>
        </Show>
    }
}

#[component]
fn MessageItem(message: Message, desk: bool, zone: String) -> impl IntoView {
    let locale = use_locale();
    let (from_desk, internal, at) = (message.from_desk, message.internal, message.at);
    let side = move || {
        if from_desk {
            t("ticket.message.from_desk")
        } else if desk {
            t("ticket.message.from_merchant")
        } else {
            t("ticket.message.from_us")
        }
    };
    let modifier = match (internal, from_desk) {
        (true, _) => "internal",
        (false, true) => "desk",
        (false, false) => "merchant",
    };
    let attachments = message.attachments.clone();
    view! {
        <li class=format!("gu-message gu-message--{modifier}")>
            <p class="gu-message__meta">
                <strong class="gu-message__author">{message.author.name.clone()}</strong>
                <span class="gu-badge gu-message__side">{side}</span>
                {internal.then(|| view! {
                    <span class="gu-badge gu-badge--internal">{move || t("ticket.message.internal")}</span>
                })}
                <time class="gu-message__time" datetime=at.to_rfc3339()>
                    {move || format_instant(at, locale.get().tag(), &zone)}
                </time>
            </p>
            <p class="gu-message__body">{message.body.clone()}</p>
            {(!attachments.is_empty()).then(|| view! { <AttachmentList attachments/> })}
        </li>
    }
}
