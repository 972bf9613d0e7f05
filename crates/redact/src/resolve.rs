//! Settles overlapping candidates so findings never overlap.

use crate::scan::{Candidate, Shown};
use crate::{placeholder, Policy, Redaction};

/// Turns candidates into disjoint findings (see `settle`). Drops what the
/// policy keeps and anything touching an existing placeholder, which is what
/// makes redaction idempotent.
///
/// Sets `unsettled` when the outcome depended on neighbours that redaction
/// changes: a candidate ran into an existing placeholder, or losing
/// candidates were merged into a winner. A second look at the redacted text
/// may then find more (see `crate::redact`).
pub(crate) fn select(
    text: &str,
    mut candidates: Vec<Candidate>,
    policy: &Policy,
    unsettled: &mut bool,
) -> Vec<Candidate> {
    let protected = placeholder::existing(text);
    candidates.retain(|c| {
        let r = &c.range;
        if r.start >= r.end || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            return false;
        }
        if placeholder::overlaps(&protected, r) {
            *unsettled = true;
            return false;
        }
        !(c.kind.may_be_kept() && policy.allows(&text[r.clone()]))
    });
    // Detectors emit in order, so this mostly merges sorted runs.
    candidates.sort_by_key(|c| c.range.start);
    let mut chosen = Vec::with_capacity(candidates.len());
    let mut cluster: Vec<Candidate> = Vec::new();
    let mut cluster_end = 0;
    for c in candidates {
        if !cluster.is_empty() && c.range.start >= cluster_end {
            settle(&mut cluster, &mut chosen, unsettled);
        }
        cluster_end = if cluster.is_empty() {
            c.range.end
        } else {
            cluster_end.max(c.range.end)
        };
        cluster.push(c);
    }
    settle(&mut cluster, &mut chosen, unsettled);
    chosen.sort_by_key(|c| c.range.start);
    chosen
}

/// One finding per cluster of overlapping candidates: the best by
/// confidence, length and specificity names it, and it grows to cover every
/// member. Leaving the uncovered part of a losing candidate in clear would
/// leak a piece of a secret (and a second pass would find it).
fn settle(cluster: &mut Vec<Candidate>, chosen: &mut Vec<Candidate>, unsettled: &mut bool) {
    let Some(start) = cluster.iter().map(|c| c.range.start).min() else {
        return;
    };
    let end = cluster.iter().map(|c| c.range.end).max().unwrap_or(start);
    let best = cluster.drain(..).max_by(|a, b| {
        a.confidence
            .cmp(&b.confidence)
            .then((a.range.end - a.range.start).cmp(&(b.range.end - b.range.start)))
            .then(a.kind.specificity().cmp(&b.kind.specificity()))
            .then(b.range.start.cmp(&a.range.start))
    });
    if let Some(mut best) = best {
        if best.range != (start..end) {
            *unsettled = true;
            best.range = start..end;
            best.merged = true;
            best.shown = Shown::Nothing;
        }
        chosen.push(best);
    }
}

/// Whether a finding touches a byte that detectors read as part of a token
/// or as evidence (`sprod_…` glued to a card number, `#` before a code), so
/// that replacing its neighbour with a placeholder could change their mind.
pub(crate) fn touching(text: &str, chosen: &[Candidate]) -> bool {
    let b = text.as_bytes();
    let sticky = |c: u8| {
        !c.is_ascii_whitespace()
            && !matches!(
                c,
                b'"' | b'\''
                    | b'`'
                    | b'='
                    | b':'
                    | b'&'
                    | b';'
                    | b','
                    | b'('
                    | b')'
                    | b'{'
                    | b'}'
                    | b'<'
                    | b'>'
                    | b'|'
            )
    };
    // Sentence punctuation before a blank or the end is no part of a token.
    let after = |e: usize| {
        b.get(e).is_some_and(|&x| {
            sticky(x)
                && !(matches!(x, b'.' | b'!' | b'?')
                    && b.get(e + 1).is_none_or(u8::is_ascii_whitespace))
        })
    };
    chosen
        .iter()
        .any(|c| (c.range.start > 0 && sticky(b[c.range.start - 1])) || after(c.range.end))
}

/// Adds findings made on `out.text` to `chosen`, in input coordinates. They
/// lie between placeholders (the second pass drops anything overlapping
/// one), where the output copies the input.
pub(crate) fn merge_back(chosen: &mut Vec<Candidate>, out: &Redaction, more: Vec<Candidate>) {
    // (start in output, start in input) of each stretch of copied text.
    let mut gaps = Vec::with_capacity(out.findings.len() + 1);
    let (mut at_out, mut at_in) = (0, 0);
    for f in &out.findings {
        gaps.push((at_out, at_in));
        at_out += f.range.start - at_in + f.placeholder.len();
        at_in = f.range.end;
    }
    gaps.push((at_out, at_in));
    for mut c in more {
        let g = gaps.partition_point(|&(o, _)| o <= c.range.start) - 1;
        let (o, i) = gaps[g];
        c.range = c.range.start - o + i..c.range.end - o + i;
        chosen.push(c);
    }
    chosen.sort_by_key(|c| c.range.start);
}
