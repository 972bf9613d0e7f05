use guichet_domain::payments::RefundSummary;
use leptos::prelude::*;
use leptos_router::components::A;

use super::texts::{refund_reason_name, refund_status_name};
use crate::components::{DataTable, LocalTime, MoneyAmount};
use crate::i18n::text;

/// Refunds as a table: when asked (a link to the refund), amount, status, reason, who asked;
/// and the purchase's reference where the list spans several purchases.
#[component]
pub fn RefundTable(
    /// The refunds, in the server's order.
    #[prop(into)]
    refunds: Signal<Vec<RefundSummary>>,
    /// The organisation's zone.
    time_zone: String,
    /// Adds the purchase column.
    purchase: bool,
) -> impl IntoView {
    let mut headers = vec![
        text("refunds.column.requested"),
        text("refunds.column.amount"),
        text("refunds.column.status"),
    ];
    if purchase {
        headers.push(text("refunds.column.purchase"));
    }
    headers.extend([
        text("refunds.column.reason"),
        text("refunds.column.requested_by"),
    ]);
    view! {
        <DataTable caption=text("refunds.caption") headers class="gu-refund-table">
            {move || refunds.get().into_iter().map(|refund| {
                    let zone = time_zone.clone();
                    let (at, amount, status, reason) = (refund.requested_at, refund.amount, refund.status, refund.reason);
                    view! {
                        <tr class="gu-table__row">
                            <td class="gu-table__cell">
                                <A href=format!("/refunds/{}", refund.id)>
                                    <LocalTime at time_zone=zone.clone()/>
                                </A>
                            </td>
                            <td class="gu-table__cell gu-purchase-row__amount"><MoneyAmount money=amount/></td>
                            <td class="gu-table__cell">
                                <span class=format!("gu-badge gu-refund-status gu-refund-status--{}", status.as_str())>
                                    {move || refund_status_name(status)}
                                </span>
                            </td>
                            {purchase.then(|| view! {
                                <td class="gu-table__cell gu-table__cell--mono" data-label=text("refunds.column.purchase")>
                                    <A href=format!("/purchases/{}", refund.purchase_id)>{refund.purchase_reference.clone()}</A>
                                </td>
                            })}
                            <td class="gu-table__cell" data-label=text("refunds.column.reason")>{move || refund_reason_name(reason)}</td>
                            <td class="gu-table__cell" data-label=text("refunds.column.requested_by")>{refund.requested_by.clone()}</td>
                        </tr>
                    }
                }).collect_view()}
        </DataTable>
    }
}
