use guichet_domain::Money;
use leptos::prelude::*;

use crate::components::{MoneyAmount, Words};
use crate::i18n::t;

/// One account: its name, its balance and a line on what it is. The main balance, what may be
/// paid out, stands out from the others.
#[component]
pub fn AccountCard(
    /// The key of its name; its explanation's is the same with `.hint`.
    name: &'static str,
    /// Its balance.
    money: Money,
    /// The main balance.
    #[prop(optional)]
    main: bool,
    /// What may be done with it (the main balance: « Request a payout »).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let hint = format!("{name}.hint");
    view! {
        <section class="gu-card gu-balance" class:gu-balance--main=main>
            <h2 class="gu-balance__name"><Words text=move || t(name)/></h2>
            <p class="gu-balance__amount"><MoneyAmount money/></p>
            <p class="gu-balance__hint"><Words text=move || t(&hint)/></p>
            {children.map(|c| c())}
        </section>
    }
}
