use std::time::Duration;

use guichet_domain::balances::payouts::PayoutAccount;
use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::account_form::AccountDialog;
use super::account_list::AccountList;
use super::available_card::AvailableCard;
use super::book::{first_read, Book, FirstRead};
use super::model::choosable;
use super::payout_form::PayoutDialog;
use super::payout_table::PayoutTable;
use crate::api;
use crate::components::{Button, ButtonKind, Loaded, PageHeading, ShowMore, Words};
use crate::i18n::text;
use crate::state::session::use_session;

/// How often the page reads again while a payout or an account may change without the viewer
/// (another person's decision, the operator paying), so that both people see it move.
pub const REREAD: Duration = Duration::from_secs(5);

/// « Payouts » (« Reversements »): what may be paid out and « Request a payout »; the payouts,
/// newest first, with their decisions; the payout accounts, with theirs. For whoever asks for
/// payouts or approves them.
#[component]
pub fn PayoutsPage() -> impl IntoView {
    view! {
        <crate::components::Guarded needs=&[Permission::PayoutsCreate, Permission::PayoutsApprove]>
            <PayoutsLoader/>
        </crate::components::Guarded>
    }
}

#[component]
fn PayoutsLoader() -> impl IntoView {
    let first = LocalResource::new(first_read);
    view! {
        <section class="gu-page gu-payouts">
            <div class="gu-page__head">
                <PageHeading text=text("payouts.title")/>
            </div>
            <p class="gu-page__summary"><Words text=text("payouts.intro")/></p>
            <Loaded resource=first let:read>
                <PayoutsView read/>
            </Loaded>
        </section>
    }
}

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    None,
    Request,
    /// Adding an account, or changing the one given.
    Account(Option<PayoutAccount>),
}

#[component]
fn PayoutsView(read: FirstRead) -> impl IntoView {
    let book = Book::new(read);
    provide_context(book);
    keep_reading(book);
    let creates = use_session().can_untracked(Permission::PayoutsCreate);
    let open = RwSignal::new(Open::None);
    let close = Callback::new(move |()| open.set(Open::None));
    let blocked = Signal::derive(move || book.accounts.with(|a| choosable(a).is_empty()));
    // The balances page's « Request a payout » opens the request at once.
    if creates
        && !blocked.get_untracked()
        && use_query_map().with_untracked(|q| q.get("request").is_some())
    {
        open.set(Open::Request);
    }
    let request = creates.then(|| {
        view! {
            <div class="gu-actions">
                <Button disabled=blocked on_click=move |_| open.set(Open::Request)>
                    <Words text=text("payouts.request")/>
                </Button>
            </div>
            {move || blocked.get().then(|| view! {
                <p class="gu-field__hint"><Words text=text("payout.form.no_account")/></p>
            })}
        }
    });
    let on_more = move || {
        book.payouts.more(|cursor| async move {
            let page = api::payouts::payouts(Some(&cursor)).await?;
            Ok((page.items, page.next_cursor))
        });
    };
    let add = creates.then(|| {
        view! {
            <Button kind=ButtonKind::Secondary on_click=move |_| open.set(Open::Account(None))>
                <Words text=text("accounts.add")/>
            </Button>
        }
    });
    let on_change = creates.then(|| Callback::new(move |a| open.set(Open::Account(Some(a)))));
    view! {
        <AvailableCard>{request}</AvailableCard>
        <section class="gu-payouts__list" aria-labelledby="gu-payouts-list">
            <h2 id="gu-payouts-list" class="gu-card__title"><Words text=text("payouts.list")/></h2>
            <PayoutTable payouts=book.payouts.items caption=text("payouts.caption") empty=text("payouts.empty")/>
            <ShowMore reading=book.payouts label=text("payouts.show_more") on_more/>
        </section>
        <section class="gu-payouts__accounts" aria-labelledby="gu-payouts-accounts">
            <div class="gu-payouts__accounts-head">
                <h2 id="gu-payouts-accounts" class="gu-card__title"><Words text=text("accounts.title")/></h2>
                {add}
            </div>
            <AccountList accounts=book.accounts empty=text("accounts.empty") on_change/>
        </section>
        {move || match open.get() {
            Open::Request => view! { <PayoutDialog on_close=close/> }.into_any(),
            Open::Account(replaces) => view! { <AccountDialog replaces on_close=close/> }.into_any(),
            Open::None => ().into_any(),
        }}
    }
}

/// Reads the book again every few seconds while something in it may change without the viewer.
pub fn keep_reading(book: Book) {
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if book.unsettled() {
                book.reread();
            }
        },
        REREAD,
    ) {
        on_cleanup(move || handle.clear());
    }
}
