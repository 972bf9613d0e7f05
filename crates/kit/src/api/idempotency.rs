//! `Idempotency-Key`s and the intents they stand for: one key per intent, kept across the
//! retries of that intent, so that the server acts once.

/// An `Idempotency-Key`: a random UUID v4. A retry of the same intent reuses the same key,
/// so the server acts once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn new() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A key kept with a draft, so that the draft's submission is one intent across reloads.
    pub fn from_stored(key: String) -> Self {
        Self(key)
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}

/// The last submission of a form and its key, until the server has answered for good.
#[derive(Debug, Clone)]
pub struct Attempt<R> {
    last: Option<(R, IdempotencyKey)>,
}

impl<R> Default for Attempt<R> {
    fn default() -> Self {
        Attempt { last: None }
    }
}

impl<R: PartialEq + Clone> Attempt<R> {
    /// The key for submitting `request`: the previous key when the content is unchanged (a
    /// retry after a timeout or an outage must not act twice), a new one otherwise.
    pub fn key_for(&mut self, request: &R) -> IdempotencyKey {
        match &self.last {
            Some((previous, key)) if previous == request => key.clone(),
            _ => {
                let key = IdempotencyKey::new();
                self.last = Some((request.clone(), key.clone()));
                key
            }
        }
    }

    /// Forgets the key once the server has answered for good (success or a rejection).
    pub fn settle(&mut self) {
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_of_the_same_content_keeps_its_key() {
        let request = |email: &str| email.to_owned();
        let mut attempt = Attempt::default();
        let first = attempt.key_for(&request("a@b.ci"));
        assert_eq!(
            attempt.key_for(&request("a@b.ci")),
            first,
            "same content, same key"
        );
        let edited = attempt.key_for(&request("awa@b.ci"));
        assert_ne!(edited, first, "edited content is a new submission");
        attempt.settle();
        assert_ne!(
            attempt.key_for(&request("awa@b.ci")),
            edited,
            "after an answer, a new key"
        );
    }
}
