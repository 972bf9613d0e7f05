use leptos::prelude::*;

/// A table with a caption and column headers, scrollable on its own on narrow screens.
#[component]
pub fn DataTable(
    /// What the table lists; read first by screen readers.
    #[prop(into)]
    caption: TextProp,
    /// Column headers, in order.
    headers: Vec<TextProp>,
    /// The `<tr>` rows.
    children: Children,
    /// Extra classes on the wrapper.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let region = caption.clone();
    view! {
        <div
            class=move || super::classes("gu-table", class.get())
            role="region"
            aria-label=move || region.get()
            tabindex="0"
        >
            <table class="gu-table__table">
                <caption class="gu-table__caption">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {headers
                            .into_iter()
                            .map(|h| {
                                view! {
                                    <th scope="col" class="gu-table__header">
                                        {move || h.get()}
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
