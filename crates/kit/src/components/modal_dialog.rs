use leptos::html;
use leptos::prelude::*;

/// A modal `<dialog>`, open while it is mounted: the browser keeps focus inside it and hands it
/// back to what had it when it closes; Escape asks `on_close`, as the caller's own buttons do.
#[component]
pub fn ModalDialog(
    /// What the dialog is, for assistive tech.
    #[prop(into)]
    label: TextProp,
    /// Asked to close it (Escape, or the caller's cancel): the caller unmounts it.
    on_close: Callback<()>,
    /// The content.
    children: Children,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    });
    // Closed before it leaves the page, so that the browser restores focus where it was.
    on_cleanup(move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    });
    view! {
        <dialog
            class=move || super::classes("gu-dialog", class.get())
            node_ref=dialog
            aria-label=move || label.get()
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_close.run(());
            }
        >
            {children()}
        </dialog>
    }
}
