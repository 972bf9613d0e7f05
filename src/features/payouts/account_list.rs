use guichet_domain::balances::payouts::{AccountStatus, PayoutAccount};
use guichet_domain::Permission;
use leptos::prelude::*;

use super::decision_buttons::DecisionButtons;
use super::decision_dialog::Subject;
use super::model::{account_name, account_tone, Decide, Waiting};
use super::texts::{account_kind_name, account_status_name};
use crate::components::{Button, ButtonKind, Words};
use crate::i18n::{t, text, tr};
use crate::state::session::use_session;

/// The payout accounts, each a card: its name, its number masked and its kind, its status, and
/// while it waits for approval a plain statement that no payout goes to it yet; who asked, what
/// it replaces or why it was rejected; approve and reject where the server's `can_decide` says
/// so, and « Change » on an active account for those who ask for payouts.
#[component]
pub fn AccountList(
    /// The accounts, in the server's order.
    #[prop(into)]
    accounts: Signal<Vec<PayoutAccount>>,
    /// What to say when there is none.
    #[prop(into)]
    empty: TextProp,
    /// Asks to change an active account; without it, no account offers to.
    #[prop(default = None)]
    on_change: Option<Callback<PayoutAccount>>,
) -> impl IntoView {
    // Drawn again whole when the list changes, which the page's book does only when an account
    // did (a decision, a request): a few cards.
    move || {
        let all = accounts.get();
        if all.is_empty() {
            let empty = empty.clone();
            return view! { <p class="gu-empty"><Words text=empty/></p> }.into_any();
        }
        view! {
            <ul class="gu-accounts">
                {all
                    .into_iter()
                    .map(|account| view! { <AccountItem account on_change names=accounts/> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}

#[component]
fn AccountItem(
    account: PayoutAccount,
    on_change: Option<Callback<PayoutAccount>>,
    /// The list, to name the account this one replaces.
    names: Signal<Vec<PayoutAccount>>,
) -> impl IntoView {
    let approves = use_session().can_untracked(Permission::PayoutsApprove);
    let status = account.status;
    let kind = account.kind;
    let pending = status == AccountStatus::Pending;
    let waiting = Waiting::of(pending, account.can_decide, approves);
    let name = account_name(&account.label, &account.masked);
    let replaces = account.replaces.clone().map(|id| {
        move || {
            names.with(|all| {
                all.iter()
                    .find(|a| a.id == id)
                    .map(|a| {
                        tr(
                            "account.replaces",
                            &[("account", &account_name(&a.label, &a.masked))],
                        )
                    })
                    .unwrap_or_default()
            })
        }
    });
    let asked = account.requested_by.clone();
    let rejected = account
        .rejection_reason
        .clone()
        .filter(|r| status == AccountStatus::Rejected && !r.trim().is_empty());
    let decisions = (waiting == Waiting::Decide).then(|| {
        view! {
            <DecisionButtons
                subject=Subject::Account(account.clone())
                offers=vec![Decide::Approve, Decide::Reject]
                name=name.clone()
            />
        }
    });
    let change = on_change
        .filter(|_| status == AccountStatus::Active)
        .map(|on_change| {
            let label = tr("account.change.label", &[("account", &name)]);
            let account = account.clone();
            view! {
                <Button kind=ButtonKind::Quiet aria_label=label on_click=move |_| on_change.run(account.clone())>
                    <Words text=text("account.change")/>
                </Button>
            }
        });
    view! {
        <li class="gu-card gu-account" class:gu-account--pending=pending>
            <h3 class="gu-account__label">{account.label.clone()}</h3>
            <p class="gu-account__number">
                <span class="gu-account__masked">{account.masked.clone()}</span>
                " · "
                {move || account_kind_name(kind)}
            </p>
            <p class="gu-account__status">
                <span class=format!("gu-badge gu-badge--{}", account_tone(status))>
                    {move || account_status_name(status)}
                </span>
                {move || tr("account.requested_by", &[("name", &asked)])}
            </p>
            {pending.then(|| view! { <p class="gu-notice gu-notice--warning"><Words text=text("account.pending")/></p> })}
            {replaces.map(|r| view! { <p class="gu-account__meta">{r}</p> })}
            {rejected.map(|why| view! { <p class="gu-account__meta">{move || tr("payout.reason", &[("reason", &why)])}</p> })}
            {waiting.note_key().map(|key| view! { <p class="gu-account__meta">{move || t(key)}</p> })}
            {decisions}
            {change}
        </li>
    }
}
