use chrono::{DateTime, Utc};
use guichet_domain::balances::payouts::{NewPayout, PayoutAccount};
use guichet_domain::{Currency, Money};
use leptos::html;
use leptos::prelude::*;

use super::model::account_name;
use crate::components::{Button, ButtonKind, LocalDay, LocalTime, MoneyAmount, Words};
use crate::i18n::text;
use crate::i18n::time::{format_day, DayStyle};
use crate::i18n::tr;
use crate::state::locale::use_locale;

/// The payout about to be asked for, restated before it is: the amount, the account, the day and
/// when the money is expected, as the server computes it on the merchant's business calendar
/// (24 business hours from that day's start, or from the request if later), with that rule in
/// words. Its heading takes the focus, so that a screen reader reads it first.
#[component]
pub fn PayoutReview(
    /// The request, checked.
    payout: NewPayout,
    /// The account it goes to.
    account: Option<PayoutAccount>,
    /// The merchant's currency.
    currency: Currency,
    /// When the server says a payout asked for now for that day is expected.
    expected_by: DateTime<Utc>,
    /// The organisation's zone.
    time_zone: String,
    /// The request is under way.
    #[prop(into)]
    busy: Signal<bool>,
    /// Its heading, which the dialog focuses once it is drawn.
    heading: NodeRef<html::H3>,
    /// Sends it.
    on_confirm: Callback<()>,
    /// Back to the form, everything kept.
    on_back: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let money = Money::new(payout.amount_minor, currency);
    let day = payout.on;
    let rule = move || {
        let day = format_day(day, locale.get().tag(), DayStyle::Full);
        tr("payout.review.expected_rule", &[("day", &day)])
    };
    let to = account
        .map(|a| account_name(&a.label, &a.masked))
        .unwrap_or_default();
    view! {
        <section class="gu-payout-review">
            <h3 class="gu-payout-review__title" tabindex="-1" node_ref=heading>
                <Words text=text("payout.review.title")/>
            </h3>
            <dl class="gu-facts">
                <dt><Words text=text("payout.review.amount")/></dt>
                <dd><MoneyAmount money/></dd>
                <dt><Words text=text("payout.review.account")/></dt>
                <dd>{to}</dd>
                <dt><Words text=text("payout.review.day")/></dt>
                <dd><LocalDay day style=DayStyle::Full/></dd>
                <dt><Words text=text("payout.review.expected")/></dt>
                <dd>
                    <LocalTime at=expected_by time_zone/>
                    " "
                    <span class="gu-payout-review__rule">{rule}</span>
                </dd>
            </dl>
            <p class="gu-field__hint"><Words text=text("payout.review.effect")/></p>
            <div class="gu-actions">
                <Button busy on_click=move |_| on_confirm.run(())><Words text=text("payout.review.confirm")/></Button>
                <Button kind=ButtonKind::Secondary disabled=busy on_click=move |_| on_back.run(())>
                    <Words text=text("payout.review.back")/>
                </Button>
            </div>
        </section>
    }
}
