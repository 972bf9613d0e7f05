use guichet_domain::tickets::{DeskStats, Figures, GroupStats, Period};
use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;

use super::model::{average_text, median_text};
use super::outbox_list::OutboxList;
use crate::api;
use crate::components::{DataTable, Guarded, Loaded, PageHeading};
use crate::i18n::labels::urgency_name;
use crate::i18n::time::format_instant;
use crate::i18n::{t, text, tr, trn};
use crate::state::locale::use_locale;
use crate::state::session::use_session;

/// The desk's figures over a period (today, 7 days, 30 days, all): by urgency, by engineer and
/// by merchant, tickets filed, open and breached and the median response and resolution times
/// with the number of tickets behind each; the ratings; the notifications still to send (the job
/// queue) and those sent to requesters.
#[component]
pub fn FiguresPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::DeskRead]><FiguresView/></Guarded> }
}

#[component]
fn FiguresView() -> impl IntoView {
    let period = RwSignal::new(Period::All);
    let stats = LocalResource::new(move || api::tickets::stats(period.get()));
    view! {
        <section class="gu-page">
            <div class="gu-page__head">
                <PageHeading text=text("desk.figures.title")/>
                <A href="/desk">{move || t("desk.back")}</A>
            </div>
            <p class="gu-page__summary">{move || t("desk.figures.intro")}</p>
            <div class="gu-segmented" role="group" aria-label=move || t("desk.figures.period")>
                {Period::ALL
                    .into_iter()
                    .map(|p| view! {
                        <button
                            type="button"
                            class="gu-button gu-button--secondary gu-toggle"
                            aria-pressed=move || (period.get() == p).to_string()
                            on:click=move |_| period.set(p)
                        >
                            {move || t(&format!("desk.figures.period.{}", p.as_str()))}
                        </button>
                    })
                    .collect_view()}
            </div>
            <Loaded resource=stats let:stats>
                <StatsTables stats/>
            </Loaded>
            <OutboxList/>
        </section>
    }
}

#[component]
fn StatsTables(stats: DeskStats) -> impl IntoView {
    let locale = use_locale();
    let (ratings, average) = (stats.ratings, stats.average_rating);
    let background = stats.background;
    let zone = use_session().time_zone_untracked();
    let filed = stats.all.filed as usize;
    let urgency_rows = stats
        .by_urgency
        .into_iter()
        .map(|row| {
            let urgency = row.urgency;
            (TextProp::from(move || urgency_name(urgency)), row.figures)
        })
        .collect();
    let named = |groups: Vec<GroupStats>| {
        groups
            .into_iter()
            .map(|g| (TextProp::from(g.name), g.figures))
            .collect::<Vec<_>>()
    };
    view! {
        <p class="gu-page__summary" role="status">{move || trn("desk.figures.filed", filed, &[])}</p>
        <FiguresTable caption=text("desk.figures.caption") first=text("desk.figures.urgency") rows=urgency_rows/>
        <FiguresTable caption=text("desk.figures.by_agent") first=text("desk.figures.agent") rows=named(stats.by_agent)/>
        <FiguresTable caption=text("desk.figures.by_merchant") first=text("desk.figures.merchant") rows=named(stats.by_merchant)/>
        <dl class="gu-facts gu-desk-figures__ratings">
            <dt>{move || t("desk.figures.ratings")}</dt>
            <dd>{move || trn("desk.figures.ratings_count", ratings as usize, &[])}</dd>
            <dt>{move || t("desk.figures.average")}</dt>
            <dd>{move || average_text(average, locale.get())}</dd>
            <dt>{move || t("desk.figures.waiting")}</dt>
            <dd>
                {move || {
                    let count = trn("desk.figures.notifications", background.waiting as usize, &[]);
                    match background.oldest_waiting_at {
                        Some(at) => {
                            let when = format_instant(at, locale.get().tag(), &zone);
                            format!("{count}, {}", tr("desk.figures.oldest", &[("when", &when)]))
                        }
                        None => count,
                    }
                }}
            </dd>
            <dt>{move || t("desk.figures.given_up")}</dt>
            <dd>{move || trn("desk.figures.notifications", background.failed as usize, &[])}</dd>
        </dl>
    }
}

/// One breakdown: a row per group (an urgency, an engineer, a merchant), each median beside the
/// number of tickets it is taken over.
#[component]
fn FiguresTable(
    caption: TextProp,
    first: TextProp,
    rows: Vec<(TextProp, Figures)>,
) -> impl IntoView {
    let locale = use_locale();
    if rows.is_empty() {
        return view! {
            <h2 class="gu-desk-figures__empty-title">{move || caption.get()}</h2>
            <p class="gu-empty">{move || t("desk.figures.none")}</p>
        }
        .into_any();
    }
    let median = move |minutes: Option<i64>, sample: u32| {
        move || {
            let value = median_text(minutes, locale.get());
            if minutes.is_some() {
                format!(
                    "{value} ({})",
                    trn("desk.figures.sample", sample as usize, &[])
                )
            } else {
                value
            }
        }
    };
    view! {
        <DataTable
            caption
            headers=vec![
                first,
                text("desk.figures.filed_column"),
                text("desk.figures.open"),
                text("desk.figures.breached"),
                text("desk.figures.median_response"),
                text("desk.figures.median_resolution"),
            ]
        >
            {rows
                .into_iter()
                .map(|(name, f)| view! {
                    <tr class="gu-table__row">
                        <th scope="row" class="gu-table__cell">{move || name.get()}</th>
                        <td class="gu-table__cell gu-table__cell--number">{f.filed}</td>
                        <td class="gu-table__cell gu-table__cell--number">{f.open}</td>
                        <td class="gu-table__cell gu-table__cell--number">{f.breached}</td>
                        <td class="gu-table__cell">{median(f.median_response_minutes, f.responded)}</td>
                        <td class="gu-table__cell">{median(f.median_resolution_minutes, f.resolved)}</td>
                    </tr>
                })
                .collect_view()}
        </DataTable>
    }
    .into_any()
}
