use guichet_domain::Money;
use leptos::prelude::*;

use crate::i18n::money::format_money;
use crate::state::locale::use_locale;

/// An amount in the user's language (« 150 000 F CFA », "€1,500.50"), following the language
/// switch.
#[component]
pub fn MoneyAmount(
    /// The amount.
    money: Money,
) -> impl IntoView {
    let locale = use_locale();
    move || format_money(money, locale.get())
}
