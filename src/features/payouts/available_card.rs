use leptos::prelude::*;

use super::book::use_book;
use crate::components::Words;
use crate::i18n::money::format_money;
use crate::i18n::{t, text, tr};
use crate::state::locale::use_locale;

/// What may be paid out now, large, and how it comes about: the main balance less what the
/// payouts asked for, approved or under way hold of it; the page's main action beneath it.
#[component]
pub fn AvailableCard(
    /// « Request a payout », for those who may.
    children: Children,
) -> impl IntoView {
    let book = use_book();
    let locale = use_locale();
    let amount = move || {
        book.available
            .with(|a| format_money(a.available, locale.get()))
    };
    let how = move || {
        book.available.with(|a| {
            if a.held.amount_minor == 0 {
                return t("payouts.available.all");
            }
            tr(
                "payouts.available.how",
                &[
                    ("main", &format_money(a.main, locale.get())),
                    ("held", &format_money(a.held, locale.get())),
                ],
            )
        })
    };
    view! {
        <section class="gu-card gu-available">
            <h2 class="gu-available__name"><Words text=text("payouts.available")/></h2>
            <p class="gu-available__amount">{amount}</p>
            <p class="gu-available__how">{how}</p>
            {children()}
        </section>
    }
}
