use guichet_domain::payments::{PurchaseFilter, PurchaseSummary};
use leptos::html;
use leptos::prelude::*;

use super::model::{
    around_focus, count, keeping_focus, next_drawn, step_toward, visible_rows, wants_more,
};
use super::purchase_row::PurchaseRow;
use crate::api;
use crate::components::{next_frame, DataTable, Loaded, Reading, ShowMore, Words};
use crate::i18n::{text, trn};

/// Rows drawn beyond each edge of the viewport, so that a quick scroll or a Tab finds them.
const OVERSCAN: usize = 12;
/// A row's height until one is measured (the stylesheet fixes it).
const ROW_GUESS: f64 = 48.0;

/// Reads the page after the last one read.
fn read_on(read: Reading<PurchaseSummary>, filter: PurchaseFilter) {
    read.more(move |cursor| async move {
        let page = api::payments::purchases(&filter, Some(&cursor)).await?;
        Ok((page.items, page.next_cursor))
    });
}

/// The purchases of a view, read a page (100) at a time from the server's cursor as the user
/// scrolls near the end of what was read, or presses « Show more ». However many were read,
/// only the rows near the viewport are in the page: spacers of the height of the others keep
/// the scroll bar true, so ten thousand rows cost the page no more than forty.
#[component]
pub fn PurchaseList(
    /// The view, from the page's address.
    filter: Memo<PurchaseFilter>,
    /// The organisation's zone.
    time_zone: String,
) -> impl IntoView {
    let first = LocalResource::new(move || {
        let filter = filter.get();
        async move { api::payments::purchases(&filter, None).await }
    });
    view! {
        <Loaded resource=first let:page>
            {
                let total = page.total;
                // Rows read on are added to the table in place, which keeps the focus and the
                // scroll where they are.
                let read = Reading::new(page.items, page.next_cursor);
                let rows = if read.items.with_untracked(Vec::is_empty) {
                    view! { <p class="gu-empty"><Words text=text("purchases.empty")/></p> }.into_any()
                } else {
                    view! { <WindowedTable read filter time_zone=time_zone.clone()/> }.into_any()
                };
                view! {
                    <p class="gu-page__summary" role="status">
                        {move || trn("purchases.count", count(total), &[])}
                    </p>
                    {rows}
                    <ShowMore reading=read label=text("purchases.show_more")
                        on_more=move || read_on(read, filter.get_untracked())/>
                }
            }
        </Loaded>
    }
}

/// The place in the list of the row whose link has focus, if one has.
fn focused_row() -> Option<usize> {
    let row = document()
        .active_element()?
        .closest("tr.gu-purchase-row")
        .ok()??;
    let index: usize = row.get_attribute("aria-rowindex")?.parse().ok()?;
    index.checked_sub(2)
}

/// The table, drawing only the rows near the viewport. Its position is measured when the
/// window scrolls or resizes and when rows arrive; the next page is asked for when the rows
/// drawn come near the end of those read.
#[component]
fn WindowedTable(
    read: Reading<PurchaseSummary>,
    filter: Memo<PurchaseFilter>,
    time_zone: String,
) -> impl IntoView {
    let top = NodeRef::<html::Tr>::new();
    let row = RwSignal::new(ROW_GUESS);
    let drawn = RwSignal::new(0..0usize);
    let again = RwSignal::new(0u32);
    let measure = move || {
        let Some(top) = top.get_untracked() else {
            return;
        };
        if let Some(first) = top.next_element_sibling() {
            let h = first.get_bounding_client_rect().height();
            if h > 0.0
                && first.class_name().contains("gu-purchase-row")
                && (h - row.get_untracked()).abs() > 0.5
            {
                row.set(h);
            }
        }
        let viewport = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0);
        let len = read.items.with_untracked(Vec::len);
        let scrolled = -top.get_bounding_client_rect().top();
        let row_height = row.get_untracked();
        let seen = visible_rows(scrolled, viewport, row_height, len, 0);
        let fresh = visible_rows(scrolled, viewport, row_height, len, OVERSCAN);
        // The focused row's neighbours count as seen: Tab and Shift+Tab need them drawn even
        // where the browser does not scroll.
        let around = around_focus(focused_row(), len);
        let seen = keeping_focus(seen, around.clone());
        let now = drawn.get_untracked();
        let target = keeping_focus(next_drawn(&now, &seen, fresh, len), around.clone());
        let rows = step_toward(&now, &target, around.is_some());
        if rows != now {
            drawn.set(rows.clone());
        }
        if rows != target {
            // The rest on the next frame, once this step is in the page.
            again.update(|n| *n += 1);
        }
        if wants_more(&rows, len, read.has_more_untracked()) {
            read_on(read, filter.get_untracked());
        }
    };
    let scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    let focus = window_event_listener(leptos::ev::focusin, move |_| measure());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
        focus.remove();
    });
    // Rows arrived (or the view changed): measure once the browser has laid them out.
    Effect::new(move |_| {
        read.items.with(|_| ());
        again.track();
        next_frame(measure);
    });
    let rows = move || {
        let range = drawn.get();
        read.items.with(|items| {
            let end = range.end.min(items.len());
            let start = range.start.min(end);
            (start..end)
                .map(|i| (i, items[i].clone()))
                .collect::<Vec<_>>()
        })
    };
    let height = |n: usize, row: f64| format!("{}px", n as f64 * row);
    view! {
        <DataTable
            caption=text("purchases.caption")
            headers=vec![
                text("purchases.column.status"),
                text("purchases.column.date"),
                text("purchases.column.amount"),
                text("purchases.column.reference"),
                text("purchases.column.method"),
                text("purchases.column.customer"),
            ]
            class="gu-purchase-table"
        >
            <tr node_ref=top class="gu-purchase-table__spacer" aria-hidden="true" style:height=move || height(drawn.get().start, row.get())>
                <td colspan="6"></td>
            </tr>
            <For each=rows key=|(_, p)| p.id.clone() let((index, purchase))>
                <PurchaseRow purchase index time_zone=time_zone.clone()/>
            </For>
            <tr
                class="gu-purchase-table__spacer"
                aria-hidden="true"
                style:height=move || height(read.items.with(Vec::len).saturating_sub(drawn.get().end), row.get())
            >
                <td colspan="6"></td>
            </tr>
        </DataTable>
    }
}
