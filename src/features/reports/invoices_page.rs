use guichet_domain::balances::invoices::Invoice;
use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::{DataTable, Guarded, Loaded, LocalDay, MoneyAmount, PageHeading, Words};
use crate::i18n::text;
use crate::i18n::time::DayStyle;

/// « Facturation »: the monthly fee invoices, newest month first, each a link to its page.
#[component]
pub fn InvoicesPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::ReportsRead]><InvoicesView/></Guarded> }
}

#[component]
fn InvoicesView() -> impl IntoView {
    let invoices = LocalResource::new(api::balances::invoices);
    view! {
        <section class="gu-page gu-invoices">
            <div class="gu-page__head">
                <PageHeading text=text("invoices.title")/>
            </div>
            <p class="gu-page__summary"><Words text=text("invoices.intro")/></p>
            <section class="gu-card">
                <Loaded resource=invoices let:invoices>
                    {if invoices.is_empty() {
                        view! { <p class="gu-empty"><Words text=text("invoices.empty")/></p> }.into_any()
                    } else {
                        view! { <InvoiceTable invoices/> }.into_any()
                    }}
                </Loaded>
            </section>
        </section>
    }
}

#[component]
fn InvoiceTable(invoices: Vec<Invoice>) -> impl IntoView {
    let rows = invoices
        .into_iter()
        .map(|invoice| {
            view! {
                <tr class="gu-table__row">
                    <td class="gu-table__cell">
                        <A href=format!("/invoices/{}", invoice.id)>{invoice.number}</A>
                    </td>
                    <td class="gu-table__cell" data-label=text("invoices.column.month")>
                        <LocalDay day=invoice.period_start style=DayStyle::Month/>
                    </td>
                    <td class="gu-table__cell" data-label=text("invoices.column.issued")>
                        <LocalDay day=invoice.issued_on/>
                    </td>
                    <td class="gu-table__cell gu-balances__amount" data-label=text("invoices.column.total")>
                        <MoneyAmount money=invoice.total/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption=text("invoices.caption")
            headers=vec![
                text("invoices.column.number"),
                text("invoices.column.month"),
                text("invoices.column.issued"),
                text("invoices.column.total"),
            ]
            class="gu-table--cards gu-invoice-table"
        >
            {rows}
        </DataTable>
    }
}
