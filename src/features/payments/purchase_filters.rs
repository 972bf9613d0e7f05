use guichet_domain::payments::{MethodKind, PurchaseFilter, PurchaseSort, PurchaseStatus};
use guichet_domain::Currency;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use super::model::{amount_bound, amount_text, list_path, Preset};
use super::texts::{method_kind_name, purchase_status_name};
use crate::components::{unique_id, ErrorPanel, SelectField, TextField, Words};
use crate::i18n::time::today_in;
use crate::i18n::{t, t_or_raw, text, trn};
use crate::redactor;

/// The period select's value while the dates match no preset.
const CUSTOM: &str = "custom";

/// The purchases list's filters. A select or a date applies as soon as it changes, the search
/// and the amounts when the form is sent; each applies by changing the page's address, which
/// the list follows. The search is redacted before it goes into the address (and from there
/// to the server and its logs).
#[component]
pub fn PurchaseFilters(
    /// The view the address holds.
    filter: Memo<PurchaseFilter>,
    /// The organisation's currency, which amounts are typed in.
    currency: Currency,
    /// The organisation's zone, whose days the presets count.
    time_zone: String,
) -> impl IntoView {
    let today = today_in(&time_zone);
    let typed = || RwSignal::new(String::new());
    let (status, method, sort, period) = (typed(), typed(), typed(), typed());
    let (from, until, min, max, q) = (typed(), typed(), typed(), typed(), typed());
    // The form follows the address (a link, the back button).
    Effect::new(move |_| {
        let shown = filter.get();
        status.set(
            shown
                .status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        );
        method.set(
            shown
                .method
                .map(|m| m.as_str().to_owned())
                .unwrap_or_default(),
        );
        sort.set(shown.sort.unwrap_or_default().as_str().to_owned());
        from.set(shown.from.map(|d| d.to_string()).unwrap_or_default());
        until.set(shown.until.map(|d| d.to_string()).unwrap_or_default());
        period.set(match Preset::of(shown.from, shown.until, today) {
            Some(p) => p.as_str().to_owned(),
            None if shown.from.is_some() || shown.until.is_some() => CUSTOM.to_owned(),
            None => String::new(),
        });
        min.set(amount_text(shown.min_amount_minor, currency));
        max.set(amount_text(shown.max_amount_minor, currency));
        q.set(shown.q.unwrap_or_default());
    });
    let (min_error, max_error) = (RwSignal::new(None::<String>), RwSignal::new(None::<String>));
    let failure = RwSignal::new(None);
    let navigate = use_navigate();

    let apply = move || {
        let bound = |typed: RwSignal<String>, error: RwSignal<Option<String>>| {
            let read = amount_bound(&typed.get_untracked(), currency);
            error.set(read.err().map(t_or_raw));
            read
        };
        let (Ok(min_amount_minor), Ok(max_amount_minor)) =
            (bound(min, min_error), bound(max, max_error))
        else {
            return;
        };
        let day = |s: RwSignal<String>| s.get_untracked().parse().ok();
        let mut wanted = PurchaseFilter {
            status: PurchaseStatus::parse(&status.get_untracked()),
            from: day(from),
            until: day(until),
            min_amount_minor,
            max_amount_minor,
            method: MethodKind::parse(&method.get_untracked()),
            q: None,
            sort: PurchaseSort::parse(&sort.get_untracked())
                .filter(|s| *s != PurchaseSort::default()),
        };
        let typed = q.get_untracked();
        let navigate = navigate.clone();
        failure.set(None);
        spawn_local(async move {
            if !typed.trim().is_empty() {
                match redactor::sendable(typed.trim()).await {
                    Ok(clean) => wanted.q = Some(clean),
                    Err(error) => {
                        failure.try_set(Some(error));
                        return;
                    }
                }
            }
            navigate(&list_path(&wanted), Default::default());
        });
    };
    let apply_on_change = {
        let apply = apply.clone();
        move |ev: leptos::ev::Event| {
            let name = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.get_attribute("name"))
                .unwrap_or_default();
            match name.as_str() {
                "period" => {
                    let (first, last) = match Preset::parse(&period.get_untracked()) {
                        Some(p) => {
                            let (a, b) = p.range(today);
                            (a.to_string(), b.to_string())
                        }
                        None if period.get_untracked() == CUSTOM => return,
                        None => (String::new(), String::new()),
                    };
                    from.set(first);
                    until.set(last);
                }
                "status" | "method" | "sort" | "from" | "until" => {}
                _ => return,
            }
            apply();
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply();
    };

    let search_id = unique_id("purchase-search");
    let fields_id = unique_id("purchase-filters");
    let unfolded = RwSignal::new(false);
    let set_count = move || {
        filter.with(|f| {
            [
                f.status.is_some(),
                f.method.is_some(),
                f.from.is_some() || f.until.is_some(),
                f.min_amount_minor.is_some() || f.max_amount_minor.is_some(),
            ]
            .into_iter()
            .filter(|set| *set)
            .count()
        })
    };
    let all = |key: &'static str| (String::new(), t(key));
    let status_options = Signal::derive(move || {
        std::iter::once(all("purchases.filter.all_statuses"))
            .chain(PurchaseStatus::ALL.map(|s| (s.as_str().to_owned(), purchase_status_name(s))))
            .collect::<Vec<_>>()
    });
    let method_options = Signal::derive(move || {
        std::iter::once(all("purchases.filter.all_methods"))
            .chain(MethodKind::ALL.map(|m| (m.as_str().to_owned(), method_kind_name(m))))
            .collect::<Vec<_>>()
    });
    let period_options = Signal::derive(move || {
        let mut options = vec![all("purchases.period.any")];
        options.extend(Preset::ALL.map(|p| {
            (
                p.as_str().to_owned(),
                t(&format!("purchases.period.{}", p.as_str())),
            )
        }));
        options.push((CUSTOM.to_owned(), t("purchases.period.custom")));
        options
    });
    let sort_options = Signal::derive(move || {
        PurchaseSort::ALL
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    t(&format!("purchases.sort.{}", s.as_str())),
                )
            })
            .to_vec()
    });

    view! {
        <form class="gu-filters gu-purchase-filters" role="search" novalidate=true on:change=apply_on_change on:submit=submit>
            <div class="gu-filters__search">
                <label class="gu-field__label" for=search_id.clone()><Words text=text("purchases.search")/></label>
                <div class="gu-filters__search-row">
                    <input
                        id=search_id
                        class="gu-field__input"
                        type="search"
                        name="q"
                        prop:value=move || q.get()
                        on:input:target=move |ev| q.set(ev.target().value())
                    />
                    <button type="submit" class="gu-button gu-button--secondary"><Words text=text("purchases.apply")/></button>
                </div>
            </div>
            <button
                type="button"
                class="gu-button gu-button--secondary gu-filters__toggle"
                aria-expanded=move || if unfolded.get() { "true" } else { "false" }
                aria-controls=fields_id.clone()
                on:click=move |_| unfolded.update(|u| *u = !*u)
            >
                {move || match set_count() {
                    0 => t("tickets.filters"),
                    n => trn("tickets.filters_set", n, &[]),
                }}
            </button>
            <div id=fields_id class="gu-filters__fields" class:gu-filters__fields--open=move || unfolded.get()>
                <SelectField label=text("purchases.filter.status") name="status" value=status options=status_options/>
                <SelectField label=text("purchases.filter.method") name="method" value=method options=method_options/>
                <SelectField label=text("purchases.filter.period") name="period" value=period options=period_options/>
                <TextField label=text("purchases.filter.from") name="from" input_type="date" value=from/>
                <TextField label=text("purchases.filter.until") name="until" input_type="date" value=until/>
                <TextField label=text("purchases.filter.min") name="min" inputmode="decimal" value=min error=min_error/>
                <TextField label=text("purchases.filter.max") name="max" inputmode="decimal" value=max error=max_error/>
                <SelectField label=text("purchases.filter.sort") name="sort" value=sort options=sort_options/>
                // Enter in an amount sends the form; this says so to those who look for a button.
                <button type="submit" class="gu-button gu-button--secondary gu-purchase-filters__apply">
                    <Words text=text("purchases.apply")/>
                </button>
            </div>
            {move || failure.get().map(|error| view! { <ErrorPanel error class="gu-purchase-filters__failure"/> })}
        </form>
    }
}
