//! Guichet's redaction engine: finds secrets in support material (HTTP dumps,
//! curl commands, JSON logs, `.env` files, HAR files, prose) and replaces them
//! with typed, numbered placeholders, keeping every identifier a support agent
//! needs.
//!
//! The engine is pure Rust with no runtime dependency so that it costs little in
//! the browser: detectors are hand-written, each prefiltered on cheap bytes, and
//! run in time linear in the input.
//!
//! ```
//! use guichet_redact::{redact, Policy};
//! let out = redact("Authorization: Bearer sprod_4bV9kQz2mXw7LpR8tN3yHc6d", &Policy::default());
//! assert_eq!(out.text, "Authorization: Bearer [STANCER_SECRET_KEY#1 sprod_...Hc6d]");
//! ```

mod finding;
mod kind;
mod names;
mod pairs;
mod placeholder;
mod policy;
mod resolve;
mod scan;
mod stream;

pub use finding::{Confidence, Finding, Redaction};
pub use kind::Kind;
pub use policy::Policy;
pub use stream::Stream;

use placeholder::Numbering;

/// Redacts `input` under `policy` (for a file name, [`redact_file_name`]).
///
/// Text outside the returned findings is copied byte for byte; redacting the
/// output again finds nothing. For large inputs that must not block a page,
/// see [`Stream`].
#[must_use]
pub fn redact(input: &str, policy: &Policy) -> Redaction {
    placeholder::apply(input, settle(input, policy), &mut Numbering::default())
}

/// Redacts a file name. A name is read as text, and again from after each
/// `_`: the engine reads `_` as part of a word, as code spells names, so a key
/// joined to a name by one (`incident_sprod_….log`) would start no word of its
/// own, while in file names `_` is what separates words.
#[must_use]
pub fn redact_file_name(name: &str, policy: &Policy) -> Redaction {
    let starts = std::iter::once(0).chain(name.match_indices('_').map(|(i, _)| i + 1));
    let mut chosen: Vec<scan::Candidate> = Vec::new();
    for start in starts {
        for mut c in settle(&name[start..], policy) {
            c.range = c.range.start + start..c.range.end + start;
            // A later start can only find again, or find inside, what an earlier one found.
            if chosen
                .iter()
                .all(|k| k.range.end <= c.range.start || c.range.end <= k.range.start)
            {
                chosen.push(c);
            }
        }
    }
    chosen.sort_by_key(|c| c.range.start);
    placeholder::apply(name, chosen, &mut Numbering::default())
}

/// The findings to make in `input`: sorted, disjoint candidates.
fn settle(input: &str, policy: &Policy) -> Vec<scan::Candidate> {
    let mut unsettled = false;
    let candidates = scan::all(input, policy);
    let mut chosen = resolve::select(input, candidates, policy, &mut unsettled);
    // Detectors read a little context around a value, and redaction changes
    // the context of whatever touches a finding: two secrets glued without a
    // separator, a candidate that ran into a placeholder or was merged. Only
    // then is the output scanned again, and what that finds (always between
    // placeholders, where output and input agree byte for byte) is added,
    // until nothing new turns up. Ordinary text pays nothing.
    if !(unsettled || resolve::touching(input, &chosen)) {
        return chosen;
    }
    for _ in 0..MAX_ROUNDS {
        let out = placeholder::apply(input, chosen.clone(), &mut Numbering::default());
        let mut ignored = false;
        let more = resolve::select(
            &out.text,
            scan::all(&out.text, policy),
            policy,
            &mut ignored,
        );
        if more.is_empty() {
            break;
        }
        resolve::merge_back(&mut chosen, &out, more);
    }
    chosen
}

/// Rounds of re-examination before giving up; each one only adds findings,
/// and glued secrets settle in one or two.
const MAX_ROUNDS: usize = 4;
