use std::sync::Arc;

use guichet_domain::tickets::{
    IMAGE_ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS, TEXT_ATTACHMENT_MAX_BYTES,
};
use guichet_redact::{Redaction, Stream};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::model::{DraftFile, Keep, Step};
use super::state::WizardState;
use super::{drafts, file_store};
use super::{ScreenshotEditor, StepNav};
use crate::components::{Button, ButtonKind, Spinner};
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

/// Step 3: text files (logs, request and response dumps), redacted as soon as they are read,
/// and screenshots, with regions covered and re-encoded before they are kept. The limits are
/// shown before the user picks anything.
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
    let limits = move || {
        tr(
            "wizard.files_limits",
            &[
                ("count", &MAX_ATTACHMENTS.to_string()),
                (
                    "size",
                    &(TEXT_ATTACHMENT_MAX_BYTES / (1024 * 1024)).to_string(),
                ),
            ],
        )
    };
    let pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        refused.set(Vec::new());
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        for file in picked {
            let name = file.name();
            let room = MAX_ATTACHMENTS.saturating_sub(
                state.draft.with_untracked(|d| d.files.len()) + reading.with_untracked(Vec::len),
            );
            if room == 0 {
                refused.update(|r| r.push(tr("wizard.file_too_many", &[("name", &name)])));
                continue;
            }
            if file.size() > TEXT_ATTACHMENT_MAX_BYTES as f64 {
                refused.update(|r| r.push(tr("wizard.file_too_large", &[("name", &name)])));
                continue;
            }
            reading.update(|r| r.push((name.clone(), 0.0)));
            spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let Some(text) = text else {
                    reading.update(|r| r.retain(|(n, _)| n != &name));
                    refused.update(|r| r.push(tr("wizard.file_unreadable", &[("name", &name)])));
                    return;
                };
                let keep = state.keep.get_untracked();
                let redacted = redact_in_pieces(&text, &keep, |done| {
                    reading.update(|r| {
                        if let Some(entry) = r.iter_mut().find(|(n, _)| n == &name) {
                            entry.1 = done;
                        }
                    })
                })
                .await;
                drop(text);
                let key = uuid::Uuid::new_v4().to_string();
                let stored = file_store::put(&key, &redacted.text).await.then_some(key);
                reading.update(|r| r.retain(|(n, _)| n != &name));
                let found = redacted.findings.len();
                state.update(|d| {
                    d.files.push(DraftFile {
                        name: name.clone(),
                        size: file.size() as u64,
                        text: redacted.text,
                        found,
                        uploaded_id: None,
                        stored,
                    })
                });
                if let Some(a) = announcer {
                    a.announce(tr(
                        "wizard.file_read",
                        &[("name", &name), ("n", &found.to_string())],
                    ));
                }
            });
        }
    };
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
        <div class="gu-field">
            <label class="gu-field__label" for="gu-evidence-files">{move || t("wizard.files")}</label>
            <p class="gu-field__hint" id="gu-evidence-hint">{limits}</p>
            <input
                id="gu-evidence-files"
                type="file"
                multiple=true
                accept=".log,.txt,.json,.har,.csv,.xml,.yaml,.yml,.env,text/plain"
                aria-describedby="gu-evidence-hint"
                class="gu-field__input"
                on:change=pick
            />
        </div>
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
        <For each=move || reading.get() key=|(n, _)| n.clone() let:entry>
            {
                let name = entry.0;
                let label = tr("wizard.file_reading", &[("name", &name)]);
                let done = move || {
                    reading.with(|r| r.iter().find(|(n, _)| n == &name).map_or(0.0, |e| e.1))
                };
                view! {
                    <p class="gu-wizard__reading" role="status">
                        <Spinner/>
                        {label.clone()}
                    </p>
                    <progress class="gu-wizard__reading-progress" max="1" value=done aria-label=label></progress>
                }
            }
        </For>
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

/// One attached file: its name, what was done to it, and a button to remove it.
#[component]
fn FileRow(
    name: String,
    #[prop(into)] detail: Signal<String>,
    on_remove: Callback<leptos::ev::MouseEvent>,
) -> impl IntoView {
    let remove_label = tr("wizard.file_remove", &[("name", &name)]);
    view! {
        <li class="gu-files__item">
            <span class="gu-files__name">{name}</span>
            <span class="gu-files__found">{move || detail.get()}</span>
            <Button kind=ButtonKind::Quiet on_click=on_remove aria_label=remove_label>
                {move || t("wizard.file_remove_short")}
            </Button>
        </li>
    }
}

/// Text read per step: small enough that a step never holds the page for long (a few
/// milliseconds in the browser), large enough that a 10 MiB log takes forty steps.
const PIECE: usize = 256 * 1024;

/// Redacts a whole attachment in pieces, giving the page back between them so that typing,
/// scrolling and the progress bar stay alive; `progress` hears the share done after each piece.
async fn redact_in_pieces(text: &str, keep: &Keep, progress: impl Fn(f64)) -> Redaction {
    let mut stream = Stream::new(keep.policy());
    let mut out = Redaction {
        text: String::with_capacity(text.len()),
        findings: Vec::new(),
    };
    let mut add = |piece: Redaction| {
        out.text.push_str(&piece.text);
        out.findings.extend(piece.findings);
    };
    let mut at = 0;
    while at < text.len() {
        let mut end = (at + PIECE).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        add(stream.push(&text[at..end]));
        at = end;
        progress(at as f64 / text.len() as f64);
        next_task().await;
    }
    add(stream.finish());
    out
}

/// Resolves on the browser's next task, after pending input and rendering.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}
