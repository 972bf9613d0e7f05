//! The wizard's live state: what the user typed (in memory only), what they chose to keep,
//! and the draft derived from both (redacted, saved soon after every change).

use std::collections::BTreeMap;
use std::time::Duration;

use guichet_domain::tickets::Field;
use guichet_domain::{FieldErrors, UserId};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::drafts::{self, SaveError};
use super::file_store;
use super::model::{check_details, explain_secrets, is_redacted, Draft};
use crate::attachments::{Keep, Screenshot, Upload};
use crate::redactor::{self, Cleaned};

/// How long a change waits before it is saved: while typing, a draft is parsed and written
/// at most this often, instead of on every keystroke.
const SAVE_DELAY: Duration = Duration::from_millis(400);

#[derive(Clone, Copy)]
pub struct WizardState {
    /// What is stored and sent: redacted text only.
    pub draft: RwSignal<Draft>,
    /// One signal per field, holding what the user typed. Never stored, never sent.
    typed: StoredValue<BTreeMap<Field, RwSignal<String>>>,
    /// What the engine made of what is typed in each field it cleans (`None` until it
    /// answers): the note under the field and the review read its findings.
    cleaned: StoredValue<BTreeMap<Field, RwSignal<Option<Cleaned>>>>,
    /// Redactions asked of the engine and not answered yet: nothing is checked or sent before
    /// they are.
    pub redacting: RwSignal<usize>,
    /// The engine could not be had: the draft keeps what it had, and nothing is sent.
    pub engine_missing: RwSignal<bool>,
    pub keep: RwSignal<Keep>,
    pub screenshots: RwSignal<Vec<Screenshot>>,
    pub upload: RwSignal<Option<Upload>>,
    pub errors: RwSignal<FieldErrors>,
    /// The outcome of the last save, shown if the browser refused it.
    pub saved: RwSignal<Result<(), SaveError>>,
    /// Files of a resumed draft whose text this browser no longer has (storage cleared).
    pub lost: RwSignal<Vec<String>>,
    /// The texts of a resumed draft's files are being read back: until then they are empty
    /// and must be neither shown as they are nor sent.
    pub restoring: RwSignal<bool>,
    user_id: StoredValue<UserId>,
    /// The save waiting for `SAVE_DELAY`, if any.
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl WizardState {
    pub fn new(draft: Draft, user_id: UserId) -> Self {
        // A resumed draft holds redacted text: redacting it again finds nothing new.
        let typed = Field::ALL
            .into_iter()
            .map(|f| (f, RwSignal::new(draft.value(f).to_owned())))
            .collect();
        let cleaned = Field::ALL
            .into_iter()
            .map(|f| (f, RwSignal::new(None)))
            .collect();
        let state = Self {
            draft: RwSignal::new(draft),
            typed: StoredValue::new(typed),
            cleaned: StoredValue::new(cleaned),
            redacting: RwSignal::new(0),
            engine_missing: RwSignal::new(false),
            keep: RwSignal::new(Keep::default()),
            screenshots: RwSignal::new(Vec::new()),
            upload: RwSignal::new(None),
            errors: RwSignal::new(FieldErrors::new()),
            saved: RwSignal::new(Ok(())),
            lost: RwSignal::new(Vec::new()),
            restoring: RwSignal::new(false),
            user_id: StoredValue::new(user_id),
            pending: StoredValue::new(None),
        };
        state.restore_files();
        // A reload, a closed tab or a switch to another app must not lose the last changes.
        let hide = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
        let hidden = window_event_listener_untyped("visibilitychange", move |_| state.flush());
        on_cleanup(move || {
            hide.remove();
            hidden.remove();
            state.flush();
        });
        // Every keystroke and every "keep" choice asks the engine again for that field; what
        // it answers is what the draft keeps.
        for field in Field::ALL {
            Effect::new(move |_| {
                let typed = state.typed(field).get();
                if !is_redacted(field) {
                    state.keep_field(field, typed);
                    return;
                }
                let keep = state.keep.get();
                state.redacting.update(|n| *n += 1);
                spawn_local(async move {
                    let cleaned = redactor::redact(&typed, &keep.policy()).await;
                    if state.draft.is_disposed() {
                        return;
                    }
                    state.redacting.update(|n| *n = n.saturating_sub(1));
                    // A later keystroke or choice has its own answer coming: only the latest
                    // counts.
                    if state.typed(field).get_untracked() != typed
                        || state.keep.get_untracked() != keep
                    {
                        return;
                    }
                    state.engine_missing.set(cleaned.is_none());
                    if let Some(cleaned) = cleaned {
                        state.keep_field(field, cleaned.text.clone());
                        state.cleaned(field).set(Some(cleaned));
                    }
                });
            });
        }
        state
    }

    /// What the engine made of `field`, once it answered.
    pub fn cleaned(&self, field: Field) -> RwSignal<Option<Cleaned>> {
        self.cleaned
            .with_value(|c| c.get(&field).copied())
            .expect("a signal per field")
    }

    /// Puts a field's value, as it may be kept and sent, into the draft.
    fn keep_field(self, field: Field, value: String) {
        if self.draft.with_untracked(|d| d.value(field) == value) {
            return;
        }
        self.update(|d| {
            if value.is_empty() {
                d.fields.remove(&field);
            } else {
                d.fields.insert(field, value);
            }
        });
    }

    /// Resolves once the engine has answered for everything typed so far.
    pub async fn settled(self) {
        while self.redacting.try_get_untracked().unwrap_or(0) > 0 {
            crate::redactor::pause().await;
        }
    }

    /// The signal of what the user typed in `field`.
    pub fn typed(&self, field: Field) -> RwSignal<String> {
        self.typed
            .with_value(|t| t.get(&field).copied())
            .expect("a signal per field")
    }

    /// Fills fields as if the user had typed them (a link's values, `prefill.rs`): the engine
    /// cleans them and the checks judge them like anything typed. A field that holds something
    /// keeps it.
    pub fn fill(&self, values: impl IntoIterator<Item = (Field, String)>) {
        for (field, value) in values {
            let typed = self.typed(field);
            if typed.with_untracked(String::is_empty) {
                typed.set(value);
            }
        }
    }

    /// The details as the server will check them; a field that held a secret says so.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let draft = self.draft.get_untracked();
        check_details(&draft, chrono::Utc::now()).map_err(|mut errors| {
            explain_secrets(&mut errors, &draft, |f| self.typed(f).get_untracked());
            errors
        })
    }

