//! How every form sends: the idempotency key of the intent, the call, and what the user sees
//! and hears of the outcome (field errors, the failure with its request id, an announcement).

use std::future::Future;

use guichet_domain::FieldErrors;
use leptos::prelude::*;

use super::form_feedback::FormFeedback;
use crate::api::{ApiError, Attempt, IdempotencyKey};

/// A form's submission: `send` it, watch `pending`, show `feedback`.
pub struct Submit<R: 'static, T: 'static> {
    action: Action<(R, IdempotencyKey), Result<T, ApiError>>,
    attempt: StoredValue<Attempt<R>>,
    /// The field errors and the failure to show.
    pub feedback: FormFeedback,
}

impl<R, T> Clone for Submit<R, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, T> Copy for Submit<R, T> {}

impl<R, T> Submit<R, T>
where
    R: Clone + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    /// Sends the request if the browser's own checks passed, under the key of its intent;
    /// otherwise shows what to fix.
    pub fn send(&self, checked: Result<R, FieldErrors>) {
        self.feedback.clear();
        match checked {
            Ok(request) => {
                let key = self
                    .attempt
                    .try_update_value(|a| a.key_for(&request))
                    .unwrap_or_default();
                self.action.dispatch((request, key));
            }
            Err(fields) => self.feedback.invalid(fields),
        }
    }

    /// A call is under way.
    pub fn pending(&self) -> Memo<bool> {
        self.action.pending()
    }
}

/// A submission that runs `call` with the request and its `Idempotency-Key`. On success
/// `on_saved` hears the result and says what to announce, if anything. After an outage the
/// same content keeps its key, so sending it again cannot act twice; any other answer ends
/// the intent.
pub fn use_submit<R, T, Fut>(
    call: impl Fn(R, IdempotencyKey) -> Fut + 'static,
    on_saved: impl Fn(T) -> Option<String> + 'static,
) -> Submit<R, T>
where
    R: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let feedback = FormFeedback::new();
    let attempt = StoredValue::new(Attempt::<R>::default());
    let action = Action::new_local(move |(request, key): &(R, IdempotencyKey)| {
        call(request.clone(), key.clone())
    });
    Effect::new(move |_| {
        let Some(outcome) = action.value().get() else {
            return;
        };
        // What the handler reads must not run it again.
        untrack(|| match outcome {
            Ok(saved) => {
                attempt.update_value(Attempt::settle);
                match on_saved(saved) {
                    Some(message) => feedback.saved(message),
                    None => feedback.clear(),
                }
            }
            Err(error) => {
                if !error.is_transient() {
                    attempt.update_value(Attempt::settle);
                }
                feedback.failed(error);
            }
        });
    });
    Submit {
        action,
        attempt,
        feedback,
    }
}
