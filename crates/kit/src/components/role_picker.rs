use guichet_domain::Role;
use leptos::prelude::*;

use crate::i18n::labels::{role_description, role_name};

/// A group of checkboxes, one per role, with each role's purpose under its name.
#[component]
pub fn RolePicker(
    /// The group's legend, e.g. "Roles".
    #[prop(into)]
    legend: TextProp,
    /// The roles offered (the organisation's).
    #[prop(into)]
    options: Signal<Vec<Role>>,
    /// The roles ticked; updated as the user ticks.
    selected: RwSignal<Vec<Role>>,
    /// A translated error for the whole group.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Disables every checkbox (while saving).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let id = super::unique_id("roles");
    let error_id = format!("{id}-error");
    let error_ref = error_id.clone();
    view! {
        <fieldset
            class=move || super::classes("gu-role-picker", class.get())
            class=("gu-role-picker--invalid", move || error.get().is_some())
            aria-describedby=move || error.get().map(|_| error_ref.clone())
        >
            <legend class="gu-role-picker__legend">{move || legend.get()}</legend>
            <ul class="gu-role-picker__list">
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|role| {
                            let input_id = format!("{id}-{}", role.as_str());
                            let desc_id = format!("{input_id}-desc");
                            view! {
                                <li class="gu-role-picker__option">
                                    <input
                                        type="checkbox"
                                        id=input_id.clone()
                                        class="gu-role-picker__checkbox"
                                        value=role.as_str()
                                        aria-describedby=desc_id.clone()
                                        prop:checked=move || selected.with(|s| s.contains(&role))
                                        disabled=move || disabled.get()
                                        on:change:target=move |ev| {
                                            let on = ev.target().checked();
                                            selected
                                                .update(|s| {
                                                    s.retain(|r| *r != role);
                                                    if on {
                                                        s.push(role);
                                                        s.sort();
                                                    }
                                                });
                                        }
                                    />
                                    <label for=input_id class="gu-role-picker__label">
                                        {move || role_name(role)}
                                    </label>
                                    <span id=desc_id class="gu-role-picker__description">
                                        {move || role_description(role)}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <Show when=move || error.get().is_some()>
                <p id=error_id.clone() class="gu-field-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
        </fieldset>
    }
}
