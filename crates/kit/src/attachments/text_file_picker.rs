//! Text files (logs, request and response dumps) picked by the user, each read and redacted in
//! the browser as soon as it is picked, by the engine's worker, with a progress bar. The wizard's evidence step and a reply on the ticket page share it.

use guichet_domain::tickets::{MAX_ATTACHMENTS, TEXT_ATTACHMENT_MAX_BYTES};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{DraftFile, Keep};
use crate::components::Spinner;
use crate::i18n::{t, tr, trn};
use crate::redactor::{self, FileProblem};
use crate::state::announcer::use_announcer;

/// The file input, its limits, and a progress bar per file being read; each file is handed
/// over once redacted, never before.
#[component]
pub fn TextFilePicker(
    /// The input's id.
    id: &'static str,
    /// What the user chose to keep (phone numbers, values judged harmless).
    #[prop(into)]
    keep: Signal<Keep>,
    /// Files already attached, counted against the limit.
    #[prop(into)]
    used: Signal<usize>,
    /// Files being read and cleaned, with the share done (0 to 1); the caller's, so that it can
    /// wait for them.
    reading: RwSignal<Vec<(String, f64)>>,
    /// Why picked files were refused, one sentence each; the caller shows them.
    refused: RwSignal<Vec<String>>,
    /// Hears each file once redacted.
    on_read: Callback<DraftFile>,
    /// No picking (while a submission is under way).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let announcer = use_announcer();
    let hint_id = format!("{id}-hint");
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
        let picked = super::take_picked(&ev);
        refused.set(Vec::new());
        for file in picked {
            let name = file.name();
            let room = MAX_ATTACHMENTS
                .saturating_sub(used.get_untracked() + reading.with_untracked(Vec::len));
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
                let keep = keep.try_get_untracked().unwrap_or_default();
                let shown = name.clone();
                let redacted = redactor::redact_file(&file, &keep.policy(), move |done| {
                    reading.try_update(|r| {
                        if let Some(entry) = r.iter_mut().find(|(n, _)| n == &shown) {
                            entry.1 = done;
                        }
                    });
                })
                .await;
                // People name files after what they hold (`sprod_….log`): the name is cleaned
                // like the text before it is kept or sent.
                let kept_name = redactor::redact_file_name(&name).await;
                // The form may be gone (the user left the page meanwhile).
                if reading.is_disposed() {
                    return;
                }
                reading.update(|r| r.retain(|(n, _)| n != &name));
                let cleaned =
                    redacted.and_then(|text| Ok((text, kept_name.ok_or(FileProblem::NoEngine)?)));
                let (redacted, kept_name) = match cleaned {
                    Ok(both) => both,
                    Err(problem) => {
                        let why = match problem {
                            FileProblem::Unreadable => "wizard.file_unreadable",
                            FileProblem::NoEngine => "wizard.file_not_cleaned",
                        };
                        refused.update(|r| r.push(tr(why, &[("name", &name)])));
                        return;
                    }
                };
                let found = redacted.found;
                on_read.run(DraftFile {
                    name: kept_name.text,
                    size: file.size() as u64,
                    text: redacted.text,
                    found,
                    uploaded_id: None,
                    stored: None,
                });
                if let Some(a) = announcer {
                    a.announce(trn("wizard.file_read", found, &[("name", &name)]));
                }
            });
        }
    };
    view! {
        <div class="gu-field">
            <label class="gu-field__label" for=id>{move || t("wizard.files")}</label>
            <p class="gu-field__hint" id=hint_id.clone()>{limits}</p>
            <input
                id=id
                type="file"
                multiple=true
                accept=".log,.txt,.json,.har,.csv,.xml,.yaml,.yml,.env,text/plain"
                aria-describedby=hint_id
                class="gu-field__input"
                disabled=move || disabled.get()
                on:change=pick
            />
        </div>
        <For each=move || reading.get() key=|(n, _)| n.clone() let:entry>
            {
                let name = entry.0;
                let label = tr("wizard.file_reading", &[("name", &name)]);
                let done = move || {
                    reading.with(|r| r.iter().find(|(n, _)| n == &name).map_or(0.0, |e| e.1))
                };
                view! {
                    <p class="gu-reading" role="status">
                        <Spinner/>
                        {label.clone()}
                    </p>
                    <progress class="gu-reading-progress" max="1" value=done aria-label=label></progress>
                }
            }
        </For>
    }
}
