use guichet_domain::balances::Balances;
use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;

use super::account_card::AccountCard;
use super::day_chart::DayChart;
use super::model::other_accounts;
use super::next_settlement::NextSettlementCard;
use super::reserve_releases::ReserveReleases;
use super::settlement_list::SettlementList;
use crate::api;
use crate::components::{Guarded, Loaded, PageHeading, Words};
use crate::i18n::text;
use crate::state::session::use_session;

/// « Balances »: the main balance, what may be paid out, first; the shop account, the reserve
/// and what is owed; the next settlement's estimate and the reserve's releases; the last 30
/// days as a chart (and as a table); and the settlements that ran.
#[component]
pub fn BalancesPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::ReportsRead]><BalancesLoader/></Guarded> }
}

#[component]
fn BalancesLoader() -> impl IntoView {
    let balances = LocalResource::new(api::balances::balances);
    view! {
        <section class="gu-page gu-balances">
            <div class="gu-page__head">
                <PageHeading text=text("balances.title")/>
            </div>
            <Loaded resource=balances let:balances>
                <BalancesView balances/>
            </Loaded>
            <section class="gu-balances__settlements">
                <h2 class="gu-card__title"><Words text=text("settlements.title")/></h2>
                <SettlementList/>
            </section>
        </section>
    }
}

#[component]
fn BalancesView(balances: Balances) -> impl IntoView {
    let currency = balances.main.currency;
    let others = other_accounts(&balances);
    // « Demander un paiement » from the main account, as the merchant's guide puts it: the
    // payouts page, its request open for those who may ask for one.
    let session = use_session();
    let payouts = if session.can_untracked(Permission::PayoutsCreate) {
        Some(("/payouts?request", text("balances.main.request")))
    } else if session.can_untracked(Permission::PayoutsApprove) {
        Some(("/payouts", text("balances.main.payouts")))
    } else {
        None
    };
    view! {
        <div class="gu-balances__accounts">
            <AccountCard name="balances.main" money=balances.main main=true>
                {payouts.map(|(href, label)| view! {
                    <p class="gu-balance__action">
                        <A href=href><Words text=label/></A>
                    </p>
                })}
            </AccountCard>
            <div class="gu-balances__others">
                {others
                    .into_iter()
                    .map(|(name, money)| view! { <AccountCard name money/> })
                    .collect_view()}
            </div>
        </div>
        <div class="gu-balances__columns">
            <NextSettlementCard next=balances.next_settlement currency/>
            <ReserveReleases releases=balances.releases/>
        </div>
        <DayChart days=balances.days currency/>
    }
}
