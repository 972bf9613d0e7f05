use guichet_domain::tickets::TicketDetail;
use leptos::prelude::*;

use crate::i18n::labels::{category_name, status_name, urgency_name};
use crate::i18n::t;
use crate::i18n::time::format_instant;
use crate::state::locale::use_locale;
use crate::tickets::SlaBadge;

/// The ticket at a glance: status, urgency, category, who filed it and for which merchant, who
/// works on it, and the SLA deadlines with where the clock stands.
#[component]
pub fn TicketHeader(
    /// The ticket, kept up to date by the page.
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
    let when = move |at: chrono::DateTime<chrono::Utc>| {
        view! {
            <time datetime=at.to_rfc3339()>
                {move || format_instant(at, locale.get().tag(), &zone.get_value())}
            </time>
        }
    };
    view! {
        <section
            class=move || crate::components::classes("gu-card gu-ticket-header", class.get())
            aria-labelledby="gu-ticket-header-title"
        >
            <h2 id="gu-ticket-header-title" class="gu-visually-hidden">{move || t("ticket.summary")}</h2>
            {move || {
                let d = detail.get();
                let s = d.ticket;
                let (status, urgency, category) = (s.status, s.urgency, s.category);
                let assignee = s.assignee.clone().map(|p| p.name);
                view! {
                    <dl class="gu-facts gu-ticket-header__facts">
                        <dt>{move || t("ticket.number")}</dt>
                        <dd class="gu-ticket-header__number">{s.number.clone()}</dd>
                        <dt>{move || t("ticket.status")}</dt>
                        <dd data-testid="ticket-status">{move || status_name(status)}</dd>
                        <dt>{move || t("ticket.urgency")}</dt>
                        <dd>
                            <span class=format!("gu-badge gu-urgency gu-urgency--{}", urgency.as_str())>
                                {move || urgency_name(urgency)}
                            </span>
                        </dd>
                        <dt>{move || t("ticket.category")}</dt>
                        <dd>{move || category_name(category)}</dd>
                        <dt>{move || t("ticket.merchant")}</dt>
                        <dd>{s.merchant.name.clone()}</dd>
                        <dt>{move || t("ticket.requester")}</dt>
                        <dd>{s.requester.name.clone()}</dd>
                        <dt>{move || t("ticket.assignee")}</dt>
                        <dd>{move || assignee.clone().unwrap_or_else(|| t("tickets.unassigned"))}</dd>
                        <dt>{move || t("ticket.created")}</dt>
                        <dd>{when(s.created_at)}</dd>
                        <dt>{move || t("ticket.response_due")}</dt>
                        <dd>{when(s.sla.response_due)}</dd>
                        <dt>{move || t("ticket.resolution_due")}</dt>
                        <dd>{when(s.sla.resolution_due)}</dd>
                        <dt>{move || t("ticket.sla")}</dt>
                        <dd><SlaBadge ticket=s.clone()/></dd>
                    </dl>
                }
            }}
        </section>
    }
}
