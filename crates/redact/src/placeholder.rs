//! Placeholders: writing them, and recognising the ones already in a text so
//! that a second pass leaves them alone.

use std::collections::HashMap;
use std::ops::Range;

use crate::scan::{Candidate, Shown};
use crate::{Finding, Kind, Redaction};

/// The numbers given so far: the same value gets the same number, so a reader
/// can follow one key through a whole log, across the chunks of a stream too.
/// Values are remembered by a hash, never in clear.
pub(crate) struct Numbering {
    numbers: HashMap<(Kind, u64), u32>,
    next: [u32; Kind::ALL.len()],
}

impl Default for Numbering {
    fn default() -> Self {
        Self {
            numbers: HashMap::new(),
            next: [0; Kind::ALL.len()],
        }
    }
}

impl Numbering {
    fn number(&mut self, kind: Kind, raw: &str) -> u32 {
        let next = &mut self.next[kind as usize];
        *self
            .numbers
            .entry((kind, identity(kind, raw)))
            .or_insert_with(|| {
                *next += 1;
                *next
            })
    }
}

/// Writes the redacted text and the findings. Candidates are sorted and
/// disjoint.
pub(crate) fn apply(input: &str, chosen: Vec<Candidate>, numbering: &mut Numbering) -> Redaction {
    let mut text = String::with_capacity(input.len());
    let mut findings = Vec::with_capacity(chosen.len());
    let mut at = 0;
    for c in chosen {
        let raw = &input[c.range.clone()];
        let n = numbering.number(c.kind, raw);
        let fingerprint = fingerprint(&c, raw);
        let placeholder = render(&c, n, raw, fingerprint.as_deref());
        text.push_str(&input[at..c.range.start]);
        text.push_str(&placeholder);
        at = c.range.end;
        findings.push(Finding {
            kind: c.kind,
            rule: c.rule,
            range: c.range,
            placeholder,
            confidence: c.confidence,
            fingerprint,
            test: c.test,
        });
    }
    text.push_str(&input[at..]);
    Redaction { text, findings }
}

/// What makes two occurrences "the same secret", as a 64-bit FNV-1a hash:
/// grouping is cosmetic for cards, IBANs and phone numbers.
fn identity(kind: Kind, raw: &str) -> u64 {
    let grouped = matches!(kind, Kind::Card | Kind::Iban | Kind::Phone);
    raw.bytes()
        .filter(|b| !grouped || b.is_ascii_alphanumeric())
        .map(|b| if grouped { b.to_ascii_uppercase() } else { b })
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

fn last_four(raw: &str) -> Option<&str> {
    let tail = raw.get(raw.len().checked_sub(4)?..)?;
    tail.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        .then_some(tail)
}

fn fingerprint(c: &Candidate, raw: &str) -> Option<String> {
    const LONG: usize = 20;
    if !c.kind.may_fingerprint() || raw.len() < LONG {
        return None;
    }
    let tail = last_four(raw)?;
    match c.shown {
        Shown::Nothing => None,
        Shown::LastFour => Some(format!("...{tail}")),
        Shown::Prefix(n) => Some(format!("{}...{tail}", raw.get(..usize::from(n))?)),
    }
}

/// `n` in decimal, without the formatting machinery.
fn itoa(mut n: u32, buf: &mut [u8; 10]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

fn render(c: &Candidate, n: u32, raw: &str, fingerprint: Option<&str>) -> String {
    let mut p = String::with_capacity(48);
    p.push('[');
    p.push_str(c.kind.as_str());
    p.push('#');
    p.push_str(itoa(n, &mut [0; 10]));
    if c.test {
        p.push_str(" TEST");
    }
    if !c.detail.is_empty() {
        p.push(' ');
        p.push_str(c.detail);
    }
    match c.kind {
        _ if c.merged => {}
        Kind::Card => {
            let digits: Vec<u8> = raw.bytes().filter(u8::is_ascii_digit).collect();
            if let Some(t) = digits.get(digits.len().saturating_sub(4)..) {
                p.push_str(" ****");
                p.extend(t.iter().map(|&b| char::from(b)));
            }
        }
        Kind::Iban => {
            let alnum: Vec<u8> = raw.bytes().filter(u8::is_ascii_alphanumeric).collect();
            if alnum.len() > 8 {
                p.push(' ');
                p.extend(alnum[..2].iter().map(|&b| char::from(b)));
                p.push_str(" ****");
                p.extend(alnum[alnum.len() - 4..].iter().map(|&b| char::from(b)));
            }
        }
        _ => {}
    }
    if let Some(f) = fingerprint {
        p.push(' ');
        p.push_str(f);
    }
    p.push(']');
    p
}

/// Placeholders already present in `text`, sorted and disjoint: `[KIND#n]` or
/// `[KIND#n detail]` with a known kind name.
pub(crate) fn existing(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = crate::scan::find_byte(b, i, b'[') {
        if let Some(end) = parse_at(b, p) {
            out.push(p..end);
            i = end;
        } else {
            i = p + 1;
        }
    }
    out
}

fn parse_at(b: &[u8], start: usize) -> Option<usize> {
    let name_end = crate::scan::run_end(b, start + 1, |c| c.is_ascii_uppercase() || c == b'_');
    if b.get(name_end) != Some(&b'#') {
        return None;
    }
    let name = std::str::from_utf8(&b[start + 1..name_end]).ok()?;
    Kind::from_name(name)?;
    let num_end = crate::scan::run_end(b, name_end + 1, |c| c.is_ascii_digit());
    if num_end == name_end + 1 {
        return None;
    }
    match b.get(num_end) {
        Some(b']') => Some(num_end + 1),
        Some(b' ') => {
            // Details are short; bounding the search keeps this linear.
            let limit = (num_end + 80).min(b.len());
            let close = b[num_end..limit]
                .iter()
                .position(|&c| matches!(c, b']' | b'[' | b'\n'))?;
            (b[num_end + close] == b']').then_some(num_end + close + 1)
        }
        _ => None,
    }
}

/// Whether `r` overlaps one of the sorted, disjoint `spans`.
pub(crate) fn overlaps(spans: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = spans.partition_point(|s| s.end <= r.start);
    spans.get(i).is_some_and(|s| s.start < r.end)
}

/// Sorted spans merged into sorted, disjoint ones, as [`overlaps`] needs.
pub(crate) fn disjoint(sorted: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}
