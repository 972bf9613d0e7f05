use guichet_domain::balances::Settlement;
use guichet_domain::{Money, Permission, SettlementId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::days_text;
use super::model::{covered, purchases_path};
use super::statement_lines::StatementLines;
use crate::api;
use crate::components::{Guarded, Loaded, MoneyAmount, PageHeading, Words};
use crate::i18n::time::{format_day, DayStyle};
use crate::i18n::{text, tr, trn};
use crate::state::locale::use_locale;

/// « Settlement of 7 Dec 2026 »: one settlement line by line, the days whose sales it took,
/// how many purchases (and a link to them), and when its reserve comes back.
#[component]
pub fn SettlementPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::ReportsRead]><SettlementLoader/></Guarded> }
}

#[component]
fn SettlementLoader() -> impl IntoView {
    let params = use_params_map();
    let settlement = LocalResource::new(move || {
        let id = SettlementId::from(params.read().get("id").unwrap_or_default());
        async move { api::balances::settlement(&id).await }
    });
    view! {
        <section class="gu-page gu-settlement">
            <Loaded resource=settlement error_heading=text("settlement.title") let:settlement>
                <SettlementView settlement/>
            </Loaded>
        </section>
    }
}

#[component]
fn SettlementView(settlement: Settlement) -> impl IntoView {
    let locale = use_locale();
    let Settlement {
        day,
        from_day,
        currency,
        lines,
        purchases,
        reserve_until,
        ..
    } = settlement;
    let heading = Signal::derive(move || {
        let day = format_day(day, locale.get().tag(), DayStyle::Medium);
        tr("settlement.heading", &[("day", &day)])
    });
    let days = covered(from_day, day);
    let count = usize::try_from(purchases).unwrap_or(usize::MAX);
    let release = move || {
        let until = format_day(reserve_until, locale.get().tag(), DayStyle::Medium);
        tr("settlement.reserve.release", &[("day", &until)])
    };
    view! {
        <div class="gu-page__head">
            <PageHeading text=heading/>
            <A href="/balances"><Words text=text("settlement.back")/></A>
        </div>
        <div class="gu-settlement__layout">
            <section class="gu-card">
                <h2 class="gu-card__title"><Words text=text("settlement.lines")/></h2>
                <StatementLines lines currency/>
            </section>
            <section class="gu-card">
                <dl class="gu-facts">
                    <dt><Words text=text("settlement.days")/></dt>
                    <dd>{move || days_text(days, DayStyle::Medium)}</dd>
                    <dt><Words text=text("settlement.purchases")/></dt>
                    <dd>
                        {move || trn("settlement.purchases.count", count, &[])}
                        {(count > 0).then(|| view! {
                            <br/>
                            <A href=purchases_path(days.0, days.1) attr:class="gu-settlement__link">
                                <Words text=text("settlement.purchases.see")/>
                            </A>
                        })}
                    </dd>
                    <dt><Words text=text("settlement.reserve")/></dt>
                    <dd>
                        <MoneyAmount money=Money::new(lines.reserve_held, currency)/>
                        <span class="gu-settlement__release">{release}</span>
                    </dd>
                </dl>
            </section>
        </div>
    }
}
