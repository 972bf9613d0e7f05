use guichet_domain::balances::ReserveRelease;
use leptos::prelude::*;

use crate::components::{DataTable, LocalDay, MoneyAmount, Words};
use crate::i18n::text;

/// When the reserve held comes back: each day's release and its amount, soonest first.
#[component]
pub fn ReserveReleases(
    /// The releases, in the server's order.
    releases: Vec<ReserveRelease>,
) -> impl IntoView {
    let table = if releases.is_empty() {
        view! { <p class="gu-empty"><Words text=text("balances.releases.none")/></p> }.into_any()
    } else {
        view! {
            <DataTable
                caption=text("balances.releases.caption")
                headers=vec![text("balances.releases.column.on"), text("balances.releases.column.amount")]
                class="gu-releases"
            >
                {releases
                    .into_iter()
                    .map(|release| view! {
                        <tr class="gu-table__row">
                            <td class="gu-table__cell"><LocalDay day=release.on/></td>
                            <td class="gu-table__cell gu-balances__amount"><MoneyAmount money=release.amount/></td>
                        </tr>
                    })
                    .collect_view()}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section class="gu-card gu-reserve-releases">
            <h2 class="gu-card__title"><Words text=text("balances.releases")/></h2>
            {table}
        </section>
    }
}
