use std::ops::Range;

use crate::Kind;

/// How sure the engine is that a finding is a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// A high-entropy token with no other evidence.
    Possible,
    /// A keyword nearby, or a shape without a checksum.
    Likely,
    /// A validated shape (checksum, documented prefix) or a sensitive key name.
    Certain,
}

impl Confidence {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Possible => "possible",
            Self::Likely => "likely",
            Self::Certain => "certain",
        }
    }
}

/// One redacted span. Holds no raw secret, so its `Debug` is safe to log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    /// Stable id of the rule that fired, e.g. `"card.luhn"`, `"kv.key-name"`.
    pub rule: &'static str,
    /// Byte range of the secret in the original input.
    pub range: Range<usize>,
    /// Text written in place of the secret.
    pub placeholder: String,
    pub confidence: Confidence,
    /// Documented prefix and last four characters, only for long keys.
    pub fingerprint: Option<String>,
    /// A test-mode credential (`stest_`, `sk_test_`...): still redacted.
    pub test: bool,
}

/// The result of [`crate::redact`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The input with every finding replaced by its placeholder.
    pub text: String,
    /// Findings sorted by position, never overlapping.
    pub findings: Vec<Finding>,
}
