use guichet_domain::api::Page;
use guichet_domain::balances::payouts::{Available, Payout, PayoutAccount};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::model::{account_name, merge, merge_account, moved, unsettled};
use super::texts::payout_status_name;
use crate::api::{self, ApiError};
use crate::components::Reading;
use crate::i18n::money::format_money;
use crate::i18n::tr;
use crate::state::announcer::{use_announcer, Announcer};
use crate::state::locale::current_locale;

/// What the page reads first: the available balance, the accounts, the first page of payouts.
pub type FirstRead = (Available, Vec<PayoutAccount>, Page<Payout>);

/// Reads what the page starts from.
pub async fn first_read() -> Result<FirstRead, ApiError> {
    let available = api::payouts::available(None).await?;
    let accounts = api::payouts::accounts().await?;
    let page = api::payouts::payouts(None).await?;
    Ok((available, accounts, page))
}

/// The payouts and accounts a page shows, read once and then kept up to date in place: what a
/// decision or a request returns joins them at once, and what changes on its own (another
/// person's decision, the operator paying) is read again. Rows that did not change stay as they
/// are, so that a keyboard user's focus stays where it was.
#[derive(Clone, Copy)]
pub struct Book {
    pub available: RwSignal<Available>,
    pub accounts: RwSignal<Vec<PayoutAccount>>,
    pub payouts: Reading<Payout>,
    /// Says aloud what moved on its own.
    announcer: Option<Announcer>,
}

impl Book {
    /// From the first read, in the reactive owner of the view that shows it.
    pub fn new((available, accounts, page): FirstRead) -> Self {
        Book {
            available: RwSignal::new(available),
            accounts: RwSignal::new(accounts),
            payouts: Reading::new(page.items, page.next_cursor),
            announcer: use_announcer(),
        }
    }

    /// A payout as the server answered a request or a decision; what may be paid out changed.
    pub fn record(self, payout: Payout) {
        self.payouts.items.update(|shown| {
            merge(shown, vec![payout]);
        });
        self.reread_available();
    }

    /// An account as the server answered; an approved change retires the account it replaces,
    /// so the list is read again too.
    pub fn record_account(self, account: PayoutAccount) {
        let replaces = account.replaces.is_some();
        self.accounts.update(|shown| merge_account(shown, account));
        if replaces {
            self.reread_accounts();
        }
    }

    /// Whether something shown may still change without the viewer.
    pub fn unsettled(self) -> bool {
        self.payouts
            .items
            .with_untracked(|p| self.accounts.with_untracked(|a| unsettled(p, a)))
    }

    /// Reads the newest payouts, the accounts and the available balance again, changing only
    /// what differs.
    pub fn reread(self) {
        spawn_local(async move {
            let Ok(page) = api::payouts::payouts(None).await else {
                return;
            };
            let Some(mut shown) = self.payouts.items.try_get_untracked() else {
                return;
            };
            // A status that moved without the viewer (another person's decision, the operator
            // paying) is said aloud, as a decision made here is.
            let said = in_words(&moved(&shown, &page.items));
            if let (Some(a), false) = (self.announcer, said.is_empty()) {
                a.announce(said);
            }
            if merge(&mut shown, page.items) {
                self.payouts.items.try_set(shown);
                self.reread_available();
            }
        });
        self.reread_accounts();
    }

    fn reread_available(self) {
        spawn_local(async move {
            if let Ok(read) = api::payouts::available(None).await {
                if self.available.try_with_untracked(|a| *a != read) == Some(true) {
                    self.available.try_set(read);
                }
            }
        });
    }

    fn reread_accounts(self) {
        spawn_local(async move {
            if let Ok(read) = api::payouts::accounts().await {
                if self.accounts.try_with_untracked(|a| *a != read) == Some(true) {
                    self.accounts.try_set(read);
                }
            }
        });
    }
}

/// What moved, in words: « Payout of €1.23 to Compte principal · FR76 •••• 0189: Paid. »
fn in_words(moved: &[&Payout]) -> String {
    let locale = current_locale();
    moved
        .iter()
        .map(|p| {
            tr(
                "payout.now",
                &[
                    ("amount", &format_money(p.amount, locale)),
                    (
                        "account",
                        &account_name(&p.account_label, &p.account_masked),
                    ),
                    ("status", &payout_status_name(p.status)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page's book, for its parts.
pub fn use_book() -> Book {
    expect_context::<Book>()
}
