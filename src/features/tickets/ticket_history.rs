use guichet_domain::tickets::TicketDetail;
use leptos::prelude::*;

use super::model::change_text;
use crate::i18n::t;
use crate::i18n::time::format_instant;
use crate::state::locale::use_locale;

/// What happened to the ticket, folded under its title, oldest first: filing, triage, assignment, status changes,
/// rating and follow-ups, each with who and when.
#[component]
pub fn TicketHistory(
    /// The ticket.
    #[prop(into)]
    detail: Signal<TicketDetail>,
    /// The viewer's time zone.
    time_zone: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let locale = use_locale();
    let zone = StoredValue::new(time_zone);
    view! {
        <details class=move || crate::components::classes("gu-ticket-section gu-fold", class.get())>
            <summary><h2>{move || t("ticket.history")}</h2></summary>
            <ol class="gu-history">
                {move || {
                    detail
                        .with(|d| d.events.clone())
                        .into_iter()
                        .map(|event| {
                            let at = event.at;
                            let actor = event.actor.map(|p| p.name);
                            let change = event.change;
                            view! {
                                <li class="gu-history__item">
                                    <time class="gu-history__time" datetime=at.to_rfc3339()>
                                        {move || format_instant(at, locale.get().tag(), &zone.get_value())}
                                    </time>
                                    <span class="gu-history__text">{move || change_text(&change)}</span>
                                    <span class="gu-history__actor">
                                        {move || actor.clone().unwrap_or_else(|| t("audit.system"))}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </details>
    }
}
