use guichet_domain::balances::SettlementLines;
use guichet_domain::{Currency, Money};
use leptos::prelude::*;

use super::model::Line;
use crate::components::{MoneyAmount, Words};
use crate::i18n::t;

/// A settlement line by line, as a statement: the gross sales, what comes off them and what
/// comes back (signed), the net to the main account, and what is carried on (the carried
/// lines only when there is some).
#[component]
pub fn StatementLines(
    /// The settlement's lines, or the next one's estimate.
    lines: SettlementLines,
    /// The merchant's currency.
    currency: Currency,
) -> impl IntoView {
    view! {
        <dl class="gu-statement">
            {Line::of(&lines)
                .into_iter()
                .map(|line| {
                    let key = line.label_key();
                    let money = Money::new(line.shown(&lines), currency);
                    view! {
                        <div class=format!("gu-statement__line gu-statement__line--{}", line.as_str())>
                            <dt><Words text=move || t(&key)/></dt>
                            <dd><MoneyAmount money/></dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
