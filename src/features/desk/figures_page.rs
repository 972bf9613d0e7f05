use guichet_domain::tickets::DeskStats;
use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;

use super::model::{average_text, median_text};
use super::outbox_list::OutboxList;
use crate::api;
use crate::components::{DataTable, Guarded, Loaded, PageHeading};
use crate::i18n::labels::urgency_name;
use crate::i18n::{t, text, trn};
use crate::state::locale::use_locale;

/// The desk's figures: per urgency, open and breached tickets and the median response and
/// resolution times; the ratings; and the notifications sent to requesters.
#[component]
pub fn FiguresPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::DeskRead]><Figures/></Guarded> }
}

#[component]
fn Figures() -> impl IntoView {
    let stats = LocalResource::new(api::tickets::stats);
    view! {
        <section class="gu-page">
            <div class="gu-page__head">
                <PageHeading text=text("desk.figures.title")/>
                <A href="/desk">{move || t("desk.back")}</A>
            </div>
            <p class="gu-page__summary">{move || t("desk.figures.intro")}</p>
            <Loaded resource=stats let:stats>
                <StatsTable stats/>
            </Loaded>
            <OutboxList/>
        </section>
    }
}

#[component]
fn StatsTable(stats: DeskStats) -> impl IntoView {
    let locale = use_locale();
    let (ratings, average) = (stats.ratings, stats.average_rating);
    view! {
        <DataTable
            caption=text("desk.figures.caption")
            headers=vec![
                text("desk.figures.urgency"),
                text("desk.figures.open"),
                text("desk.figures.breached"),
                text("desk.figures.median_response"),
                text("desk.figures.median_resolution"),
            ]
        >
            {stats
                .by_urgency
                .into_iter()
                .map(|row| {
                    let urgency = row.urgency;
                    view! {
                        <tr class="gu-table__row">
                            <th scope="row" class="gu-table__cell">{move || urgency_name(urgency)}</th>
                            <td class="gu-table__cell gu-table__cell--number">{row.open}</td>
                            <td class="gu-table__cell gu-table__cell--number">{row.breached}</td>
                            <td class="gu-table__cell">
                                {move || median_text(row.median_response_minutes, locale.get())}
                            </td>
                            <td class="gu-table__cell">
                                {move || median_text(row.median_resolution_minutes, locale.get())}
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
        <dl class="gu-facts gu-desk-figures__ratings">
            <dt>{move || t("desk.figures.ratings")}</dt>
            <dd>{move || trn("desk.figures.ratings_count", ratings as usize, &[])}</dd>
            <dt>{move || t("desk.figures.average")}</dt>
            <dd>{move || average_text(average, locale.get())}</dd>
        </dl>
    }
}
