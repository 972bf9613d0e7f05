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

/// Token characters but `=`, looked up: this scan reads every byte.
const TOK: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/');
        c += 1;
    }
    t
};

/// Token characters; `=` only as base64 padding, so `key=value` splits.
fn is_tok(b: &[u8], i: usize) -> bool {
    let c = b[i];
    TOK[usize::from(c)] || (c == b'=' && !b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
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
        // `example.com/pay/<token>`: what follows a host name is a path, its
        // own run.
        if i > 0 && b[i - 1] == b'.' {
            if let Some(slash) = b[i..e].iter().position(|&c| c == b'/') {
                i += slash;
            }
        }
        let glued = (i > 0 && matches!(b[i - 1], b'.' | b'@' | b'\\' | b'%'))
            || matches!(b.get(e), Some(b'.' | b'@'));
        if !glued
            && e - i >= MIN_LEN
            && !digest(b, i)
            && !sri(&b[i..e])
            && !data_uri(b, i)
            && !placeholder::overlaps(public, &(i..e))
        {
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

/// Subresource and package integrity: `sha512-<base64>`.
fn sri(t: &[u8]) -> bool {
    // Content-Security-Policy sources too: a nonce is sent to every visitor.
    [&b"sha1-"[..], b"sha256-", b"sha384-", b"sha512-", b"nonce-"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// The payload of `data:image/png;base64,…`: file content, not a credential.
fn data_uri(b: &[u8], at: usize) -> bool {
    let before = &b[at.saturating_sub(64)..at];
    before.ends_with(b";base64,") && before.windows(5).any(|w| w == b"data:")
}

/// Headers whose values are signatures every recipient sees: DKIM and ARC.
const SIGNED: &[&[u8]] = &[
    b"dkim-signature:",
    b"x-google-dkim-signature:",
    b"arc-seal:",
    b"arc-message-signature:",
    b"domainkey-signature:",
];

/// Spans of signature headers, folded continuation lines included, for
/// the entropy fallback to leave alone.
pub(crate) fn signed_headers(text: &str, public: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut at = 0;
    while at < b.len() {
        let line_end = |from: usize| super::find_byte(b, from, b'\n').unwrap_or(b.len());
        let mut end = line_end(at);
        if matches!(b[at] | 0x20, b'd' | b'x' | b'a')
            && SIGNED.iter().any(|h| super::starts_with_ci(b, at, h))
        {
            while end + 1 < b.len() && matches!(b[end + 1], b' ' | b'\t') {
                end = line_end(end + 1);
            }
            public.push(at..end);
        }
        at = end + 1;
    }
}

/// A URL or file path: a `/` with a plain lowercase word as one segment, or
/// a method name (`sendMessage`) as the last.
fn path_like(t: &[u8]) -> bool {
    let method = |s: &[u8]| {
        s.len() >= 6
            && s[..3].iter().all(u8::is_ascii_lowercase)
            && s.iter().all(u8::is_ascii_alphabetic)
    };
    t.contains(&b'/')
        && (t[0] == b'/'
            || t.split(|&c| c == b'/')
                .any(|s| s.len() >= 3 && s.iter().all(u8::is_ascii_lowercase))
            || t.rsplit(|&c| c == b'/').next().is_some_and(method))
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
    if object_id(t) || word_hex_id(t) || text_in_base64(t) || file_in_base64(t) {
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

/// `UsernameToken-0b645c31…`, `Request_9f86d081…`: a word, a separator and
/// a hex body name an object.
fn word_hex_id(t: &[u8]) -> bool {
    let p = t.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let body = t.get(p + 1..).unwrap_or_default();
    p >= 2
        && matches!(t.get(p), Some(b'-' | b'_'))
        && body.len() >= 16
        && body.iter().all(u8::is_ascii_hexdigit)
}

/// Base64 of a file (an inline image, a PDF, an archive): its magic bytes.
fn file_in_base64(t: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG",
        b"\xff\xd8\xff",
        b"GIF8",
        b"%PDF",
        b"PK\x03\x04",
        b"\x1f\x8b",
        b"RIFF",
    ];
    let head = &t[..t.len().min(16) / 4 * 4];
    b64_decode(head).is_some_and(|d| MAGIC.iter().any(|m| d.starts_with(m)))
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
    // Prose has spaces or quotes; a typed name (`arrayconnection:19`, a Relay
    // cursor) a long lowercase word.
    let word = d.split(|c| !c.is_ascii_lowercase()).any(|w| w.len() >= 8);
    texty * 100 >= d.len() * 95 && (word || d.iter().any(|&c| c == b' ' || c == b'"'))
}
