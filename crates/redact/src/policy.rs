use std::fmt;

/// What the engine may leave in place. The default redacts everything it finds.
#[derive(Clone, PartialEq, Eq)]
pub struct Policy {
    /// Keep West African mobile-money numbers (a merchant may need them to trace a payment).
    pub keep_phone_numbers: bool,
    /// Report long high-entropy tokens with no other evidence (confidence "possible").
    pub entropy_fallback: bool,
    /// Exact values the user marked as "not a secret". Honoured only for kinds
    /// where [`crate::Kind::may_be_kept`] is true.
    pub allow: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            keep_phone_numbers: false,
            entropy_fallback: true,
            allow: Vec::new(),
        }
    }
}

impl Policy {
    /// Whether the user chose to keep this exact value.
    pub(crate) fn allows(&self, value: &str) -> bool {
        self.allow.iter().any(|a| a == value)
    }
}

// The allow list holds values a user judged harmless, but a mistaken judgement
// must not end up in a log through `{:?}`.
impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("keep_phone_numbers", &self.keep_phone_numbers)
            .field("entropy_fallback", &self.entropy_fallback)
            .field("allow", &format_args!("[{} values]", self.allow.len()))
            .finish()
    }
}
