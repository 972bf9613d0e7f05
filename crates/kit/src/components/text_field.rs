use leptos::prelude::*;

/// A labelled input. The label is always visible; the hint and the error are linked with
/// `aria-describedby`, and an error sets `aria-invalid`.
#[component]
pub fn TextField(
    /// The visible label.
    #[prop(into)]
    label: TextProp,
    /// The value, two-way.
    value: RwSignal<String>,
    /// `text`, `email`, `password`…
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `name` attribute; also used to build the id.
    name: &'static str,
    /// `autocomplete` token, e.g. `email`, `current-password`.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// `inputmode`, e.g. `numeric` for a code: the keyboard a phone shows.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Help shown under the input.
    #[prop(optional, into)]
    hint: Option<TextProp>,
    /// A translated error; shown under the input and announced with it.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Marks the field required.
    #[prop(optional)]
    required: bool,
    /// The id of a `<datalist>` of suggestions.
    #[prop(default = None)]
    list: Option<&'static str>,
    /// Disables the input (while saving).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let id = super::unique_id(name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div
            class=move || super::classes("gu-field", class.get())
            class=("gu-field--invalid", move || error.get().is_some())
        >
            <label class="gu-field__label" for=id.clone()>
                {move || label.get()}
            </label>
            {hint
                .map(|hint| {
                    view! {
                        <p id=hint_id.clone() class="gu-field__hint">
                            {move || hint.get()}
                        </p>
                    }
                })}
            <input
                id=id
                class="gu-field__input"
                type=input_type
                name=name
                list=list
                autocomplete=autocomplete
                inputmode=inputmode
                aria-required=required.then_some("true")
                disabled=move || disabled.get()
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
            <Show when=move || error.get().is_some()>
                <p id=error_id.clone() class="gu-field-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
        </div>
    }
}
