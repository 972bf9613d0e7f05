//! Settles overlapping candidates so findings never overlap.

use std::collections::BTreeMap;

use crate::scan::Candidate;
use crate::{placeholder, Policy};

/// Keeps a non-overlapping subset, preferring confidence, then the longer span
/// (a key-name match around a value hides all of it), then the more specific
/// kind. Drops what the policy keeps and anything touching an existing
/// placeholder, which is what makes redaction idempotent.
pub(crate) fn select(text: &str, mut candidates: Vec<Candidate>, policy: &Policy) -> Vec<Candidate> {
    let protected = placeholder::existing(text);
    candidates.retain(|c| {
        let r = &c.range;
        r.start < r.end
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
            && !placeholder::overlaps(&protected, r)
            && !(c.kind.may_be_kept() && policy.allows(&text[r.clone()]))
    });
    candidates.sort_by(|a, b| {
        b.confidence
            .cmp(&a.confidence)
            .then((b.range.end - b.range.start).cmp(&(a.range.end - a.range.start)))
            .then(b.kind.specificity().cmp(&a.kind.specificity()))
            .then(a.range.start.cmp(&b.range.start))
    });
    // start -> end of each chosen span; the neighbours of a new span tell
    // whether it overlaps, in logarithmic time.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut chosen = Vec::new();
    for c in candidates {
        let (s, e) = (c.range.start, c.range.end);
        let before = taken.range(..e).next_back();
        if before.is_some_and(|(_, &end)| end > s) {
            continue;
        }
        taken.insert(s, e);
        chosen.push(c);
    }
    chosen.sort_by_key(|c| c.range.start);
    chosen
}
