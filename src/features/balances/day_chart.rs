use chrono::NaiveDate;
use guichet_domain::balances::DayFigures;
use guichet_domain::{Currency, Money};
use leptos::html;
use leptos::prelude::*;

use super::model::{gutter, label_every, labelled, totals, Axis};
use crate::components::{next_frame, DataTable, LocalDay, MoneyAmount, Words};
use crate::i18n::money::{format_money, format_money_compact};
use crate::i18n::text;
use crate::i18n::time::{format_day, DayStyle};
use crate::i18n::{tr, Locale};
use crate::state::locale::use_locale;

/// The plot's height, and the room above it (half the top tick's label) and below it (the
/// days').
const PLOT: f64 = 180.0;
const ABOVE: f64 = 12.0;
const BELOW: f64 = 28.0;
/// About how wide a character of the chart's labels is (0.75rem).
const CHAR: f64 = 7.0;
/// The room a day's label takes under the chart, so that two never touch.
const DAY_LABEL: f64 = 64.0;
/// About how many steps the vertical axis has.
const STEPS: i64 = 4;

/// The last 30 days as bars, drawn in the page's own SVG at the width it is given: each day's
/// sales (the fees on them at their top) beside the net its settlement paid, on a round scale
/// labelled in the user's language, with a legend. The picture says in words what it shows, and
/// the same figures are a table one click away, for the keyboard and screen readers.
#[component]
pub fn DayChart(
    /// The days, oldest first.
    days: Vec<DayFigures>,
    /// The merchant's currency.
    currency: Currency,
) -> impl IntoView {
    let locale = use_locale();
    // Drawn in CSS pixels at the width it has, so that text keeps its size on a phone and on
    // a wide screen alike; drawn again when the window's width changes.
    let plot = NodeRef::<html::Div>::new();
    let width = RwSignal::new(0.0_f64);
    let measure = move || {
        if let Some(el) = plot.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
            }
        }
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    Effect::new(move |_| {
        if plot.get().is_some() {
            next_frame(measure);
        }
    });

    let unit = 10_i64.pow(currency.minor_digits());
    let low = days.iter().map(|d| d.settled_minor).min().unwrap_or(0);
    let high = days
        .iter()
        .map(|d| d.sales_minor.max(d.settled_minor))
        .max()
        .unwrap_or(0);
    let axis = Axis::new(low, high, STEPS, unit);
    let (sales, fees, settled) = totals(&days);
    let span = (days.first().map(|d| d.day), days.last().map(|d| d.day));
    let days = StoredValue::new(days);
    let drawing = move || {
        let (w, locale) = (width.get(), locale.get());
        let label = summary(span, (sales, fees, settled), currency, locale);
        (w > 0.0).then(|| draw(&days.read_value(), axis, currency, w, locale, label))
    };
    let rows = move || {
        days.read_value()
            .iter()
            .map(|d| {
                let money = |minor| Money::new(minor, currency);
                view! {
                    <tr class="gu-table__row">
                        <th scope="row" class="gu-table__cell"><LocalDay day=d.day style=DayStyle::DayMonth/></th>
                        <td class="gu-table__cell gu-balances__amount"><MoneyAmount money=money(d.sales_minor)/></td>
                        <td class="gu-table__cell gu-balances__amount"><MoneyAmount money=money(d.fees_minor)/></td>
                        <td class="gu-table__cell gu-balances__amount"><MoneyAmount money=money(d.settled_minor)/></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="gu-card gu-day-chart">
            <h2 class="gu-card__title"><Words text=text("balances.chart.title")/></h2>
            <ul class="gu-day-chart__legend">
                <li><span class="gu-day-chart__key gu-day-chart__key--sales"></span><Words text=text("balances.chart.sales")/></li>
                <li><span class="gu-day-chart__key gu-day-chart__key--fees"></span><Words text=text("balances.chart.fees")/></li>
                <li><span class="gu-day-chart__key gu-day-chart__key--settled"></span><Words text=text("balances.chart.settled")/></li>
            </ul>
            <div class="gu-day-chart__plot" node_ref=plot>
                {drawing}
            </div>
            <details class="gu-day-chart__figures">
                <summary><Words text=text("balances.chart.as_table")/></summary>
                <DataTable
                    caption=text("balances.chart.caption")
                    headers=vec![
                        text("balances.chart.column.day"),
                        text("balances.chart.sales"),
                        text("balances.chart.fees"),
                        text("balances.chart.settled"),
                    ]
                    class="gu-day-figures"
                >
                    {rows()}
                </DataTable>
            </details>
        </section>
    }
}

/// What the chart shows, in words: its days and its totals.
fn summary(
    (first, last): (Option<NaiveDate>, Option<NaiveDate>),
    (sales, fees, settled): (i64, i64, i64),
    currency: Currency,
    locale: Locale,
) -> String {
    let day = |d: Option<NaiveDate>| {
        d.map(|d| format_day(d, locale.tag(), DayStyle::Medium))
            .unwrap_or_default()
    };
    let money = |minor| format_money(Money::new(minor, currency), locale);
    tr(
        "balances.chart.summary",
        &[
            ("from", &day(first)),
            ("until", &day(last)),
            ("sales", &money(sales)),
            ("fees", &money(fees)),
            ("settled", &money(settled)),
        ],
    )
}

/// The chart `width` pixels wide, named by `label`: the scale's lines and labels (on the left,
/// before the plot), then each day's bars, its label where there is room for one, and its
/// figures in a tooltip.
fn draw(
    days: &[DayFigures],
    axis: Axis,
    currency: Currency,
    width: f64,
    locale: Locale,
    label: String,
) -> impl IntoView {
    let money = |minor| Money::new(minor, currency);
    let ticks: Vec<(f64, String)> = axis
        .ticks()
        .into_iter()
        .map(|tick| {
            let text = format_money_compact(money(tick), locale);
            (ABOVE + axis.y(tick, PLOT), text)
        })
        .collect();
    let left = gutter(
        &ticks.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
        CHAR,
    )
    .min(width / 3.0);
    let n = days.len().max(1);
    let slot = (width - left) / n as f64;
    let bar = (slot * 0.36).max(1.0);
    let gap = ((slot - 2.0 * bar) / 2.0).max(0.0);
    let every = label_every(n, width - left, DAY_LABEL);
    let height = ABOVE + PLOT + BELOW;
    let scale = ticks
        .into_iter()
        .enumerate()
        .map(|(i, (y, text))| {
            let class = if i == 0 {
                "gu-day-chart__grid gu-day-chart__grid--base"
            } else {
                "gu-day-chart__grid"
            };
            view! {
                <line class=class x1=left x2=width y1=y y2=y></line>
                <text class="gu-day-chart__tick" x=left - 6.0 y=y + 4.0 text-anchor="end">{text}</text>
            }
        })
        .collect_view();
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let x = left + i as f64 * slot;
            let (sales_top, sales_height) = axis.bar(d.sales_minor, PLOT);
            let (_, fees_height) = axis.bar(d.fees_minor, PLOT);
            let (settled_top, settled_height) = axis.bar(d.settled_minor, PLOT);
            let tip = tr(
                "balances.chart.day",
                &[
                    ("day", &format_day(d.day, locale.tag(), DayStyle::Medium)),
                    ("sales", &format_money(money(d.sales_minor), locale)),
                    ("fees", &format_money(money(d.fees_minor), locale)),
                    ("settled", &format_money(money(d.settled_minor), locale)),
                ],
            );
            // A label near an edge is aligned on it rather than cut.
            let label = labelled(i, n, every).then(|| {
                let middle = x + slot / 2.0;
                let (at, anchor) = if middle + DAY_LABEL / 2.0 > width {
                    (width, "end")
                } else if middle - DAY_LABEL / 2.0 < left {
                    (x, "start")
                } else {
                    (middle, "middle")
                };
                view! {
                    <text class="gu-day-chart__day" x=at y=height - 8.0 text-anchor=anchor>
                        {format_day(d.day, locale.tag(), DayStyle::DayMonth)}
                    </text>
                }
            });
            view! {
                <g class="gu-day-chart__slot">
                    <title>{tip}</title>
                    <rect class="gu-day-chart__hover" x=x y=ABOVE width=slot height=PLOT></rect>
                    <rect class="gu-day-chart__sales" x=x + gap y=ABOVE + sales_top width=bar height=sales_height></rect>
                    <rect class="gu-day-chart__fees" x=x + gap y=ABOVE + sales_top width=bar height=fees_height.min(sales_height)></rect>
                    <rect class="gu-day-chart__settled" x=x + gap + bar y=ABOVE + settled_top width=bar height=settled_height></rect>
                    {label}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="gu-day-chart__svg"
            width=width
            height=height
            viewBox=format!("0 0 {width} {height}")
            role="img"
            aria-label=label
        >
            {scale}
            {bars}
        </svg>
    }
}
