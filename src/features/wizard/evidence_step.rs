use leptos::prelude::*;
use leptos::task::spawn_local;

use super::model::Step;
use super::state::WizardState;
use super::StepNav;
use super::{drafts, file_store};
use crate::attachments::{AttachedFiles, DraftFile, Screenshot, ScreenshotPicker, TextFilePicker};

/// Step 3: text files (logs, request and response dumps), redacted as soon as they are read
/// (`TextFilePicker`), and screenshots, with regions covered and re-encoded before they are
/// kept. The limits are shown before the user picks anything.
#[component]
pub fn EvidenceStep(state: WizardState) -> impl IntoView {
    // Files being read and cleaned, with how much is done (0 to 1).
    let reading = RwSignal::new(Vec::<(String, f64)>::new());
    let refused = RwSignal::new(Vec::<String>::new());
    let files = Memo::new(move |_| state.draft.with(|d| d.files.clone()));
    let editing = RwSignal::new(false);
    let used = move || {
        state.draft.with(|d| d.files.len())
            + state.screenshots.with(Vec::len)
            + reading.with(Vec::len)
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
    let shot_done = Callback::new(move |shot: Screenshot| {
        state.screenshots.update(|s| s.push(shot));
    });
    // A click on Next while files are still being cleaned is kept, not lost: the step moves on
    // as soon as they are done (their progress shows meanwhile).
    let asked_next = RwSignal::new(false);
    Effect::new(move || {
        if asked_next.get() && reading.with(Vec::is_empty) {
            asked_next.set(false);
            state.update(|d| d.step = Step::Review);
        }
    });
    let next = Callback::new(move |()| {
        if !editing.get_untracked() {
            asked_next.set(true);
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
        <ScreenshotPicker
            id="gu-evidence-shots"
            used=Signal::derive(used)
            refused
            editing
            on_done=shot_done
        />
        <For each=move || refused.get() key=|m| m.clone() let:message>
            <p class="gu-field-error" role="alert">{message}</p>
        </For>
        <AttachedFiles
            files
            shots=state.screenshots
            on_remove_file=Callback::new(move |index| state.update(|d| {
                if index < d.files.len() {
                    drafts::forget(d.files.remove(index).stored);
                }
            }))
            on_remove_shot=Callback::new(move |index| state.screenshots.update(|s| {
                if index < s.len() {
                    s.remove(index);
                }
            }))
        />
        <StepNav state on_next=next/>
    }
}
