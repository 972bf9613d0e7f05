use leptos::prelude::*;

/// A group of checkboxes, one per option, each with what it means under its name: the roles of
/// a user, the permissions of an API key.
#[component]
pub fn CheckboxGroup<T>(
    /// The group's legend, e.g. "Roles".
    #[prop(into)]
    legend: TextProp,
    /// The options offered, in order.
    #[prop(into)]
    options: Signal<Vec<T>>,
    /// The options ticked, kept sorted; updated as the user ticks.
    selected: RwSignal<Vec<T>>,
    /// An option's wire name: its checkbox's value and id.
    value: fn(T) -> &'static str,
    /// An option's name, in the user's language.
    name: fn(T) -> String,
    /// What the option means, under its name.
    description: fn(T) -> String,
    /// A translated error for the whole group.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Disables every checkbox (while saving).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView
where
    T: Copy + Ord + Send + Sync + 'static,
{
    let id = super::unique_id("choices");
    let error_id = format!("{id}-error");
    let error_ref = error_id.clone();
    view! {
        <fieldset
            class=move || super::classes("gu-checkbox-group", class.get())
            class=("gu-checkbox-group--invalid", move || error.get().is_some())
            aria-describedby=move || error.get().map(|_| error_ref.clone())
        >
            <legend class="gu-checkbox-group__legend">{move || legend.get()}</legend>
            <ul class="gu-checkbox-group__list">
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|option| {
                            let input_id = format!("{id}-{}", value(option));
                            let desc_id = format!("{input_id}-desc");
                            view! {
                                <li class="gu-checkbox-group__option">
                                    <input
                                        type="checkbox"
                                        id=input_id.clone()
                                        class="gu-checkbox-group__checkbox"
                                        value=value(option)
                                        aria-describedby=desc_id.clone()
                                        prop:checked=move || selected.with(|s| s.contains(&option))
                                        disabled=move || disabled.get()
                                        on:change:target=move |ev| {
                                            let on = ev.target().checked();
                                            selected
                                                .update(|s| {
                                                    s.retain(|o| *o != option);
                                                    if on {
                                                        s.push(option);
                                                        s.sort();
                                                    }
                                                });
                                        }
                                    />
                                    <label for=input_id class="gu-checkbox-group__label">
                                        {move || name(option)}
                                    </label>
                                    <span id=desc_id class="gu-checkbox-group__description">
                                        {move || description(option)}
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
