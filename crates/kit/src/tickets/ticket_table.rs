use guichet_domain::tickets::{TicketSort, TicketSummary};
use leptos::prelude::*;
use leptos_router::components::A;

use super::sla_badge::SlaBadge;
use crate::components::{DataTable, SortHeader};
use crate::i18n::labels::{category_name, status_name, urgency_name};
use crate::i18n::time::format_instant;
use crate::i18n::{t, text};
use crate::state::entry::ticket_path;
use crate::state::locale::use_locale;

/// Tickets as a table: number (a link to the ticket), subject, category, urgency, status, SLA
/// and last update; the desk also sees the merchant and the assignee. On a phone each row is a
/// card (the cells' `data-label` name what the headers named).
#[component]
pub fn TicketTable(
    /// The tickets, in the server's order.
    tickets: Vec<TicketSummary>,
    /// What the table lists, for its caption.
    #[prop(into)]
    caption: TextProp,
    /// Adds the merchant and assignee columns.
    #[prop(optional)]
    desk: bool,
    /// The viewer's time zone.
    #[prop(into)]
    time_zone: String,
    /// The order asked for (none: the list's default); given, the number, urgency, SLA and
    /// update headers sort the list.
    #[prop(optional)]
    sort: Option<RwSignal<Option<TicketSort>>>,
) -> impl IntoView {
    let locale = use_locale();
    // By position, like the headers: which order each asks for (the number toggles newest and
    // oldest), and how it reads while it applies.
    let header_sort = |orders: &'static [(TicketSort, &'static str)]| {
        sort.map(|sort| {
            let current = move || sort.get().unwrap_or(TicketSort::default_for(desk));
            SortHeader {
                order: Signal::derive(move || {
                    let now = current();
                    orders
                        .iter()
                        .find(|(o, _)| *o == now)
                        .map(|(_, aria)| *aria)
                }),
                on_sort: Callback::new(move |()| {
                    let now = current();
                    let next = match orders {
                        [(first, _), (second, _)] if *first == now => *second,
                        [(first, _), ..] => *first,
                        [] => now,
                    };
                    sort.set(Some(next));
                }),
            }
        })
    };
    let mut sorts = vec![
        header_sort(&[
            (TicketSort::Newest, "descending"),
            (TicketSort::Oldest, "ascending"),
        ]),
        None,
    ];
    if desk {
        sorts.push(None);
    }
    sorts.extend([
        None,
        header_sort(&[(TicketSort::Urgency, "descending")]),
        None,
        header_sort(&[(TicketSort::Risk, "ascending")]),
    ]);
    if desk {
        sorts.push(None);
    }
    sorts.push(header_sort(&[(TicketSort::Updated, "descending")]));
    let mut headers = vec![
        text("tickets.column.number"),
        text("tickets.column.subject"),
    ];
    if desk {
        headers.push(text("tickets.column.merchant"));
    }
    headers.extend([
        text("tickets.column.category"),
        text("tickets.column.urgency"),
        text("tickets.column.status"),
        text("tickets.column.sla"),
    ]);
    if desk {
        headers.push(text("tickets.column.assignee"));
    }
    headers.push(text("tickets.column.updated"));
    view! {
        <DataTable caption headers sorts class="gu-ticket-table">
            {tickets
                .into_iter()
                .map(|ticket| {
                    let href = ticket_path(&ticket.id, desk);
                    let (category, urgency, status) = (ticket.category, ticket.urgency, ticket.status);
                    let updated = ticket.updated_at;
                    let zone = time_zone.clone();
                    let assignee = ticket.assignee.clone().map(|p| p.name);
                    let whole_subject = ticket.subject.clone();
                    // News for the viewer: the desk answered (merchant), or an answer is due (desk).
                    let unread = ticket.unread.then(|| {
                        let key = if desk { "tickets.unread.desk" } else { "tickets.unread.merchant" };
                        view! { <span class="gu-unread">{move || t(key)}</span> " " }
                    });
                    let row_class = if ticket.unread { "gu-table__row gu-table__row--unread" } else { "gu-table__row" };
                    let (number, subject, merchant) = (
                        ticket.number.clone(),
                        ticket.subject.clone(),
                        ticket.merchant.name.clone(),
                    );
                    view! {
                        <tr class=row_class>
                            <td class="gu-table__cell gu-table__cell--mono">
                                <A href=href>{number}</A>
                            </td>
                            <td class="gu-table__cell gu-ticket-table__subject" title=whole_subject>{unread}{subject}</td>
                            {desk.then(|| view! {
                                <td class="gu-table__cell" data-label=move || t("tickets.column.merchant")>{merchant.clone()}</td>
                            })}
                            <td class="gu-table__cell" data-label=move || t("tickets.column.category")>{move || category_name(category)}</td>
                            <td class="gu-table__cell">
                                <span class=format!("gu-badge gu-urgency gu-urgency--{}", urgency.as_str())>
                                    {move || urgency_name(urgency)}
                                </span>
                            </td>
                            <td class="gu-table__cell" data-label=move || t("tickets.column.status")>{move || status_name(status)}</td>
                            <td class="gu-table__cell"><SlaBadge ticket/></td>
                            {desk.then(|| view! {
                                <td class="gu-table__cell" data-label=move || t("tickets.column.assignee")>
                                    {move || assignee.clone().unwrap_or_else(|| t("tickets.unassigned"))}
                                </td>
                            })}
                            <td class="gu-table__cell" data-label=move || t("tickets.column.updated")>
                                <time datetime=updated.to_rfc3339()>
                                    {move || format_instant(updated, locale.get().tag(), &zone)}
                                </time>
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}
