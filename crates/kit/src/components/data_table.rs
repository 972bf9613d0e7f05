use leptos::prelude::*;

/// A column header that sorts the table: `order` is the `aria-sort` value while the table is
/// sorted by this column (`ascending` or `descending`), none otherwise; a click asks for it.
#[derive(Clone, Copy)]
pub struct SortHeader {
    pub order: Signal<Option<&'static str>>,
    pub on_sort: Callback<()>,
}

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
    /// Which headers sort the table, by position: a button each, with `aria-sort` on the one
    /// the table is sorted by.
    #[prop(optional)]
    sorts: Vec<Option<SortHeader>>,
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
                            .enumerate()
                            .map(|(i, h)| match sorts.get(i).copied().flatten() {
                                None => view! {
                                    <th scope="col" class="gu-table__header">
                                        {move || h.get()}
                                    </th>
                                }
                                .into_any(),
                                Some(sort) => view! {
                                    <th scope="col" class="gu-table__header" aria-sort=move || sort.order.get()>
                                        <button
                                            type="button"
                                            class="gu-table__sort"
                                            on:click=move |_| sort.on_sort.run(())
                                        >
                                            {move || h.get()}
                                            <span class="gu-table__sort-mark" aria-hidden="true">
                                                {move || match sort.order.get() {
                                                    Some("ascending") => "▲",
                                                    Some(_) => "▼",
                                                    None => "↕",
                                                }}
                                            </span>
                                        </button>
                                    </th>
                                }
                                .into_any(),
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