    /// Changes the draft and saves it: at once when the step changes, otherwise soon.
    pub fn update(&self, change: impl FnOnce(&mut Draft)) {
        let step = self.draft.with_untracked(|d| d.step);
        self.draft.update(|d| {
            change(d);
            d.updated_at = chrono::Utc::now().to_rfc3339();
        });
        if self.draft.with_untracked(|d| d.step) == step {
            self.save_soon();
        } else {
            self.save_now();
        }
    }

    /// Saves now if a save is waiting (before a submit, when the page is hidden or left).
    pub fn flush(&self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
            self.save_now();
        }
    }

    /// Removes the draft from the browser once its ticket is filed; a save still waiting
    /// would otherwise bring it back.
    pub fn discard(&self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let id = self.draft.with_untracked(|d| d.id.clone());
        self.user_id.with_value(|u| drafts::discard(u, &id));
    }

    /// One save per `SAVE_DELAY` at most: a change while one is waiting joins it.
    fn save_soon(self) {
        if self.pending.with_value(Option::is_some) {
            return;
        }
        let handle = set_timeout_with_handle(
            move || {
                self.pending.set_value(None);
                self.save_now();
            },
            SAVE_DELAY,
        );
        match handle {
            Ok(handle) => self.pending.set_value(Some(handle)),
            Err(_) => self.save_now(),
        }
    }

    fn save_now(self) {
        let result = self
            .user_id
            .with_value(|u| self.draft.with_untracked(|d| drafts::save(u, d)));
        self.saved.set(result);
    }

    /// Reads back the texts of a resumed draft's files from IndexedDB; a file whose text is
    /// gone is dropped from the draft and named, so the user can attach it again.
    fn restore_files(self) {
        let wanted: Vec<String> = self.draft.with_untracked(|d| {
            d.files
                .iter()
                .filter(|f| f.text.is_empty())
                .filter_map(|f| f.stored.clone())
                .collect()
        });
        if wanted.is_empty() {
            return;
        }
        self.restoring.set(true);
        spawn_local(async move {
            let mut texts = Vec::with_capacity(wanted.len());
            for key in wanted {
                let text = file_store::get(&key).await;
                texts.push((key, text));
            }
            // The user may have left the wizard meanwhile.
            if self.draft.is_disposed() {
                return;
            }
            let mut lost = Vec::new();
            self.update(|d| {
                d.files.retain_mut(|f| {
                    let Some((_, text)) =
                        texts.iter_mut().find(|(k, _)| f.stored.as_ref() == Some(k))
                    else {
                        return true;
                    };
                    match text.take() {
                        Some(text) => {
                            f.text = text;
                            true
                        }
                        None => {
                            lost.push(f.name.clone());
                            false
                        }
                    }
                })
            });
            self.lost.set(lost);
            self.restoring.set(false);
        });
    }
}
