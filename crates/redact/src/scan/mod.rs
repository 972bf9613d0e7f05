//! Detectors. Each file holds one family and appends candidates; overlaps are
//! settled later in `resolve`. Every detector walks the input once, jumping on
//! a cheap byte test before doing any real work.

mod aligned;
mod call;
mod card;
mod curl;
mod entropy;
mod headers;
mod iban;
mod json;
mod jwt;
mod keys;
mod keywords;
mod kv;
mod pem;
mod pgpass;
mod phone;
mod php;
mod table;
mod url;
mod ussd;
mod xml;

use std::ops::Range;

use crate::{Confidence, Kind, Policy};

pub(crate) use keys::provider_key;

/// How much of a secret its placeholder may show, besides the last four.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    Nothing,
    LastFour,
    /// This many leading bytes (a documented, non-secret prefix) and the last four.
    Prefix(u8),
}

/// A span some detector believes is secret. Not `Debug`: it points at raw
/// secret bytes and must never be printed.
#[derive(Clone)]
pub(crate) struct Candidate {
    pub range: Range<usize>,
    pub kind: Kind,
    pub rule: &'static str,
    pub confidence: Confidence,
    pub test: bool,
    /// Public detail for the placeholder: card brand, JWT algorithm, key type.
    pub detail: &'static str,
    pub shown: Shown,
    /// Grown to cover overlapping candidates: the raw text is no longer
    /// exactly the detected value, so the placeholder shows none of it.
    pub merged: bool,
}

impl Candidate {
    pub fn new(
        range: Range<usize>,
        kind: Kind,
        rule: &'static str,
        confidence: Confidence,
    ) -> Self {
        let shown = if kind.may_fingerprint() {
            Shown::LastFour
        } else {
            Shown::Nothing
        };
        Self {
            range,
            kind,
            rule,
            confidence,
            test: false,
            detail: "",
            shown,
            merged: false,
        }
    }

    pub fn detail(mut self, detail: &'static str) -> Self {
        self.detail = detail;
        self
    }
}

pub(crate) fn all(text: &str, policy: &Policy) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut public = pem::scan(text, &mut out);
    kv::scan(text, &mut out, &mut public);
    table::scan(text, &mut out, &mut public);
    xml::scan(text, &mut out, &mut public);
    php::scan(text, &mut out, &mut public);
    aligned::scan(text, &mut out);
    call::scan(text, &mut out);
    pgpass::scan(text, &mut out);
    ussd::scan(text, &mut out);
    entropy::signed_headers(text, &mut public);
    curl::scan(text, &mut out);
    url::scan(text, &mut out);
    headers::scan(text, &mut out);
    let [keys, keywords, passwords] = word_starts(text);
    out.extend(keys);
    jwt::scan(text, &mut out);
    card::scan(text, &mut out);
    iban::scan(text, &mut out);
    out.extend(keywords);
    out.extend(passwords);
    keywords::repeats(text, &mut out);
    if policy.keep_phone_numbers {
        // Phones found by key names and table columns too.
        out.retain(|c| c.kind != Kind::Phone);
    } else {
        phone::scan(text, &mut out);
    }
    if policy.entropy_fallback {
        public.sort_by_key(|r| r.start);
        let public = crate::placeholder::disjoint(public);
        entropy::scan(text, &public, &mut out);
    }
    out
}

/// The detectors that look only at the starts of words (provider keys,
/// keywords), in one walk over the words. Each finds what it would find
/// walking alone: a word is shown to it only from where it said it reads on.
fn word_starts(text: &str) -> [Vec<Candidate>; 3] {
    let b = text.as_bytes();
    let mut out: [Vec<Candidate>; 3] = Default::default();
    let mut next = [0usize; 3];
    let mut i = 0;
    while i < b.len() {
        if !WORD[usize::from(b[i])] {
            i += 1;
            continue;
        }
        let e = run_end(b, i + 1, |c| WORD[usize::from(c)]);
        if i >= next[0] {
            next[0] = keys::at_word(b, i, e, &mut out[0]);
        }
        if i >= next[1] {
            next[1] = keywords::at_word(b, i, e, &mut out[1]);
        }
        if i >= next[2] {
            next[2] = keywords::password_at_word(b, i, e, &mut out[2]);
        }
        i = e;
    }
    out
}

/// Bytes of words: ASCII letters, digits and `_`.
const WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c as u8 == b'_';
        c += 1;
    }
    t
};

/// Characters of base64, base64url and most API token alphabets.
pub(crate) const fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/' | b'=')
}

/// End of the run of bytes satisfying `pred` starting at `from`.
pub(crate) fn run_end(b: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while i < b.len() && pred(b[i]) {
        i += 1;
    }
    i
}

/// Whether `hay[at..]` starts with `needle`, ASCII case-insensitively.
pub(crate) fn starts_with_ci(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    // Byte by byte: most candidates differ within their first few bytes.
    hay.get(at..at + needle.len())
        .is_some_and(|h| h.iter().zip(needle).all(|(a, b)| a.eq_ignore_ascii_case(b)))
}

