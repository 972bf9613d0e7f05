//! HTTP credentials: `Authorization`-style values (`Bearer`, `Basic`, other
//! schemes), cookies, and `Bearer …` / `Basic …` written anywhere.

use std::ops::Range;

use super::{
    b64_decode, is_token, looks_masked, provider_key, run_end, starts_with_ci, Candidate, Shown,
};
use crate::{Confidence, Kind};

const fn is_bearer_char(b: u8) -> bool {
    is_token(b) || b == b'.' || b == b'~'
}

/// Splits an `Authorization` value into scheme and credential and emits the
/// credential only: the scheme is what tells support which auth was tried.
pub(crate) fn auth_value(text: &str, r: Range<usize>, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let start = run_end(b, r.start, |c| c == b' ' || c == b'\t').min(r.end);
    let end = start + b[start..r.end].trim_ascii_end().len();
    if looks_masked(&b[start..end]) {
        return;
    }
    let scheme_end = run_end(b, start, |c| c.is_ascii_alphanumeric() || c == b'-').min(end);
    let cred = run_end(b, scheme_end, |c| c == b' ').min(end);
    if scheme_end == start || cred == scheme_end || cred == end {
        // A bare key (Stancer and others accept the key itself).
        out.push(Candidate::new(
            start..end,
            Kind::Secret,
            "header.authorization",
            Confidence::Certain,
        ));
        return;
    }
    let scheme = &b[start..scheme_end];
    if looks_masked(&b[cred..end]) {
        return;
    }
    if scheme.eq_ignore_ascii_case(b"bearer") {
        let tok_end = run_end(b, cred, is_bearer_char).min(end);
        if tok_end > cred {
            out.push(Candidate::new(
                cred..tok_end,
                Kind::Bearer,
                "header.bearer",
                Confidence::Certain,
            ));
        }
    } else if scheme.eq_ignore_ascii_case(b"basic") {
        let tok_end = run_end(b, cred, is_token).min(end);
        let c = basic(b, cred..tok_end, Confidence::Certain, "header.basic").map_or_else(
            || {
                Candidate::new(
                    cred..end,
                    Kind::Secret,
                    "header.authorization",
                    Confidence::Certain,
                )
            },
            |mut c| {
                // Padding written as a JSON escape (`\u003d`) belongs to it.
                while c.range.end < end && super::starts_with_ci(b, c.range.end, b"\\u003d") {
                    c.range.end += 6;
                }
                c
            },
        );
        out.push(c);
    } else {
        out.push(Candidate::new(
            cred..end,
            Kind::Secret,
            "header.authorization",
            Confidence::Certain,
        ));
    }
}

/// A `Basic` credential that decodes to `user:password`. When the user is a
/// provider key (Stancer and Stripe put the secret key there), the finding
/// takes the key's kind.
fn basic(
    b: &[u8],
    r: Range<usize>,
    confidence: Confidence,
    rule: &'static str,
) -> Option<Candidate> {
    if r.end - r.start < 8 {
        return None;
    }
    let decoded = b64_decode(&b[r.clone()])?;
    let s = std::str::from_utf8(&decoded).ok()?;
    let (user, _) = s.split_once(':')?;
    if s.chars().any(char::is_control) {
        return None;
    }
    let mut c = Candidate::new(r, Kind::BasicAuth, rule, confidence);
    if let Some(k) = provider_key(user.as_bytes()).filter(|k| k.len == user.len()) {
        c.kind = k.kind;
        c.test = k.test;
        // The placeholder must not show the base64, whose tail is not the key's.
        c.shown = Shown::Nothing;
        c.rule = "header.basic-key";
    }
    Some(c)
}

/// `Cookie: a=1; b=2` (every value) or `Set-Cookie: a=1; Path=/` (first value).
pub(crate) fn cookie_value(text: &str, r: Range<usize>, all: bool, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut at = r.start;
    while at < r.end {
        let piece_end = b[at..r.end]
            .iter()
            .position(|&c| c == b';')
            .map_or(r.end, |p| at + p);
        if let Some(eq) = b[at..piece_end].iter().position(|&c| c == b'=') {
            let vs = at + eq + 1;
            let ve = vs + b[vs..piece_end].trim_ascii_end().len();
            let vs = run_end(b, vs, |c| c == b' ').min(ve);
            if !looks_masked(&b[vs..ve]) && !preference(&b[vs..ve]) {
                out.push(Candidate::new(
                    vs..ve,
                    Kind::Secret,
                    "header.cookie",
                    Confidence::Certain,
                ));
            }
        }
        if !all {
            break;
        }
        at = piece_end + 1;
    }
}

/// `Bearer xxx` and `Basic xxx` outside any header line: in prose, chat,
/// code snippets.
pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 6 < b.len() {
        let Some(p) = super::find_any(b, i, [b'b', b'B']) else {
            break;
        };
        i = p;
        if i + 6 >= b.len() {
            break;
        }
        let c = b[i] | 0x20;
        if c != b'b' || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        if starts_with_ci(b, i, b"bearer ") {
            let s = run_end(b, i + 7, |c| c == b' ');
            let e = run_end(b, s, is_bearer_char);
            if e - s >= 16 && looks_random(&b[s..e]) {
                out.push(Candidate::new(
                    s..e,
                    Kind::Bearer,
                    "bearer.text",
                    Confidence::Likely,
                ));
                i = e;
                continue;
            }
        } else if starts_with_ci(b, i, b"basic ") {
            let s = run_end(b, i + 6, |c| c == b' ');
            let e = run_end(b, s, is_token);
            if let Some(c) = basic(b, s..e, Confidence::Certain, "basic.text") {
                out.push(c);
                i = e;
                continue;
            }
        }
        i += 1;
    }
}

/// Excludes words (`Bearer authentication`) while keeping real tokens.
fn looks_random(t: &[u8]) -> bool {
    let digit = t.iter().any(u8::is_ascii_digit);
    let upper = t.iter().any(u8::is_ascii_uppercase);
    let lower = t.iter().any(u8::is_ascii_lowercase);
    digit || (upper && lower)
}

/// `lang=fr`, `theme=dark`: short lowercase words are preferences, not
/// session tokens, and support needs them.
pub(crate) fn preference(v: &[u8]) -> bool {
    (v.len() <= 12 && v.iter().all(|&c| c.is_ascii_lowercase() || c == b'-')) || analytics(v)
}

/// Analytics cookies as their tags write them (`_ga=GA1.1.1187654321.1763790000`,
/// `_fbp=fb.1.…`): a visitor id and a time, no credential.
fn analytics(v: &[u8]) -> bool {
    [&b"GA1."[..], b"GS1.", b"GS2.", b"fb.1.", b"fb.2."]
        .iter()
        .any(|p| v.starts_with(p))
        && v.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'$' | b'-'))
}
