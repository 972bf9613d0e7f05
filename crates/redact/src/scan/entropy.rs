//! Last resort: long tokens that look random (all three character classes,
//! frequent class changes, high Shannon entropy), reported as "possible".
//! Identifiers that are long and random-looking but public are excluded by
//! shape: hex (UUIDs, hashes, request ids), provider object ids (`pi_…`,
//! `paym_…`), digests (`sha256:…`), URL paths, certificates, and base64 that
//! decodes to ordinary text.

use std::ops::Range;

use super::{b64_decode, Candidate};
use crate::{placeholder, Confidence, Kind};

const MIN_LEN: usize = 24;
/// Longer runs are payloads (base64 images, blobs), not credentials.
const MAX_LEN: usize = 512;
/// Bits per character; random base62 of length 24 is around 4.2.
const MIN_ENTROPY: f64 = 3.6;

/// Token characters; `=` only as base64 padding, so `key=value` splits.
fn is_tok(b: &[u8], i: usize) -> bool {
    let c = b[i];
    c.is_ascii_alphanumeric()
        || matches!(c, b'_' | b'-' | b'+' | b'/')
        || (c == b'=' && !b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
}

pub(crate) fn scan(text: &str, public: &[Range<usize>], out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !is_tok(b, i) {
            i += 1;
            continue;
        }
        let mut e = i;
        while e < b.len() && is_tok(b, e) {
            e += 1;
        }
        let glued = (i > 0 && matches!(b[i - 1], b'.' | b'@' | b'\\' | b'%'))
            || matches!(b.get(e), Some(b'.' | b'@'));
        if !glued && e - i >= MIN_LEN && !digest(b, i) && !placeholder::overlaps(public, &(i..e)) {
            let t = &b[i..e];
            if path_like(t) {
                let mut s = i;
                for seg in t.split(|&c| c == b'/') {
                    consider(b, s, s + seg.len(), out);
                    s += seg.len() + 1;
                }
            } else {
                consider(b, i, e, out);
            }
        }
        i = e;
    }
}

fn consider(b: &[u8], i: usize, e: usize, out: &mut Vec<Candidate>) {
    // Separators that belong to the surrounding syntax.
    let mut s = i;
    while s < e && matches!(b[s], b'-' | b'_' | b'+' | b'/' | b'=') {
        s += 1;
    }
    let mut end = e;
    while end > s && matches!(b[end - 1], b'-' | b'_' | b'/' | b'+') {
        end -= 1;
    }
    if (MIN_LEN..=MAX_LEN).contains(&(end - s)) && random(&b[s..end]) {
        out.push(Candidate::new(
            s..end,
            Kind::Token,
            "entropy.token",
            Confidence::Possible,
        ));
    }
}

/// `sha256:…`, `sha512-…` (subresource integrity), `SHA256:…` (ssh).
fn digest(b: &[u8], at: usize) -> bool {
    let before = &b[at.saturating_sub(8)..at];
    before.len() >= 4
        && matches!(before.last(), Some(b':' | b'-' | b'='))
        && before.windows(3).any(|w| w.eq_ignore_ascii_case(b"sha"))
}

/// A URL or file path: a `/` with a plain lowercase word as one segment.
fn path_like(t: &[u8]) -> bool {
    t.contains(&b'/')
        && (t[0] == b'/'
            || t.split(|&c| c == b'/')
                .any(|s| s.len() >= 3 && s.iter().all(u8::is_ascii_lowercase)))
}

fn random(t: &[u8]) -> bool {
    let (mut upper, mut lower, mut digit) = (false, false, false);
    let mut changes = 0;
    let mut prev = 0u8;
    let mut counts = [0u16; 128];
    for &c in t {
        let class = if c.is_ascii_uppercase() {
            upper = true;
            1
        } else if c.is_ascii_lowercase() {
            lower = true;
            2
        } else if c.is_ascii_digit() {
            digit = true;
            3
        } else {
            4
        };
        if class != prev {
            changes += 1;
        }
        prev = class;
        counts[usize::from(c & 0x7f)] += 1;
    }
    if !(upper && lower && digit) {
        return false;
    }
    // camelCase identifiers change class once a word; random text every other character.
    if changes * 10 < t.len() * 3 {
        return false;
    }
    if object_id(t) || text_in_base64(t) {
        return false;
    }
    entropy(&counts, t.len()) >= MIN_ENTROPY
}

#[expect(
    clippy::cast_precision_loss,
    reason = "token lengths are far below 2^52"
)]
fn entropy(counts: &[u16; 128], len: usize) -> f64 {
    let n = len as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// `pi_3Mtw…`, `paym_KIbh…`, `req_…`: short lowercase type prefix, one
/// underscore, then an alphanumeric body. Ids name objects; they are what
/// support needs. Client secrets (`…_secret_…`) are not ids.
fn object_id(t: &[u8]) -> bool {
    let p = t.iter().take_while(|c| c.is_ascii_lowercase()).count();
    (2..=8).contains(&p)
        && t.get(p) == Some(&b'_')
        && t[p + 1..].iter().all(u8::is_ascii_alphanumeric)
}

/// Base64 of prose (a description, an error message) is not a secret.
fn text_in_base64(t: &[u8]) -> bool {
    let Some(d) = b64_decode(t) else { return false };
    if d.len() < 12 {
        return false;
    }
    let texty = d
        .iter()
        .filter(|&&c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    b' ' | b',' | b'.' | b'\'' | b'"' | b':' | b'{' | b'}' | b'-' | b'!' | b'?'
                )
        })
        .count();
    texty * 100 >= d.len() * 95 && d.iter().any(|&c| c == b' ' || c == b'"')
}