/// Decodes standard or URL-safe base64, padded or not. `None` on any invalid byte.
pub(crate) fn b64_decode(s: &[u8]) -> Option<Vec<u8>> {
    let s = s
        .strip_suffix(b"==")
        .or_else(|| s.strip_suffix(b"="))
        .unwrap_or(s);
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in s {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// Values that stand for a secret without being one: masks, empties, template
/// variables, literals. Redacting them would only add noise.
pub(crate) fn looks_masked(v: &[u8]) -> bool {
    let v = v.trim_ascii();
    if v.is_empty() {
        return true;
    }
    // The window searches run only where their first byte occurs: values can be long.
    if v.iter()
        .all(|&c| matches!(c, b'*' | b'x' | b'X' | b'.' | b'#' | b'-' | b'_' | b' '))
        || find_byte(v, 0, b'*').is_some_and(|p| v[p..].windows(3).any(|w| w == b"***"))
        || v.starts_with(b"\xe2\x80\xa2")
        || find_byte(v, 0, 0xe2).is_some_and(|p| v[p..].windows(6).any(|w| w == "••".as_bytes()))
        || paydunya_invoice(v)
    {
        return true;
    }
    // `sprod_xxxxxxxxxxxxxxxxxxxxxxxx`: one character repeated over most of it.
    let mut run = 0;
    if v.len() >= 8 {
        let mut cur = 0;
        for (k, &c) in v.iter().enumerate() {
            cur = if k > 0 && v[k - 1] == c { cur + 1 } else { 1 };
            run = run.max(cur);
        }
    }
    if run >= 8 && run * 3 >= v.len() * 2 {
        return true;
    }
    if matches!(v.first(), Some(b'$' | b'<' | b'%')) || v.starts_with(b"{{") || v.starts_with(b"${")
    {
        return true;
    }
    const LITERALS: &[&[u8]] = &[
        b"null",
        b"none",
        b"nil",
        b"undefined",
        b"true",
        b"false",
        b"yes",
        b"no",
        b"redacted",
        b"[redacted]",
        b"<redacted>",
        b"hidden",
        b"masked",
        b"filtered",
        b"[filtered]",
        b"removed",
        b"n/a",
        b"\"\"",
        b"''",
    ];
    v.len() <= 11 && LITERALS.iter().any(|l| v.eq_ignore_ascii_case(l))
}

/// A PayDunya checkout-invoice token (`test_4Jb3a9XpQ2`, `live_…`): it names
/// an invoice and stands in its public checkout URL.
fn paydunya_invoice(v: &[u8]) -> bool {
    (v.starts_with(b"test_") || v.starts_with(b"live_"))
        && v.len() == 15
        && v[5..].iter().all(u8::is_ascii_alphanumeric)
}

// Each detector jumps to the next byte that may start a match with one of
// these finders: the tight loops that let it skip most of the input cheaply.

/// Position of the next `needle` at or after `from`.
#[inline]
pub(crate) fn find_byte(b: &[u8], from: usize, needle: u8) -> Option<usize> {
    find_swar(b, from, |w| zero_bytes(w ^ splat(needle)), |c| c == needle)
}

/// Position of the next of a few `needles` at or after `from`.
#[inline]
pub(crate) fn find_any<const N: usize>(b: &[u8], from: usize, needles: [u8; N]) -> Option<usize> {
    find_swar(
        b,
        from,
        // The lowest bit of each mask is exact, so the lowest of their union is too.
        |w| needles.iter().fold(0, |m, &n| m | zero_bytes(w ^ splat(n))),
        |c| needles.contains(&c),
    )
}

/// Position of the next byte in `lo..=hi` (ASCII) at or after `from`.
#[inline]
pub(crate) fn find_range(b: &[u8], from: usize, lo: u8, hi: u8) -> Option<usize> {
    debug_assert!(lo > 0 && lo <= hi && hi < 0x80);
    find_swar(
        b,
        from,
        |w| {
            // On the low seven bits of each byte, so no sum carries into the
            // next byte; bytes with the high bit set are no ASCII and drop out.
            let low = w & !HIGH;
            let at_least_lo = low.wrapping_add(splat(0x80 - lo));
            let above_hi = low.wrapping_add(splat(0x7f - hi));
            at_least_lo & !above_hi & !w & HIGH
        },
        |c| (lo..=hi).contains(&c),
    )
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

const fn splat(c: u8) -> u64 {
    LOW * c as u64
}

/// The high bit of every zero byte of `w` is set (and, past the first zero
/// byte, maybe of others: only the lowest set bit is to be trusted).
const fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(LOW) & !w & HIGH
}

/// Eight bytes at a time, as one `u64` (native on wasm too), so that the
/// detectors triggered by a rare byte cost about an instruction a byte.
#[inline]
fn find_swar(
    b: &[u8],
    from: usize,
    hits: impl Fn(u64) -> u64,
    one: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = from;
    while i + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let found = hits(u64::from_le_bytes(word));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&c| one(c)).map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::{find_any, find_byte, find_range};

    /// Every byte value at every offset of an eight-byte word, and tails.
    #[test]
    fn word_at_a_time_finds_what_a_byte_loop_finds() {
        let mut x: u32 = 7;
        let hay: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect();
        let naive = |from: usize, hit: &dyn Fn(u8) -> bool| {
            hay[from..].iter().position(|&c| hit(c)).map(|p| from + p)
        };
        for from in (0..hay.len()).step_by(37).chain(hay.len() - 9..=hay.len()) {
            for c in [0u8, b'\n', b':', b'[', 0x7f, 0x80, 0xff] {
                assert_eq!(find_byte(&hay, from, c), naive(from, &|b| b == c));
                assert_eq!(
                    find_any(&hay, from, [c, b'=', b'0']),
                    naive(from, &|b| b == c || b == b'=' || b == b'0')
                );
            }
            for (lo, hi) in [(b'0', b'9'), (b'A', b'Z'), (1, 0x7f), (b'a', b'a')] {
                assert_eq!(
                    find_range(&hay, from, lo, hi),
                    naive(from, &|b| (lo..=hi).contains(&b))
                );
            }
        }
    }
}
