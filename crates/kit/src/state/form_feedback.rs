//! What every form does with the outcome of a submission: field errors next to the inputs and
//! the error with its request id above them, announced; or a notice that it was saved.

use guichet_domain::FieldErrors;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::labels::error_message;
use crate::i18n::t;
use crate::state::announcer::{use_announcer, Announcer};

/// The errors of one form.
#[derive(Debug, Clone, Copy)]
pub struct FormFeedback {
    /// By field name, as message keys.
    pub errors: RwSignal<FieldErrors>,
    /// The failed call, shown in an `ErrorPanel`.
    pub failure: RwSignal<Option<ApiError>>,
    announcer: Option<Announcer>,
}

impl FormFeedback {
    pub fn new() -> Self {
        FormFeedback {
            errors: RwSignal::new(FieldErrors::new()),
            failure: RwSignal::new(None),
            announcer: use_announcer(),
        }
    }

    /// Before a submission.
    pub fn clear(&self) {
        self.errors.set(FieldErrors::new());
        self.failure.set(None);
    }

    /// The browser's own checks failed.
    pub fn invalid(&self, fields: FieldErrors) {
        self.failure.set(None);
        self.errors.set(fields);
        self.announce(t("error.validation"));
    }

    /// The server refused or could not be reached.
    pub fn failed(&self, error: ApiError) {
        self.errors.set(error.fields());
        self.announce(error_message(&error));
        self.failure.set(Some(error));
    }

    /// Saved: says so, on screen and aloud.
    pub fn saved(&self, message: String) {
        self.clear();
        if let Some(a) = self.announcer {
            a.notify(message);
        }
    }

    fn announce(&self, message: String) {
        if let Some(a) = self.announcer {
            a.announce(message);
        }
    }
}

impl Default for FormFeedback {
    fn default() -> Self {
        Self::new()
    }
}

/// Turns field errors (message keys from the browser's checks or the server) into the
/// translated text shown under one input; a length limit is named from the domain's rules.
pub fn field_error(
    errors: leptos::prelude::RwSignal<guichet_domain::FieldErrors>,
    field: &'static str,
) -> leptos::prelude::Signal<Option<String>> {
    use leptos::prelude::*;
    Signal::derive(move || {
        errors.with(|e| {
            e.get(field).filter(|keys| !keys.is_empty()).map(|keys| {
                let max = guichet_domain::validate::max_chars(field)
                    .map(crate::i18n::integer)
                    .unwrap_or_default();
                keys.iter()
                    .map(|k| crate::i18n::fill(&crate::i18n::t_or_raw(k), &[("max", &max)]))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
    })
}
