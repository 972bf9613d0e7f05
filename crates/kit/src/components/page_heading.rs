use leptos::html;
use leptos::prelude::*;

/// The page's one `<h1>`. It takes focus when the page appears, so a screen reader announces
/// the new page and keyboard users continue from the top of it.
#[component]
pub fn PageHeading(
    /// The heading text.
    #[prop(into)]
    text: TextProp,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            super::focus_after_layout(h1);
        }
    });
    view! {
        <h1
            node_ref=heading
            class=move || super::classes("gu-page-heading", class.get())
            tabindex="-1"
        >
            {move || text.get()}
        </h1>
    }
}
