use guichet_domain::balances::NextSettlement;
use guichet_domain::Currency;
use leptos::prelude::*;

use super::statement_lines::StatementLines;
use crate::components::{LocalDay, Words};
use crate::i18n::text;
use crate::i18n::time::DayStyle;

/// The next settlement: its business day and, line by line, what it would be with today's
/// figures.
#[component]
pub fn NextSettlementCard(
    /// Its day and estimate.
    next: NextSettlement,
    /// The merchant's currency.
    currency: Currency,
) -> impl IntoView {
    view! {
        <section class="gu-card gu-next-settlement">
            <h2 class="gu-card__title"><Words text=text("balances.next")/></h2>
            <p class="gu-next-settlement__day"><LocalDay day=next.day style=DayStyle::Full/></p>
            <p class="gu-field__hint"><Words text=text("balances.next.estimate")/></p>
            <StatementLines lines=next.estimate currency/>
        </section>
    }
}
