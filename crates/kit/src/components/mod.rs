//! Reusable UI that never calls the API. One public component per file, documented props,
//! a `class` pass-through, BEM classes with the `gu-` prefix.

use std::cell::Cell;

pub mod button;
pub mod checkbox_group;
pub mod copy_button;
pub mod data_table;
pub mod error_panel;
pub mod error_view;
pub mod guarded;
pub mod live_region;
pub mod loaded;
pub mod local_day;
pub mod local_time;
pub mod modal_dialog;
pub mod money_amount;
pub mod not_allowed;
pub mod page_heading;
pub mod reading;
pub mod select_field;
pub mod spinner;
pub mod status_banner;
pub mod text_area;
pub mod text_field;
pub mod words;

pub use button::{Button, ButtonKind};
pub use checkbox_group::CheckboxGroup;
pub use copy_button::CopyButton;
pub use data_table::{DataTable, SortHeader};
pub use error_panel::ErrorPanel;
pub use error_view::ErrorView;
pub use guarded::Guarded;
pub use live_region::LiveRegion;
pub use loaded::Loaded;
pub use local_day::LocalDay;
pub use local_time::LocalTime;
pub use modal_dialog::ModalDialog;
pub use money_amount::MoneyAmount;
pub use not_allowed::NotAllowed;
pub use page_heading::PageHeading;
pub use reading::{Reading, ShowMore};
pub use select_field::SelectField;
pub use spinner::Spinner;
pub use status_banner::StatusBanner;
pub use text_area::TextArea;
pub use text_field::TextField;
pub use words::Words;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Moves focus to `el` once the browser has laid the page out: what a `Suspense` renders is not
/// in the document yet when its effects run, and focusing a detached element does nothing.
pub fn focus_after_layout(el: impl AsRef<web_sys::HtmlElement> + 'static) {
    leptos::prelude::request_animation_frame(move || {
        let _ = el.as_ref().focus();
    });
}

/// Runs `f` on the browser's next frame, once what was just drawn is laid out, unless whoever
/// asked (the component, or the effect's run) is gone by then: a page left before its frame
/// must not touch its signals, which were disposed with it (reading one would panic).
pub fn next_frame(f: impl FnOnce() + 'static) {
    use leptos::prelude::{IsDisposed, StoredValue};
    let asked = StoredValue::new(());
    leptos::prelude::request_animation_frame(move || {
        if !asked.is_disposed() {
            f();
        }
    });
}

/// A document-unique id such as `gu-field-7`, to link labels, hints and errors.
pub fn unique_id(prefix: &str) -> String {
    let n = NEXT_ID.with(|c| {
        let n = c.get() + 1;
        c.set(n);
        n
    });
    format!("gu-{prefix}-{n}")
}

/// Joins the component's own classes with the caller's.
pub fn classes(own: &str, extra: Option<String>) -> String {
    match extra.filter(|e| !e.trim().is_empty()) {
        Some(extra) => format!("{own} {extra}"),
        None => own.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_classes_join() {
        assert_ne!(unique_id("f"), unique_id("f"));
        assert_eq!(classes("gu-a", Some("x".into())), "gu-a x");
        assert_eq!(classes("gu-a", Some(" ".into())), "gu-a");
        assert_eq!(classes("gu-a", None), "gu-a");
    }
}
