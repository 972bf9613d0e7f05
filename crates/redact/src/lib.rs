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
mod placeholder;
mod policy;
mod resolve;
mod scan;

pub use finding::{Confidence, Finding, Redaction};
pub use kind::Kind;
pub use policy::Policy;

/// Redacts `input` under `policy`.
///
/// Text outside the returned findings is copied byte for byte; redacting the
/// output again finds nothing.
#[must_use]
pub fn redact(input: &str, policy: &Policy) -> Redaction {
    let candidates = scan::all(input, policy);
    let chosen = resolve::select(input, candidates, policy);
    placeholder::apply(input, chosen)
}
