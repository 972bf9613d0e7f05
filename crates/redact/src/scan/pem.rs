//! PEM private keys. Certificates and public keys are public: kept.

use std::ops::Range;

use super::{run_end, Candidate};
use crate::{Confidence, Kind};

const BEGIN: &[u8] = b"-----BEGIN ";

/// Emits private keys; returns the spans of public blocks (certificates,
/// public keys), whose base64 must not look like tokens to later detectors.
pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) -> Vec<Range<usize>> {
    let mut public = Vec::new();
    let b = text.as_bytes();
    // END markers known to be absent after some point: a second search would
    // only repeat the first, so remembering them keeps the scan linear.
    let mut missing: Vec<&[u8]> = Vec::new();
    let mut i = 0;
    while i + BEGIN.len() < b.len() {
        let Some(p) = super::find_byte(b, i, b'-') else {
            break;
        };
        i = p;
        if b[i] != b'-' || !b[i..].starts_with(BEGIN) {
            i += 1;
            continue;
        }
        let label_start = i + BEGIN.len();
        let label_end = run_end(b, label_start, |c| {
            c.is_ascii_uppercase() || c == b' ' || c.is_ascii_digit()
        });
        let label = &b[label_start..label_end];
        if label_end - label_start > 48 || !b[label_end..].starts_with(b"-----") {
            i = label_start;
            continue;
        }
        let header_end = label_end + 5;
        if !label.windows(7).any(|w| w == b"PRIVATE") {
            let end = if missing.contains(&label) {
                None
            } else {
                find_end(b, header_end, label)
            };
            if let Some(end) = end {
                public.push(i..end);
                i = end;
            } else {
                missing.push(label);
                i = header_end;
            }
            continue;
        }
        let end = if missing.contains(&label) {
            None
        } else {
            let found = find_end(b, header_end, label);
            if found.is_none() {
                missing.push(label);
            }
            found
        };
        // Without its END line (cut-off paste) the body still is the key; it
        // swallows whatever token it runs into, so no tail of it survives.
        let end = end.unwrap_or_else(|| {
            run_end(b, header_end, |c| {
                c.is_ascii_alphanumeric()
                    || matches!(
                        c,
                        b'+' | b'/'
                            | b'='
                            | b'\\'
                            | b'\r'
                            | b'\n'
                            | b' '
                            | b'\t'
                            | b'.'
                            | b'-'
                            | b'_'
                    )
            })
        });
        out.push(
            Candidate::new(
                i..end,
                Kind::PrivateKey,
                "pem.private-key",
                Confidence::Certain,
            )
            .detail(detail(label)),
        );
        i = end.max(i + 1);
    }
    public
}

/// Position after `-----END <label>-----`.
fn find_end(b: &[u8], from: usize, label: &[u8]) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        let p = b[i..].windows(9).position(|w| w == b"-----END ")? + i;
        let l = p + 9;
        if b[l..].starts_with(label) && b[l + label.len()..].starts_with(b"-----") {
            return Some(l + label.len() + 5);
        }
        i = p + 1;
    }
    None
}

fn detail(label: &[u8]) -> &'static str {
    const TYPES: &[(&[u8], &str)] = &[
        (b"RSA", "RSA"),
        (b"EC ", "EC"),
        (b"DSA", "DSA"),
        (b"OPENSSH", "OPENSSH"),
        (b"PGP", "PGP"),
        (b"ENCRYPTED", "ENCRYPTED"),
    ];
    TYPES
        .iter()
        .find(|(k, _)| label.windows(k.len()).any(|w| w == *k))
        .map_or("", |(_, v)| v)
}
