use chrono::NaiveDate;
use guichet_domain::balances::{Reconciliation, ReportQuery};
use guichet_domain::Money;
use leptos::prelude::*;

use super::model::{differing, CheckLine};
use crate::api;
use crate::components::{DataTable, Loaded, MoneyAmount, Words};
use crate::i18n::money::format_money;
use crate::i18n::time::{format_day, DayStyle};
use crate::i18n::{integer, t, text, tr};
use crate::state::locale::use_locale;

/// The reconciliation of a period: a sentence that says whether the books reconcile (or which
/// lines differ), what was counted, then line by line the figure found beside the one expected,
/// each marked as matching or with its difference, in words as well as marks.
#[component]
pub fn ReconciliationCheck(
    /// The period checked: it is read again whenever it changes.
    period: Signal<(NaiveDate, NaiveDate)>,
) -> impl IntoView {
    let check = LocalResource::new(move || {
        let (from, until) = period.get();
        let query = ReportQuery {
            from,
            until,
            format: Default::default(),
        };
        async move { api::reports::reconciliation(&query).await }
    });
    view! {
        <section class="gu-card gu-reconciliation">
            <h2 class="gu-card__title"><Words text=text("reports.check.title")/></h2>
            <Loaded resource=check let:books>
                <CheckView books/>
            </Loaded>
        </section>
    }
}

#[component]
fn CheckView(books: Reconciliation) -> impl IntoView {
    let locale = use_locale();
    let currency = books.currency;
    let money = move |minor: i64| Money::new(minor, currency);
    let off = differing(&books);
    let reconciled = off.is_empty();
    let summary = {
        let nothing = reconciled && books.settlements == 0;
        let off = off.clone();
        move || {
            if nothing {
                t("reports.check.nothing")
            } else if off.is_empty() {
                t("reports.check.reconciled")
            } else {
                let lines: Vec<String> = off.iter().map(|l| t(&l.label_key())).collect();
                tr("reports.check.differs", &[("lines", &lines.join(", "))])
            }
        }
    };
    let (from, until) = (books.from, books.until);
    let caption = move || {
        let day = |d| format_day(d, locale.get().tag(), DayStyle::Medium);
        tr(
            "reports.check.caption",
            &[("from", &day(from)), ("until", &day(until))],
        )
    };
    let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let (settlements, rows) = (count(books.settlements), count(books.report_rows));
    let lines = CheckLine::ALL
        .into_iter()
        .map(|line| {
            let difference = line.difference(&books);
            let (label, hint) = (line.label_key(), line.hint_key());
            let hint = hint.map(|hint| {
                view! { <span class="gu-reconciliation__hint"><Words text=move || t(&hint)/></span> }
            });
            let result = move || {
                if difference == 0 {
                    t("reports.check.matches")
                } else {
                    let amount = format_money(money(difference), locale.get());
                    tr("reports.check.differs_by", &[("amount", &amount)])
                }
            };
            view! {
                <tr class="gu-table__row" class:gu-reconciliation__row--differs=difference != 0>
                    <th scope="row" class="gu-table__cell gu-reconciliation__line">
                        <Words text=move || t(&label)/>
                        {hint}
                    </th>
                    <td class="gu-table__cell gu-reconciliation__amount" data-label=text("reports.check.column.found")>
                        <MoneyAmount money=money(line.found(&books))/>
                    </td>
                    <td class="gu-table__cell gu-reconciliation__amount" data-label=text("reports.check.column.expected")>
                        <MoneyAmount money=money(line.expected(&books))/>
                    </td>
                    <td class="gu-table__cell gu-reconciliation__result" data-label=text("reports.check.column.result")>
                        <span class="gu-reconciliation__verdict">
                            <span class="gu-reconciliation__mark" aria-hidden="true">{if difference == 0 { "✓" } else { "⚠" }}</span>
                            {result}
                        </span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="gu-reconciliation__summary" class:gu-reconciliation__summary--differs=!reconciled>
            <span class="gu-reconciliation__mark" aria-hidden="true">{if reconciled { "✓" } else { "⚠" }}</span>
            {summary}
        </p>
        <dl class="gu-facts gu-reconciliation__facts">
            <dt><Words text=text("reports.check.settlements")/></dt><dd>{move || integer(settlements)}</dd>
            <dt><Words text=text("reports.check.rows")/></dt><dd>{move || integer(rows)}</dd>
            <dt><Words text=text("reports.check.net")/></dt><dd><MoneyAmount money=money(books.settled.net)/></dd>
            <dt><Words text=text("reports.check.payouts")/></dt><dd><MoneyAmount money=money(books.payouts)/></dd>
        </dl>
        <p class="gu-field__hint"><Words text=text("reports.check.note")/></p>
        <DataTable
            caption=caption
            headers=vec![
                text("reports.check.column.line"),
                text("reports.check.column.found"),
                text("reports.check.column.expected"),
                text("reports.check.column.result"),
            ]
            class="gu-reconciliation__table"
        >
            {lines}
        </DataTable>
    }
}
