//! XML elements whose local name is sensitive (`<wsse:Password>`,
//! `<pay:CVV2>`, `<password>`): their text content is the secret. Attributes
//! (`validationKey="…"`) are `key=value` pairs, left to the kv scanner.

use super::kv::value;
use super::{run_end, Candidate};
use std::ops::Range;

use crate::names::{classify, is_public, KeyClass};

/// Text content longer than this is a document, not a value.
const MAX_CONTENT: usize = 4096;

/// Also records in `public` the content of elements naming identifiers and
/// nonces (`<wsse:Nonce>`), which only look random.
pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>, public: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = super::find_byte(b, i, b'<') {
        i = p + 1;
        let name_start = p + 1;
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = run_end(b, name_start, |c| {
            c.is_ascii_alphanumeric() || matches!(c, b':' | b'_' | b'-' | b'.')
        });
        let name = &b[name_start..name_end];
        let local = name
            .iter()
            .rposition(|&c| c == b':')
            .map_or(name, |c| &name[c + 1..]);
        // The end of the start tag, on the same line.
        let limit = (name_end + 512).min(b.len());
        let Some(gt) = b[name_end..limit]
            .iter()
            .position(|&c| c == b'>' || c == b'<' || c == b'\n')
            .map(|g| name_end + g)
        else {
            i = name_end;
            continue;
        };
        if b[gt] != b'>' || b[gt - 1] == b'/' {
            i = name_end;
            continue;
        }
        // `<string name="refresh_token">…</string>` (Android's shared
        // preferences, .NET settings): the attribute names the content.
        let named = |key: &[u8]| match classify(key) {
            Some(KeyClass::Value(kind)) => Some(Some(kind)),
            _ if is_public(key) => Some(None),
            _ => None,
        };
        let Some(kind) = named(local).or_else(|| named(named_by(&b[name_end..gt])?)) else {
            i = name_end;
            continue;
        };
        let cs = gt + 1;
        let climit = (cs + MAX_CONTENT).min(b.len());
        let Some(ce) = b[cs..climit]
            .iter()
            .position(|&c| c == b'<')
            .map(|e| cs + e)
        else {
            i = cs;
            continue;
        };
        // Only a closing tag of the same name makes this a value.
        let close = &b[ce..];
        if !(close.starts_with(b"</") && close[2..].starts_with(name)) {
            i = cs;
            continue;
        }
        let vs = run_end(b, cs, |c| c.is_ascii_whitespace()).min(ce);
        let ve = vs + b[vs..ce].trim_ascii_end().len();
        match kind {
            Some(kind) if ve > vs => value(b, vs..ve, kind, "xml.element", out),
            None if ve > vs => public.push(vs..ve),
            _ => {}
        }
        i = ce;
    }
}

/// The value of a `name="…"` or `key="…"` attribute in a start tag.
fn named_by(tag: &[u8]) -> Option<&[u8]> {
    [&b" name=\""[..], b" key=\""].iter().find_map(|a| {
        let at = tag.windows(a.len()).position(|w| w == *a)? + a.len();
        let end = tag[at..].iter().position(|&c| c == b'"')? + at;
        Some(&tag[at..end])
    })
}
