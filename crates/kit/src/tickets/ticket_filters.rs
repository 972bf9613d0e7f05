use guichet_domain::tickets::{Category, Status, TicketSort, Urgency};
use leptos::prelude::*;

use super::FilterForm;
use crate::components::{unique_id, SelectField};
use crate::i18n::labels::{category_name, status_name, urgency_name};
use crate::i18n::{t, text, trn};

/// The filters of a ticket list, one signal per control; the search applies on submit.
#[derive(Debug, Clone, Copy)]
pub struct FilterSignals {
    pub status: RwSignal<String>,
    pub urgency: RwSignal<String>,
    pub category: RwSignal<String>,
    pub merchant: RwSignal<String>,
    pub assignee: RwSignal<String>,
    pub unanswered: RwSignal<bool>,
    /// The search that applies.
    pub q: RwSignal<String>,
    /// The order a column header asked for.
    pub sort: RwSignal<Option<TicketSort>>,
}

impl FilterSignals {
    pub fn new() -> Self {
        FilterSignals {
            status: RwSignal::new(String::new()),
            urgency: RwSignal::new(String::new()),
            category: RwSignal::new(String::new()),
            merchant: RwSignal::new(String::new()),
            assignee: RwSignal::new(String::new()),
            unanswered: RwSignal::new(false),
            q: RwSignal::new(String::new()),
            sort: RwSignal::new(None),
        }
    }

    /// How many of the selects hold a value, tracked.
    pub fn set_count(&self) -> usize {
        [
            self.status,
            self.urgency,
            self.category,
            self.merchant,
            self.assignee,
        ]
        .iter()
        .filter(|s| s.with(|v| !v.is_empty()))
        .count()
    }

    /// The form, tracked: a resource reading it reloads on every change.
    pub fn form(&self) -> FilterForm {
        FilterForm {
            status: self.status.get(),
            urgency: self.urgency.get(),
            category: self.category.get(),
            merchant: self.merchant.get(),
            assignee: self.assignee.get(),
            unanswered: self.unanswered.get(),
            q: self.q.get(),
            sort: self.sort.get(),
        }
    }
}

impl Default for FilterSignals {
    fn default() -> Self {
        Self::new()
    }
}

/// "All" (`all_key`: in French its gender follows the filter's noun) then each value in words.
fn options<T: Copy + Send + Sync + 'static>(
    all_key: &'static str,
    all: &'static [T],
    wire: fn(T) -> &'static str,
    name: fn(T) -> String,
) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        std::iter::once((String::new(), t(all_key)))
            .chain(all.iter().map(|v| (wire(*v).to_owned(), name(*v))))
            .collect()
    })
}

/// The search box and the status, urgency and category filters of a ticket list; `children`
/// adds the desk's own filters.
#[component]
pub fn TicketFilters(
    /// The filters, shared with the list.
    filters: FilterSignals,
    /// More selects, placed after the common ones.
    #[prop(optional)]
    children: Option<Children>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let typed = RwSignal::new(filters.q.get_untracked());
    let search_id = unique_id("search");
    let fields_id = unique_id("filters");
    let unfolded = RwSignal::new(false);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        filters.q.set(typed.get_untracked());
    };
    view! {
        <div class=move || crate::components::classes("gu-filters", class.get())>
            <form class="gu-filters__search" role="search" on:submit=search>
                <label class="gu-field__label" for=search_id.clone()>
                    {move || t("tickets.search")}
                </label>
                <div class="gu-filters__search-row">
                    <input
                        id=search_id
                        class="gu-field__input"
                        type="search"
                        name="q"
                        prop:value=move || typed.get()
                        on:input:target=move |ev| typed.set(ev.target().value())
                    />
                    <button type="submit" class="gu-button gu-button--secondary">
                        {move || t("tickets.search_button")}
                    </button>
                </div>
            </form>
            // On a phone the selects fold behind this button, which says how many are set.
            <button
                type="button"
                class="gu-button gu-button--secondary gu-filters__toggle"
                aria-expanded=move || if unfolded.get() { "true" } else { "false" }
                aria-controls=fields_id.clone()
                on:click=move |_| unfolded.update(|u| *u = !*u)
            >
                {move || match filters.set_count() {
                    0 => t("tickets.filters"),
                    n => trn("tickets.filters_set", n, &[]),
                }}
            </button>
            <div
                id=fields_id
                class="gu-filters__fields"
                class:gu-filters__fields--open=move || unfolded.get()
            >
            <SelectField
                label=text("tickets.filter.status")
                name="status"
                value=filters.status
                options=options("tickets.filter.all_statuses", &Status::ALL, Status::as_str, status_name)
            />
            <SelectField
                label=text("tickets.filter.urgency")
                name="urgency"
                value=filters.urgency
                options=options("tickets.filter.all_urgencies", &Urgency::ALL, Urgency::as_str, urgency_name)
            />
            <SelectField
                label=text("tickets.filter.category")
                name="category"
                value=filters.category
                options=options("tickets.filter.all_categories", &Category::ALL, Category::as_str, category_name)
            />
            {children.map(|c| c())}
            </div>
        </div>
    }
}
