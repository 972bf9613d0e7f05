use guichet_domain::balances::invoices::{Invoice, InvoiceLine};
use guichet_domain::balances::ReportFormat;
use guichet_domain::tickets::{Category, Field};
use guichet_domain::{InvoiceId, Permission};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::model::percent;
use super::texts::method_name;
use crate::api;
use crate::components::{DataTable, Guarded, Loaded, LocalDay, MoneyAmount, PageHeading, Words};
use crate::i18n::time::{format_day, DayStyle};
use crate::i18n::{integer, text, tr};
use crate::state::entry::rel_for;
use crate::state::locale::use_locale;
use crate::state::session::use_session;
use crate::tickets::new_ticket_path;

/// « Facture FAC-2026-000042 »: a month's fees by payment method with their VAT and total,
/// the invoice downloaded in either CSV dialect, and « Question sur cette facture », which opens
/// a billing ticket with what support needs already filled in.
#[component]
pub fn InvoicePage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::ReportsRead]><InvoiceLoader/></Guarded> }
}

#[component]
fn InvoiceLoader() -> impl IntoView {
    let params = use_params_map();
    let invoice = LocalResource::new(move || {
        let id = InvoiceId::from(params.read().get("id").unwrap_or_default());
        async move { api::balances::invoice(&id).await }
    });
    view! {
        <section class="gu-page gu-invoice">
            <Loaded resource=invoice error_heading=text("invoice.title") let:invoice>
                <InvoiceView invoice/>
            </Loaded>
        </section>
    }
}

/// The billing ticket a question on `invoice` opens: its business account, shop, number and
/// date, which the merchant may still change before sending.
fn question_path(invoice: &Invoice) -> String {
    new_ticket_path(
        Category::Billing,
        &[
            (Field::BusinessAccount, invoice.business_account.to_string()),
            (Field::ShopName, invoice.shop.clone()),
            (Field::InvoiceNumber, invoice.number.clone()),
            (Field::TransactionDate, invoice.issued_on.to_string()),
        ],
    )
}

#[component]
fn InvoiceView(invoice: Invoice) -> impl IntoView {
    let locale = use_locale();
    // Whoever may file a ticket may ask; a viewer reads the invoice and its files.
    let question = use_session()
        .can_untracked(Permission::TicketsCreate)
        .then(|| question_path(&invoice));
    let Invoice {
        id,
        number,
        period_start,
        issued_on,
        business_account,
        shop,
        vat_rate,
        lines,
        fees,
        vat,
        total,
        ..
    } = invoice;
    let heading = {
        let number = number.clone();
        Signal::derive(move || tr("invoice.heading", &[("number", &number)]))
    };
    let month = move || format_day(period_start, locale.get().tag(), DayStyle::Month);
    let vat_label = move || tr("invoice.vat", &[("rate", &percent(vat_rate, locale.get()))]);
    let csv = api::balances::invoice_download_url(&id, ReportFormat::Csv);
    let csv_fr = api::balances::invoice_download_url(&id, ReportFormat::CsvFr);
    view! {
        <div class="gu-page__head">
            <PageHeading text=heading/>
            <A href="/invoices"><Words text=text("invoice.back")/></A>
        </div>
        <div class="gu-invoice__layout">
            <section class="gu-card gu-invoice__summary">
                <dl class="gu-facts">
                    <dt><Words text=text("invoice.number")/></dt>
                    <dd>{number}</dd>
                    <dt><Words text=text("invoice.month")/></dt>
                    <dd>{month}</dd>
                    <dt><Words text=text("invoice.issued")/></dt>
                    <dd><LocalDay day=issued_on/></dd>
                    <dt><Words text=text("invoice.business_account")/></dt>
                    <dd>{business_account.to_string()}</dd>
                    <dt><Words text=text("invoice.shop")/></dt>
                    <dd>{shop}</dd>
                </dl>
                <div class="gu-invoice__actions">
                    <a class="gu-button gu-button--secondary" href=csv download="">
                        <Words text=text("invoice.download.csv")/>
                    </a>
                    <a class="gu-button gu-button--secondary" href=csv_fr download="">
                        <Words text=text("invoice.download.csv_fr")/>
                    </a>
                    {question.map(|path| view! {
                        <A href=path.clone() attr:class="gu-button gu-button--primary" attr:rel=rel_for(&path)>
                            <Words text=text("invoice.question")/>
                        </A>
                    })}
                </div>
            </section>
            <section class="gu-card">
                <h2 class="gu-card__title">{move || tr("invoice.fees_of", &[("month", &month())])}</h2>
                <InvoiceLines lines/>
                <dl class="gu-facts gu-invoice__totals">
                    <dt><Words text=text("invoice.fees")/></dt>
                    <dd><MoneyAmount money=fees/></dd>
                    <dt>{vat_label}</dt>
                    <dd><MoneyAmount money=vat/></dd>
                    <dt><Words text=text("invoice.total")/></dt>
                    <dd class="gu-invoice__total"><MoneyAmount money=total/></dd>
                </dl>
            </section>
        </div>
    }
}

/// The month's fees by payment method: how many purchases, what customers paid, the fees and
/// their VAT.
#[component]
fn InvoiceLines(lines: Vec<InvoiceLine>) -> impl IntoView {
    let rows = lines
        .into_iter()
        .map(|line| {
            let method = line.method;
            let purchases = usize::try_from(line.purchases).unwrap_or(usize::MAX);
            view! {
                <tr class="gu-table__row">
                    <td class="gu-table__cell">{move || method_name(method)}</td>
                    <td class="gu-table__cell gu-balances__amount" data-label=text("invoice.column.purchases")>
                        {move || integer(purchases)}
                    </td>
                    <td class="gu-table__cell gu-balances__amount" data-label=text("invoice.column.volume")>
                        <MoneyAmount money=line.volume/>
                    </td>
                    <td class="gu-table__cell gu-balances__amount" data-label=text("invoice.column.fees")>
                        <MoneyAmount money=line.fees/>
                    </td>
                    <td class="gu-table__cell gu-balances__amount" data-label=text("invoice.column.vat")>
                        <MoneyAmount money=line.vat/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption=text("invoice.caption")
            headers=vec![
                text("invoice.column.method"),
                text("invoice.column.purchases"),
                text("invoice.column.volume"),
                text("invoice.column.fees"),
                text("invoice.column.vat"),
            ]
            class="gu-table--cards gu-invoice-lines"
        >
            {rows}
        </DataTable>
    }
}
