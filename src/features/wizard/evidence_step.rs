use std::sync::Arc;

use guichet_domain::tickets::{IMAGE_ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::model::{DraftFile, Step};
use super::state::WizardState;
use super::{drafts, file_store};
use super::{FileRow, ScreenshotEditor, StepNav, TextFilePicker};
use crate::i18n::{t, tr};
use crate::state::announcer::use_announcer;

/// Largest screenshot accepted before re-encoding: phone screenshots are large; the result must
/// still fit the upload limit.
const ORIGINAL_IMAGE_MAX_BYTES: usize = 4 * IMAGE_ATTACHMENT_MAX_BYTES;

/// A screenshot being edited: its name, type and original bytes (which never leave the page).
#[derive(Clone)]
struct Editing {
    name: String,
    media_type: String,
    original: Arc<[u8]>,
}

/// Step 3: text files (logs, request and response dumps), redacted as soon as they are read
/// (`TextFilePicker`), and screenshots, with regions covered and re-encoded before they are
/// kept. The limits are shown before the user picks anything.
#[component]
pub fn EvidenceStep(state: WizardState) -> impl IntoView {
    let announcer = use_announcer();
    // Files being read and cleaned, with how much is done (0 to 1).
    let reading = RwSignal::new(Vec::<(String, f64)>::new());
    let refused = RwSignal::new(Vec::<String>::new());
    let files = Memo::new(move |_| state.draft.with(|d| d.files.clone()));
    let editing = RwSignal::new(None::<Editing>);
    let used = move || {
        state.draft.with_untracked(|d| d.files.len())
            + state.screenshots.with_untracked(Vec::len)
            + reading.with_untracked(Vec::len)
    };
    // Kept in IndexedDB under a key given now, so that the draft's small copy in
    // `localStorage` never holds the text, even before IndexedDB has answered.
    let on_read = Callback::new(move |file: DraftFile| {
        let key = uuid::Uuid::new_v4().to_string();
        let text = file.text.clone();
        state.update(|d| {
            d.files.push(DraftFile {
                stored: Some(key.clone()),
                ..file
            })
        });
        spawn_local(async move {
            if !file_store::put(&key, &text).await && !state.draft.is_disposed() {
                // No IndexedDB here: the text goes with the draft, as far as the quota allows.
                state.update(|d| {
                    for f in d
                        .files
                        .iter_mut()
                        .filter(|f| f.stored.as_ref() == Some(&key))
                    {
                        f.stored = None;
                    }
                });
            }
        });
    });
    let pick_image = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        refused.set(Vec::new());
        let name = file.name();
        if used() >= MAX_ATTACHMENTS {
            refused.update(|r| r.push(tr("wizard.file_too_many", &[("name", &name)])));
            return;
        }
        if file.size() > ORIGINAL_IMAGE_MAX_BYTES as f64 {
            refused.update(|r| r.push(tr("wizard.file_too_large", &[("name", &name)])));
            return;
        }
        let media_type = file.type_();
        spawn_local(async move {
            let Some(buffer) = JsFuture::from(file.array_buffer()).await.ok() else {
                refused.update(|r| r.push(tr("wizard.file_unreadable", &[("name", &name)])));
                return;
            };
            let original: Arc<[u8]> = js_sys::Uint8Array::new(&buffer).to_vec().into();
            editing.set(Some(Editing {
                name,
                media_type,
                original,
            }));
        });
    };
    let shot_done = Callback::new(move |shot: super::state::Screenshot| {
        let name = shot.name.clone();
        state.screenshots.update(|s| s.push(shot));
        editing.set(None);
        if let Some(a) = announcer {
            a.announce(tr("wizard.shot.kept", &[("name", &name)]));
        }
    });
    let shot_cancel = Callback::new(move |()| editing.set(None));
    let next = Callback::new(move |()| {
        if reading.with_untracked(Vec::is_empty) && editing.with_untracked(Option::is_none) {
            state.update(|d| d.step = Step::Review);
        }
    });
    view! {
        <TextFilePicker
            id="gu-evidence-files"
            keep=state.keep
            used=Signal::derive(move || {
                state.draft.with(|d| d.files.len()) + state.screenshots.with(Vec::len)
            })
            reading
            refused
            on_read
        />
        <div class="gu-field">
            <label class="gu-field__label" for="gu-evidence-shots">{move || t("wizard.shots")}</label>
            <p class="gu-field__hint" id="gu-evidence-shots-hint">
                {move || tr("wizard.shots_limits", &[("size", &(IMAGE_ATTACHMENT_MAX_BYTES / (1024 * 1024)).to_string())])}
            </p>
            <input
                id="gu-evidence-shots"
                type="file"
                accept="image/png,image/jpeg"
                aria-describedby="gu-evidence-shots-hint"
                class="gu-field__input"
                disabled=move || editing.with(Option::is_some)
                on:change=pick_image
            />
        </div>
        {move || editing.get().map(|e| view! {
            <ScreenshotEditor
                name=e.name
                original=e.original
                media_type=e.media_type
                on_done=shot_done
                on_cancel=shot_cancel
            />
        })}
        <For each=move || refused.get() key=|m| m.clone() let:message>
            <p class="gu-field-error" role="alert">{message}</p>
        </For>
        <ul class="gu-files">
            <For each=move || files.get().into_iter().enumerate() key=|(i, f)| (*i, f.name.clone()) let:item>
                {
                    let (index, file) = item;
                    let found = file.found.to_string();
                    view! {
                        <FileRow
                            name=file.name
                            detail=Signal::derive(move || tr("wizard.file_found", &[("n", &found)]))
                            on_remove=Callback::new(move |_| state.update(|d| {
                                if index < d.files.len() {
                                    drafts::forget(d.files.remove(index).stored);
                                }
                            }))
                        />
                    }
                }
            </For>
            <For each=move || state.screenshots.get().into_iter().enumerate() key=|(i, s)| (*i, s.name.clone()) let:item>
                {
                    let (index, shot) = item;
                    let covered = shot.covered.to_string();
                    view! {
                        <FileRow
                            name=shot.name
                            detail=Signal::derive(move || tr("wizard.shot.covered", &[("n", &covered)]))
                            on_remove=Callback::new(move |_| state.screenshots.update(|s| {
                                if index < s.len() {
                                    s.remove(index);
                                }
                            }))
                        />
                    }
                }
            </For>
        </ul>
        <StepNav state on_next=next/>
    }
}
