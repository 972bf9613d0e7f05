//! Defence in depth: the browser redacts what the merchant types and attaches, and the server
//! runs the same engine again before storing anything.

use guichet_redact::{redact, Policy};

pub struct Scrubbed {
    pub text: String,
    /// Secrets the browser let through; counted in the audit log.
    pub findings: u32,
}

/// Redacts what may never be sent. What a user may choose to keep (a phone number, a
/// publishable key, an unsupported high-entropy guess) is left as the browser sent it.
pub fn scrub(text: &str) -> Scrubbed {
    let first = redact(text, &Policy::default());
    let keep: Vec<String> = first
        .findings
        .iter()
        .filter(|f| f.kind.may_be_kept())
        .map(|f| text[f.range.clone()].to_owned())
        .collect();
    let out = if keep.is_empty() {
        first
    } else {
        redact(
            text,
            &Policy {
                allow: keep,
                ..Policy::default()
            },
        )
    };
    Scrubbed {
        findings: u32::try_from(out.findings.len()).unwrap_or(u32::MAX),
        text: out.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_go_and_kept_values_stay() {
        let s = scrub("card 4111 1111 1111 1111 Bearer sprod_4bV9kQz2mXw7LpR8tN3yHc6d call +225 07 08 09 10 11");
        assert!(!s.text.contains("4111 1111"), "{}", s.text);
        assert!(!s.text.contains("sprod_4bV9"), "{}", s.text);
        assert!(s.text.contains("+225 07 08 09 10 11"), "{}", s.text);
        assert_eq!(s.findings, 2);
        let again = scrub(&s.text);
        assert_eq!((again.text, again.findings), (s.text, 0));
    }
}
