use guichet_domain::Permission;
use leptos::prelude::*;

use super::account_list::AccountList;
use super::book::{first_read, Book, FirstRead};
use super::payout_table::PayoutTable;
use super::payouts_page::keep_reading;
use crate::components::{Loaded, Words};
use crate::i18n::text;
use crate::state::session::use_session;

/// The payouts and payout accounts others asked for that wait for the viewer's decision, for the
/// « To approve » page beside the refunds: approved or rejected in place, each then leaving the
/// list. Nothing for someone who does not approve payouts. Reads the newest page of payouts.
#[component]
pub fn PayoutsToDecide() -> impl IntoView {
    if !use_session().can_untracked(Permission::PayoutsApprove) {
        return ().into_any();
    }
    let first = LocalResource::new(first_read);
    view! {
        <Loaded resource=first let:read>
            <ToDecide read/>
        </Loaded>
    }
    .into_any()
}

#[component]
fn ToDecide(read: FirstRead) -> impl IntoView {
    let book = Book::new(read);
    provide_context(book);
    keep_reading(book);
    let payouts = Signal::derive(move || {
        book.payouts.items.with(|all| {
            all.iter()
                .filter(|p| p.can_decide)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let accounts = Signal::derive(move || {
        book.accounts.with(|all| {
            all.iter()
                .filter(|a| a.can_decide)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="gu-payouts__list" aria-labelledby="gu-to-decide-payouts">
            <h2 id="gu-to-decide-payouts" class="gu-card__title"><Words text=text("payouts.to_decide")/></h2>
            <PayoutTable payouts caption=text("payouts.to_decide.caption") empty=text("payouts.to_decide.none") deciding=true/>
        </section>
        <section class="gu-payouts__accounts" aria-labelledby="gu-to-decide-accounts">
            <h2 id="gu-to-decide-accounts" class="gu-card__title"><Words text=text("accounts.to_decide")/></h2>
            <AccountList accounts empty=text("accounts.to_decide.none")/>
        </section>
    }
}
