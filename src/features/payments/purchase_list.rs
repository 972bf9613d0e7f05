use guichet_domain::payments::{PurchaseFilter, PurchaseSummary};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::model::{
    around_focus, count, keeping_focus, next_drawn, step_toward, visible_rows, wants_more,
};
use super::purchase_row::PurchaseRow;
use crate::api::{self, ApiError};
use crate::components::{Button, DataTable, ErrorPanel, Loaded, Words};
use crate::i18n::{text, trn};

/// Rows drawn beyond each edge of the viewport, so that a quick scroll or a Tab finds them.
const OVERSCAN: usize = 12;
/// A row's height until one is measured (the stylesheet fixes it).
const ROW_GUESS: f64 = 48.0;

/// What was read of the list so far, across pages.
#[derive(Clone, Copy)]
struct Read {
    items: RwSignal<Vec<PurchaseSummary>>,
    next: RwSignal<Option<String>>,
    total: RwSignal<u64>,
    /// Counts the filters' changes: a page read for an earlier view is dropped.
    view: StoredValue<u32>,
    reading: RwSignal<bool>,
    failure: RwSignal<Option<ApiError>>,
}

impl Read {
    /// Reads the page after the last one, unless one is being read or none is left.
    fn more(self, filter: PurchaseFilter) {
        let Some(cursor) = self.next.get_untracked() else {
            return;
        };
        if self.reading.get_untracked() {
            return;
        }
        let view = self.view.get_value();
        self.reading.set(true);
        self.failure.set(None);
        spawn_local(async move {
            let page = api::payments::purchases(&filter, Some(&cursor)).await;
            if self.view.try_get_value() != Some(view) {
                return;
            }
            match page {
                Ok(page) => {
                    self.items.try_update(|items| items.extend(page.items));
                    self.next.try_set(page.next_cursor);
                }
                Err(error) => {
                    self.failure.try_set(Some(error));
                }
            }
            self.reading.try_set(false);
        });
    }
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
    let read = Read {
        items: RwSignal::new(Vec::new()),
        next: RwSignal::new(None),
        total: RwSignal::new(0),
        view: StoredValue::new(0),
        reading: RwSignal::new(false),
        failure: RwSignal::new(None),
    };
    let first = LocalResource::new(move || {
        let filter = filter.get();
        read.view.update_value(|v| *v += 1);
        let view = read.view.get_value();
        async move {
            let page = api::payments::purchases(&filter, None).await?;
            if read.view.try_get_value() == Some(view) {
                read.items.try_set(page.items);
                read.next.try_set(page.next_cursor);
                read.total.try_set(page.total);
                read.reading.try_set(false);
                read.failure.try_set(None);
            }
            Ok(())
        }
    });
    view! {
        <Loaded resource=first let:_read>
            <p class="gu-page__summary" role="status">
                {move || trn("purchases.count", count(read.total.get()), &[])}
            </p>
            {
                let zone = time_zone.clone();
                // Only a change between none and some draws the table anew: rows read on are
                // added to the table in place, which keeps the focus and the scroll where they are.
                let empty = Memo::new(move |_| read.items.with(Vec::is_empty));
                move || {
                    if empty.get() {
                        view! { <p class="gu-empty"><Words text=text("purchases.empty")/></p> }.into_any()
                    } else {
                        view! { <WindowedTable read filter time_zone=zone.clone()/> }.into_any()
                    }
                }
            }
            <Show when=move || read.next.with(Option::is_some)>
                {move || read.failure.get().map(|error| view! { <ErrorPanel error/> })}
                <div class="gu-actions gu-actions--center">
                    <Button on_click=move |_| read.more(filter.get_untracked()) busy=read.reading>
                        <Words text=text("purchases.show_more")/>
                    </Button>
                </div>
            </Show>
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
fn WindowedTable(read: Read, filter: Memo<PurchaseFilter>, time_zone: String) -> impl IntoView {
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
        if wants_more(&rows, len, read.next.with_untracked(Option::is_some)) {
            read.more(filter.get_untracked());
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
        request_animation_frame(measure);
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
