//! The wizard's live state: what the user typed (in memory only), what they chose to keep,
//! and the draft derived from both (redacted, saved after every change).

use std::collections::BTreeMap;
use std::sync::Arc;

use guichet_domain::tickets::Field;
use guichet_domain::FieldErrors;
use leptos::prelude::*;

use super::drafts::{self, SaveError};
use super::model::{redact_text, Draft, Keep};

/// A screenshot after the user covered what must not be seen, re-encoded through a canvas:
/// no metadata, and the original never leaves. Kept in memory only: binary images do not fit
/// in the browser's draft storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Screenshot {
    pub name: String,
    pub media_type: &'static str,
    pub bytes: Arc<[u8]>,
    pub covered: usize,
    pub uploaded_id: Option<String>,
}

/// An upload under way: which file, and the fraction sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    pub name: String,
    pub sent: f64,
}

#[derive(Clone, Copy)]
pub struct WizardState {
    /// What is stored and sent: redacted text only.
    pub draft: RwSignal<Draft>,
    /// One signal per field, holding what the user typed. Never stored, never sent.
    typed: StoredValue<BTreeMap<Field, RwSignal<String>>>,
    pub keep: RwSignal<Keep>,
    pub screenshots: RwSignal<Vec<Screenshot>>,
    pub upload: RwSignal<Option<Upload>>,
    pub errors: RwSignal<FieldErrors>,
    /// The outcome of the last save, shown if the browser refused it.
    pub saved: RwSignal<Result<(), SaveError>>,
    user_id: StoredValue<String>,
}

impl WizardState {
    pub fn new(draft: Draft, user_id: String) -> Self {
        // A resumed draft holds redacted text: redacting it again finds nothing new.
        let typed = Field::ALL
            .into_iter()
            .map(|f| (f, RwSignal::new(draft.value(f).to_owned())))
            .collect();
        let state = Self {
            draft: RwSignal::new(draft),
            typed: StoredValue::new(typed),
            keep: RwSignal::new(Keep::default()),
            screenshots: RwSignal::new(Vec::new()),
            upload: RwSignal::new(None),
            errors: RwSignal::new(FieldErrors::new()),
            saved: RwSignal::new(Ok(())),
            user_id: StoredValue::new(user_id),
        };
        // Every keystroke and every "keep" choice re-derives the redacted fields and saves.
        Effect::new(move |_| {
            let keep = state.keep.get();
            let fields: BTreeMap<Field, String> = state.typed.with_value(|t| {
                t.iter()
                    .map(|(f, v)| (*f, v.get()))
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(f, v)| {
                        let v = if f.is_free_text() {
                            redact_text(&v, &keep).text
                        } else {
                            v
                        };
                        (f, v)
                    })
                    .collect()
            });
            if state.draft.with_untracked(|d| d.fields != fields) {
                state.update(|d| d.fields = fields);
            }
        });
        state
    }

    /// The signal of what the user typed in `field`.
    pub fn typed(&self, field: Field) -> RwSignal<String> {
        self.typed
            .with_value(|t| t.get(&field).copied())
            .expect("a signal per field")
    }

    /// Changes the draft and saves it.
    pub fn update(&self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(|d| {
            change(d);
            d.updated_at = chrono::Utc::now().to_rfc3339();
        });
        let result = self
            .user_id
            .with_value(|u| self.draft.with_untracked(|d| drafts::save(u, d)));
        self.saved.set(result);
    }

    pub fn user_id(&self) -> String {
        self.user_id.get_value()
    }
}
