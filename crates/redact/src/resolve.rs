//! Settles overlapping candidates so findings never overlap.

use crate::scan::{Candidate, Shown};
use crate::{placeholder, Policy};

/// Turns candidates into disjoint findings (see `settle`). Drops what the
/// policy keeps and anything touching an existing placeholder, which is what
/// makes redaction idempotent.
pub(crate) fn select(
    text: &str,
    mut candidates: Vec<Candidate>,
    policy: &Policy,
) -> Vec<Candidate> {
    let protected = placeholder::existing(text);
    candidates.retain(|c| {
        let r = &c.range;
        r.start < r.end
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
            && !placeholder::overlaps(&protected, r)
            && !(c.kind.may_be_kept() && policy.allows(&text[r.clone()]))
    });
    // Detectors emit in order, so this mostly merges sorted runs.
    candidates.sort_by_key(|c| c.range.start);
    let mut chosen = Vec::with_capacity(candidates.len());
    let mut cluster: Vec<Candidate> = Vec::new();
    let mut cluster_end = 0;
    for c in candidates {
        if !cluster.is_empty() && c.range.start >= cluster_end {
            settle(&mut cluster, &mut chosen);
        }
        cluster_end = if cluster.is_empty() {
            c.range.end
        } else {
            cluster_end.max(c.range.end)
        };
        cluster.push(c);
    }
    settle(&mut cluster, &mut chosen);
    chosen.sort_by_key(|c| c.range.start);
    chosen
}

/// One finding per cluster of overlapping candidates: the best by
/// confidence, length and specificity names it, and it grows to cover every
/// member. Leaving the uncovered part of a losing candidate in clear would
/// leak a piece of a secret (and a second pass would find it).
fn settle(cluster: &mut Vec<Candidate>, chosen: &mut Vec<Candidate>) {
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
            best.range = start..end;
            best.merged = true;
            best.shown = Shown::Nothing;
        }
        chosen.push(best);
    }
}
