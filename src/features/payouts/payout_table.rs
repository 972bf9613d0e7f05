use guichet_domain::balances::payouts::{Payout, PayoutStatus};
use guichet_domain::Permission;
use leptos::prelude::*;

use super::decision_buttons::DecisionButtons;
use super::decision_dialog::Subject;
use super::model::{account_name, expects, payout_tone, reason, Decide, Waiting};
use super::texts::payout_status_name;
use crate::components::{DataTable, LocalDay, LocalTime, MoneyAmount, Words};
use crate::i18n::money::format_money;
use crate::i18n::{t, text, tr};
use crate::state::locale::current_locale;
use crate::state::session::use_session;

/// Payouts as a table: the day, the amount, the account (masked), the status with the reason it
/// ended unpaid, when it is expected, who asked; and what the viewer may do with each, as the
/// server's `can_decide` and `can_cancel` say, or who decides when it is not them. A row is
/// drawn again only when its state changes. Without payouts, it says so.
#[component]
pub fn PayoutTable(
    /// The payouts, newest first.
    #[prop(into)]
    payouts: Signal<Vec<Payout>>,
    /// What the table lists.
    #[prop(into)]
    caption: TextProp,
    /// What to say when there is none.
    #[prop(into)]
    empty: TextProp,
    /// Offers only an approver's decisions, not withdrawing a request (« To approve »).
    #[prop(optional)]
    deciding: bool,
) -> impl IntoView {
    let time_zone = super::time_zone();
    // Drawn anew only between none and some: rows come and go in the table in place.
    let none = Memo::new(move |_| payouts.with(Vec::is_empty));
    move || {
        if none.get() {
            let empty = empty.clone();
            return view! { <p class="gu-empty"><Words text=empty/></p> }.into_any();
        }
        let time_zone = time_zone.clone();
        view! {
            <DataTable
                caption=caption.clone()
                headers=vec![
                    text("payouts.column.day"),
                    text("payouts.column.amount"),
                    text("payouts.column.account"),
                    text("payouts.column.status"),
                    text("payouts.column.expected"),
                    text("payouts.column.requested_by"),
                    text("payouts.column.actions"),
                ]
                class="gu-payout-table"
            >
                <For
                    each=move || payouts.get()
                    key=|p| (p.id.clone(), p.status, p.can_decide, p.can_cancel)
                    let:payout
                >
                    <PayoutRow payout time_zone=time_zone.clone() deciding/>
                </For>
            </DataTable>
        }
        .into_any()
    }
}

#[component]
fn PayoutRow(payout: Payout, time_zone: String, deciding: bool) -> impl IntoView {
    let approves = use_session().can_untracked(Permission::PayoutsApprove);
    let status = payout.status;
    let waiting = Waiting::of(
        status == PayoutStatus::Requested,
        payout.can_decide,
        approves,
    );
    let mut offers = Vec::new();
    if waiting == Waiting::Decide {
        offers.extend([Decide::Approve, Decide::Reject]);
    }
    if payout.can_cancel && !deciding {
        offers.push(Decide::Cancel);
    }
    let why = reason(&payout).map(str::to_owned);
    let to = account_name(&payout.account_label, &payout.account_masked);
    let name = format!("{} · {to}", format_money(payout.amount, current_locale()));
    let (label, masked) = (payout.account_label.clone(), payout.account_masked.clone());
    let expected = expects(status).then(|| {
        view! { <LocalTime at=payout.expected_by time_zone/> }
    });
    let decided = payout
        .decided_by
        .clone()
        .filter(|_| status != PayoutStatus::Requested);
    let note = waiting.note_key();
    let actions = (!offers.is_empty()).then(|| {
        view! { <DecisionButtons subject=Subject::Payout(payout.clone()) offers name/> }
    });
    view! {
        <tr class="gu-table__row">
            <td class="gu-table__cell gu-payout-table__day"><LocalDay day=payout.on/></td>
            <td class="gu-table__cell gu-payout-table__amount"><MoneyAmount money=payout.amount/></td>
            <td class="gu-table__cell" data-label=text("payouts.column.account")>
                {label}
                <span class="gu-payout-table__masked">{masked}</span>
            </td>
            <td class="gu-table__cell gu-payout-table__status">
                <span class=format!("gu-badge gu-badge--{}", payout_tone(status))>
                    {move || payout_status_name(status)}
                </span>
                {why.map(|why| view! {
                    <span class="gu-payout-table__reason">{move || tr("payout.reason", &[("reason", &why)])}</span>
                })}
            </td>
            <td class="gu-table__cell gu-payout-table__expected" data-label=text("payouts.column.expected")>{expected}</td>
            <td class="gu-table__cell" data-label=text("payouts.column.requested_by")>
                {payout.requested_by.clone()}
                {decided.map(|who| view! {
                    <span class="gu-payout-table__decided">{move || tr("payout.decided_by", &[("name", &who)])}</span>
                })}
            </td>
            <td class="gu-table__cell gu-payout-table__actions">
                {note.map(|key| view! { <span class="gu-payout-table__note">{move || t(key)}</span> })}
                {actions}
            </td>
        </tr>
    }
}
