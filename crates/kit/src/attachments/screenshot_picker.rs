//! A screenshot picked by the user, covered where it must not be seen and re-encoded
//! (`ScreenshotEditor`) before it is kept. The wizard's evidence step and a reply on the
//! ticket page share it.

use std::sync::Arc;

use guichet_domain::tickets::{IMAGE_ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use super::Screenshot;
use super::ScreenshotEditor;
use crate::i18n::{t, tr};
use crate::redactor;
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

/// The image input, its limit, and the editor of the picked image.
#[component]
pub fn ScreenshotPicker(
    /// The input's id.
    id: &'static str,
    /// Files already attached or being read, counted against the limit.
    #[prop(into)]
    used: Signal<usize>,
    /// Why a picked image was refused, one sentence each; the caller shows them.
    refused: RwSignal<Vec<String>>,
    /// An image is being covered; the caller waits for it.
    editing: RwSignal<bool>,
    /// Hears each screenshot once covered and re-encoded.
    on_done: Callback<Screenshot>,
    /// No picking (while a submission is under way).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let announcer = use_announcer();
    let current = RwSignal::new(None::<Editing>);
    let hint_id = format!("{id}-hint");
    let edit = move |e: Option<Editing>| {
        editing.set(e.is_some());
        current.set(e);
    };
    let pick = move |ev: leptos::ev::Event| {
        let Some(file) = super::take_picked(&ev).into_iter().next() else {
            return;
        };
        refused.set(Vec::new());
        let name = file.name();
        if used.get_untracked() >= MAX_ATTACHMENTS {
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
                refused.try_update(|r| r.push(tr("wizard.file_unreadable", &[("name", &name)])));
                return;
            };
            if current.is_disposed() {
                return;
            }
            let original: Arc<[u8]> = js_sys::Uint8Array::new(&buffer).to_vec().into();
            // The name is kept and sent: cleaned as a text would be.
            let Some(name) = redactor::redact_file_name(&name).await else {
                refused.try_update(|r| r.push(tr("wizard.file_not_cleaned", &[("name", &name)])));
                return;
            };
            edit(Some(Editing {
                name: name.text,
                media_type,
                original,
            }));
        });
    };
    let done = Callback::new(move |shot: Screenshot| {
        let name = shot.name.clone();
        on_done.run(shot);
        edit(None);
        if let Some(a) = announcer {
            a.announce(tr("wizard.shot.kept", &[("name", &name)]));
        }
    });
    let cancel = Callback::new(move |()| edit(None));
    view! {
        <div class="gu-field">
            <label class="gu-field__label" for=id>{move || t("wizard.shots")}</label>
            <p class="gu-field__hint" id=hint_id.clone()>
                {move || tr("wizard.shots_limits", &[("size", &(IMAGE_ATTACHMENT_MAX_BYTES / (1024 * 1024)).to_string())])}
            </p>
            <input
                id=id
                type="file"
                accept="image/png,image/jpeg"
                aria-describedby=hint_id
                class="gu-field__input"
                disabled=move || editing.get() || disabled.get()
                on:change=pick
            />
        </div>
        {move || current.get().map(|e| view! {
            <ScreenshotEditor
                name=e.name
                original=e.original
                media_type=e.media_type
                on_done=done
                on_cancel=cancel
            />
        })}
    }
}
