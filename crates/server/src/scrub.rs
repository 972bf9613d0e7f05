//! Defence in depth: the browser redacts what the merchant types and attaches, and the server
//! runs the same engine again before storing anything.

use guichet_redact::{redact, redact_file_name, Policy, Redaction};

pub struct Scrubbed {
    pub text: String,
    /// Secrets the browser let through; counted in the audit log.
    pub findings: u32,
}

/// Redacts what may never be sent. What a user may choose to keep (a phone number, a
/// publishable key, an unsupported high-entropy guess) is left as the browser sent it.
pub fn scrub(text: &str) -> Scrubbed {
    scrub_with(text, redact)
}

fn scrub_with(text: &str, redact: fn(&str, &Policy) -> Redaction) -> Scrubbed {
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

/// A file name: as [`scrub`], read as the engine reads file names.
pub fn scrub_file_name(name: &str) -> Scrubbed {
    scrub_with(name, redact_file_name)
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

    #[test]
    fn secrets_in_structured_values_go() {
        let endpoint = scrub("/airtime?access_token=Zk3Qm8Xp2Lw9Rt5Vb7Nc4Hd6Jf1Gs0Ya");
        assert!(!endpoint.text.contains("Zk3Qm8Xp"), "{}", endpoint.text);
        assert!(endpoint.text.starts_with("/airtime?access_token="));
        let client_id = scrub("sprod_4bV9kQz2mXw7LpR8tN3yHc6d");
        assert!(!client_id.text.contains("4bV9kQz2"), "{}", client_id.text);
        assert_eq!((endpoint.findings, client_id.findings), (1, 1));
    }

    #[test]
    fn a_key_joined_to_a_file_name_goes() {
        // The engine's own tests cover file names; this is the server's use of them.
        let s = scrub_file_name("app_sprod_4bV9kQz2mXw7LpR8tN3yHc6d.log");
        assert_eq!(s.findings, 1);
        assert!(
            s.text.starts_with("app_") && !s.text.contains("4bV9kQz2"),
            "{}",
            s.text
        );
    }

    /// Every field of a ticket is scrubbed, and names of people and files too: what has a shape
    /// of its own must come through as typed.
    #[test]
    fn fingerprints_identifiers_names_and_addresses_stay() {
        for value in [
            "sprod_...Qa7x",
            "sk_live_...EFGH",
            "...c9d0",
            "/airtime",
            "/v1/checkout/{id}",
            "production",
            "2026-01-13T10:42:00Z",
            "500",
            "cli_4821",
            "pay_8f3K2x:01",
            "TXN-20260113-000123",
            "c39df0fb-a684-447c-9fbc-3f24c288f608",
            "https://shop.ci/ipn?order=1042",
            "Chrome 142 on Windows 11",
            "Awa Koné",
            "Jean-Baptiste N'Guessan",
            "Ama Mensah-Owusu",
            "awa.kone@abidjan-shop.demo",
            "jean-baptiste.nguessan+support@paris-shop.demo",
            "app-2026-01-13.log",
            "Capture d’écran 2026-01-13 à 10.42.01.png",
        ] {
            let s = scrub(value);
            assert_eq!((s.text.as_str(), s.findings), (value, 0));
        }
    }
}
