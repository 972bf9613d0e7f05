use leptos::prelude::*;

use crate::components::{Button, ButtonKind};
use crate::i18n::{t, tr};

/// One attached file: its name, what was done to it, and a button to remove it.
#[component]
pub fn FileRow(
    /// The file's name.
    name: String,
    /// What was done to it ("3 secret(s) removed").
    #[prop(into)]
    detail: Signal<String>,
    /// Removes it.
    on_remove: Callback<leptos::ev::MouseEvent>,
    /// No removing (while a submission is under way).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let remove_label = tr("wizard.file_remove", &[("name", &name)]);
    view! {
        <li class="gu-files__item">
            <span class="gu-files__name">{name}</span>
            <span class="gu-files__found">{move || detail.get()}</span>
            <Button kind=ButtonKind::Quiet on_click=on_remove aria_label=remove_label disabled>
                {move || t("wizard.file_remove_short")}
            </Button>
        </li>
    }
}
