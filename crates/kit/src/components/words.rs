use leptos::prelude::*;

/// A translated text that follows the language: `<Words text=text("purchases.title")/>`. Every
/// such text shares this one way of rendering, where a `move || t(…)` closure at each place
/// would be compiled once per place: a page of labels stays small in the bundle.
#[component]
pub fn Words(
    /// The text, usually from `text`, which follows the language.
    #[prop(into)]
    text: TextProp,
) -> impl IntoView {
    move || text.get()
}
