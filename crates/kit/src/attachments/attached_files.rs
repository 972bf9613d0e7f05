use leptos::prelude::*;

use super::DraftFile;
use super::Screenshot;
use crate::components::{Button, ButtonKind};
use crate::i18n::{t, tr, trn};

/// The files and screenshots attached so far, each with what was done to it and a button to
/// remove it. The wizard's evidence step and a reply share it.
#[component]
pub fn AttachedFiles(
    /// The text files, redacted.
    #[prop(into)]
    files: Signal<Vec<DraftFile>>,
    /// The screenshots, covered and re-encoded.
    #[prop(into)]
    shots: Signal<Vec<Screenshot>>,
    /// Removes the file at this index.
    on_remove_file: Callback<usize>,
    /// Removes the screenshot at this index.
    on_remove_shot: Callback<usize>,
    /// No removing (while a submission is under way).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <Show when=move || files.with(|f| !f.is_empty()) || shots.with(|s| !s.is_empty())>
            <ul class="gu-items">
                <For each=move || files.get().into_iter().enumerate() key=|(i, f)| (*i, f.name.clone()) let:item>
                    {
                        let (index, file) = item;
                        let found = file.found;
                        view! {
                            <FileRow
                                name=file.name
                                detail=Signal::derive(move || trn("wizard.file_found", found, &[]))
                                on_remove=Callback::new(move |_| on_remove_file.run(index))
                                disabled
                            />
                        }
                    }
                </For>
                <For each=move || shots.get().into_iter().enumerate() key=|(i, s)| (*i, s.name.clone()) let:item>
                    {
                        let (index, shot) = item;
                        let covered = shot.covered;
                        view! {
                            <FileRow
                                name=shot.name
                                detail=Signal::derive(move || trn("wizard.shot.covered", covered, &[]))
                                on_remove=Callback::new(move |_| on_remove_shot.run(index))
                                disabled
                            />
                        }
                    }
                </For>
            </ul>
        </Show>
    }
}

/// One attached file: its name, what was done to it, and a button to remove it.
#[component]
fn FileRow(
    name: String,
    #[prop(into)] detail: Signal<String>,
    on_remove: Callback<leptos::ev::MouseEvent>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let remove_label = tr("wizard.file_remove", &[("name", &name)]);
    view! {
        <li class="gu-items__item">
            <span class="gu-items__name">{name}</span>
            <span class="gu-items__meta">{move || detail.get()}</span>
            <Button kind=ButtonKind::Quiet on_click=on_remove aria_label=remove_label disabled>
                {move || t("wizard.file_remove_short")}
            </Button>
        </li>
    }
}
