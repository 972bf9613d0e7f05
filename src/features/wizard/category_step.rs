use guichet_domain::tickets::{Category, Urgency};
use leptos::prelude::*;

use super::model::Step;
use super::state::WizardState;
use super::StepNav;
use crate::i18n::{t, tr};
use crate::state::form_feedback::field_error;

/// Step 1: what the ticket is about, and how urgent it is, with what each level means.
#[component]
pub fn CategoryStep(state: WizardState) -> impl IntoView {
    let category = Memo::new(move |_| state.draft.with(|d| d.category));
    let urgency = Memo::new(move |_| state.draft.with(|d| d.urgency));
    let category_error = field_error(state.errors, "category");
    let next = Callback::new(move |()| {
        if category.get_untracked().is_some() {
            state.errors.update(|e| {
                e.remove("category");
            });
            state.update(|d| d.step = Step::Details);
        } else {
            state.errors.update(|e| {
                e.insert("category".into(), vec!["error.choose_category".into()]);
            });
        }
    });
    view! {
        <fieldset
            class="gu-choices"
            aria-invalid=move || category_error.get().map(|_| "true")
            aria-describedby=move || category_error.get().map(|_| "gu-category-error")
        >
            <legend class="gu-choices__legend">{move || t("wizard.category")}</legend>
            {Category::ALL
                .into_iter()
                .map(|c| {
                    view! {
                        <label class="gu-choice">
                            <input
                                type="radio"
                                name="category"
                                class="gu-choice__input"
                                prop:checked=move || category.get() == Some(c)
                                on:change=move |_| state.update(|d| d.category = Some(c))
                            />
                            <span class="gu-choice__text">
                                <span class="gu-choice__label">
                                    {move || t(&format!("ticket.category.{}", c.as_str()))}
                                </span>
                                <span class="gu-choice__hint">
                                    {move || t(&format!("wizard.category_hint.{}", c.as_str()))}
                                </span>
                            </span>
                        </label>
                    }
                })
                .collect_view()}
            <Show when=move || category_error.get().is_some()>
                <p id="gu-category-error" class="gu-field-error">{move || category_error.get()}</p>
            </Show>
        </fieldset>
        <fieldset class="gu-choices">
            <legend class="gu-choices__legend">{move || t("wizard.urgency")}</legend>
            {Urgency::ALL
                .into_iter()
                .map(|u| {
                    let targets = move || {
                        tr(
                            "wizard.urgency_targets",
                            &[
                                ("response", &hours(u.response_target().num_hours())),
                                ("resolution", &hours(u.resolution_target().num_hours())),
                            ],
                        )
                    };
                    view! {
                        <label class="gu-choice">
                            <input
                                type="radio"
                                name="urgency"
                                class="gu-choice__input"
                                prop:checked=move || urgency.get() == u
                                on:change=move |_| state.update(|d| d.urgency = u)
                            />
                            <span class="gu-choice__text">
                                <span class="gu-choice__label">
                                    {move || t(&format!("ticket.urgency.{}", u.as_str()))}
                                </span>
                                <span class="gu-choice__hint">
                                    {move || t(&format!("wizard.urgency_hint.{}", u.as_str()))}
                                    " "
                                    {targets}
                                </span>
                            </span>
                        </label>
                    }
                })
                .collect_view()}
            <p class="gu-field__hint">{move || t("wizard.urgency_indicative")}</p>
        </fieldset>
        <StepNav state on_next=next/>
    }
}

fn hours(n: i64) -> String {
    tr("wizard.hours", &[("n", &n.to_string())])
}
