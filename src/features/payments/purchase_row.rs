use guichet_domain::payments::PurchaseSummary;
use leptos::prelude::*;
use leptos_router::components::A;

use super::texts::purchase_status_name;
use crate::components::{LocalTime, MoneyAmount};
use crate::i18n::text;

/// One purchase in the list: status, date and time in the organisation's zone, amount in the
/// user's language, reference (a link to the purchase), payment method, customer. Its height is
/// fixed by the stylesheet (long texts are cut), so that the list can draw only a window.
#[component]
pub fn PurchaseRow(
    /// The purchase.
    purchase: PurchaseSummary,
    /// Its place in the list, for assistive tech (the header row is the first).
    index: usize,
    /// The organisation's zone.
    time_zone: String,
) -> impl IntoView {
    let PurchaseSummary {
        id,
        reference,
        created_at,
        amount,
        status,
        method,
        customer,
        ..
    } = purchase;
    let method = format!("{} {}", method.brand, method.masked);
    view! {
        <tr class="gu-table__row gu-purchase-row" aria-rowindex=index + 2>
            <td class="gu-table__cell">
                <span class=format!("gu-badge gu-purchase-status gu-purchase-status--{}", status.as_str())>
                    {move || purchase_status_name(status)}
                </span>
            </td>
            <td class="gu-table__cell" data-label=text("purchases.column.date")>
                <LocalTime at=created_at time_zone/>
            </td>
            <td class="gu-table__cell gu-purchase-row__amount"><MoneyAmount money=amount/></td>
            <td class="gu-table__cell gu-table__cell--mono">
                <A href=format!("/purchases/{id}")>{reference}</A>
            </td>
            <td class="gu-table__cell" title=method.clone()>{method.clone()}</td>
            <td class="gu-table__cell" data-label=text("purchases.column.customer")>{customer}</td>
        </tr>
    }
}
