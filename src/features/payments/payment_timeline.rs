use guichet_domain::payments::PaymentEvent;
use leptos::prelude::*;

use super::texts::payment_event_name;
use crate::components::LocalTime;
use crate::components::Words;
use crate::i18n::{text, tr};

/// The steps of a purchase or a refund, oldest first: each with its time, who did it, the
/// operator's attempt, what was said, and the request id support asks for.
#[component]
pub fn PaymentTimeline(
    /// The steps, oldest first.
    #[prop(into)]
    events: Signal<Vec<PaymentEvent>>,
    /// The organisation's zone.
    time_zone: String,
) -> impl IntoView {
    view! {
        <section class="gu-card">
            <h2 class="gu-card__title"><Words text=text("payment.timeline")/></h2>
            <ol class="gu-history">
                {move || {
                    let zone = time_zone.clone();
                    events
                        .get()
                        .into_iter()
                        .map(|event| {
                            let zone = zone.clone();
                            let at = event.at;
                            let attempt = event.attempt.map(|n| {
                                view! { <span class="gu-history__actor">{move || tr("payment.attempt", &[("n", &n.to_string())])}</span> }
                            });
                            let request = event.request_id.map(|id| {
                                view! { <span class="gu-history__time gu-payment-timeline__request">{move || tr("error.request_id", &[("id", &id)])}</span> }
                            });
                            view! {
                                <li class="gu-history__item">
                                    <LocalTime at time_zone=zone class="gu-history__time"/>
                                    <span>{move || payment_event_name(event.kind)}</span>
                                    {event.by.map(|by| view! { <span class="gu-history__actor">{by}</span> })}
                                    {attempt}
                                    {event.detail.map(|detail| view! { <q class="gu-payment-timeline__detail">{detail}</q> })}
                                    {request}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}
