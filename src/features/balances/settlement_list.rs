use guichet_domain::balances::Settlement;
use guichet_domain::Money;
use leptos::prelude::*;
use leptos_router::components::A;

use super::days_text;
use super::model::covered;
use crate::api;
use crate::components::{DataTable, Loaded, LocalDay, MoneyAmount, Reading, ShowMore, Words};
use crate::i18n::time::DayStyle;
use crate::i18n::{integer, text};

/// The settlements that ran, newest first: the day (a link to it), the days whose sales it
/// took, how many purchases, the gross and the net; « Show more » while the server has more.
#[component]
pub fn SettlementList() -> impl IntoView {
    let first = LocalResource::new(|| api::balances::settlements(None));
    view! {
        <Loaded resource=first let:page>
            {
                let read = Reading::new(page.items, page.next_cursor);
                let rows = if read.items.with_untracked(Vec::is_empty) {
                    view! { <p class="gu-empty"><Words text=text("settlements.empty")/></p> }.into_any()
                } else {
                    view! { <SettlementTable settlements=read.items/> }.into_any()
                };
                let on_more = move || {
                    read.more(|cursor| async move {
                        let page = api::balances::settlements(Some(&cursor)).await?;
                        Ok((page.items, page.next_cursor))
                    });
                };
                view! {
                    {rows}
                    <ShowMore reading=read label=text("settlements.show_more") on_more/>
                }
            }
        </Loaded>
    }
}

#[component]
fn SettlementTable(settlements: RwSignal<Vec<Settlement>>) -> impl IntoView {
    view! {
        <DataTable
            caption=text("settlements.caption")
            headers=vec![
                text("settlements.column.day"),
                text("settlements.column.days"),
                text("settlements.column.purchases"),
                text("settlements.column.gross"),
                text("settlements.column.net"),
            ]
            class="gu-table--cards gu-settlement-table"
        >
            <For each=move || settlements.get() key=|s| s.id.clone() let:settlement>
                <SettlementRow settlement/>
            </For>
        </DataTable>
    }
}

#[component]
fn SettlementRow(settlement: Settlement) -> impl IntoView {
    let Settlement {
        id,
        day,
        from_day,
        currency,
        lines,
        purchases,
        ..
    } = settlement;
    let days = covered(from_day, day);
    let count = usize::try_from(purchases).unwrap_or(usize::MAX);
    view! {
        <tr class="gu-table__row">
            <td class="gu-table__cell">
                <A href=format!("/settlements/{id}")><LocalDay day/></A>
            </td>
            <td class="gu-table__cell" data-label=text("settlements.column.days")>
                {move || days_text(days, DayStyle::DayMonth)}
            </td>
            <td class="gu-table__cell gu-balances__amount" data-label=text("settlements.column.purchases")>
                {move || integer(count)}
            </td>
            <td class="gu-table__cell gu-balances__amount" data-label=text("settlements.column.gross")>
                <MoneyAmount money=Money::new(lines.gross, currency)/>
            </td>
            <td class="gu-table__cell gu-balances__amount gu-settlement-table__net" data-label=text("settlements.column.net")>
                <MoneyAmount money=Money::new(lines.net, currency)/>
            </td>
        </tr>
    }
}
