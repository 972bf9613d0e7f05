use leptos::prelude::*;

/// A labelled `<select>`. Options are `(value, text)` pairs, reactive so their texts follow
/// the language; an error is linked with `aria-describedby` and sets `aria-invalid`.
#[component]
pub fn SelectField(
    /// The visible label.
    #[prop(into)]
    label: TextProp,
    /// The chosen value, two-way.
    value: RwSignal<String>,
    /// The `name` attribute; also used to build the id.
    name: &'static str,
    /// `(value, text)` pairs, in display order.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// A translated error; shown under the select and announced with it.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Disables the select (while saving).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let id = super::unique_id(name);
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div
            class=move || super::classes("gu-field", class.get())
            class=("gu-field--invalid", move || error.get().is_some())
        >
            <label class="gu-field__label" for=id.clone()>
                {move || label.get()}
            </label>
            <select
                id=id
                class="gu-field__input gu-field__input--select"
                name=name
                disabled=move || disabled.get()
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
                on:change:target=move |ev| value.set(ev.target().value())
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let chosen = v.clone();
                            view! {
                                <option value=v prop:selected=move || value.with(|c| *c == chosen)>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <Show when=move || error.get().is_some()>
                <p id=error_id.clone() class="gu-field-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
        </div>
    }
}
