//! Redaction of a large input in pieces, so that a page redacting a 10 MiB
//! attachment can give the browser back its thread between them.
//!
//! Each call redacts a window: some text already written, kept as context
//! (detectors read a little around a value: the key before it, a keyword on
//! the line), then the new text. It writes up to a safe cut, holds the rest
//! back for the next call and never cuts inside a finding or an open PEM
//! block. A table's header row is carried along, as it names the columns of
//! rows far below it. Placeholders are numbered across the whole stream.

use std::borrow::Cow;

use crate::placeholder::{self, Numbering};
use crate::scan::{Candidate, Shown};
use crate::{settle, Policy, Redaction};

/// Text already written that the next window reads again as context.
const CONTEXT: usize = 8 << 10;
/// New text held back, as what follows may change a finding near its end.
const TAIL: usize = 4 << 10;
/// A line longer than this (minified JSON) may be cut at a separator.
const LONG_LINE: usize = 64 << 10;
/// Past this much pending text, an unterminated PEM block no longer holds the cut.
const MAX_PENDING: usize = 1 << 20;
/// A header row longer than this is no table's.
const MAX_HEAD: usize = 1 << 10;

/// Redacts an input given in pieces. Feed it with [`Stream::push`], end with
/// [`Stream::finish`]; each returns the redaction of the next stretch of the
/// input (possibly empty), and their texts concatenated are the redacted
/// input. Finding ranges are positions in the whole input.
///
/// ```
/// use guichet_redact::{Policy, Stream};
/// let mut stream = Stream::new(Policy::default());
/// let mut text = stream.push("password=hunter2\ncard 4242 4242 4242 4242\n").text;
/// text += &stream.finish().text;
/// assert_eq!(text, "password=[PASSWORD#1]\ncard [CARD#1 VISA ****4242]\n");
/// ```
///
/// Holds no secret once a call returns except the text held back, and is
/// not `Debug` so that it cannot print it.
pub struct Stream {
    policy: Policy,
    numbering: Numbering,
    /// The first line of the paragraph being read, once it has left `buf`.
    head: String,
    /// Text kept: `seen` bytes already written (context), then pending text.
    buf: String,
    seen: usize,
    /// Position of `buf` in the input.
    base: usize,
}

impl Stream {
    #[must_use]
    pub fn new(policy: Policy) -> Self {
        Self {
            policy,
            numbering: Numbering::default(),
            head: String::new(),
            buf: String::new(),
            seen: 0,
            base: 0,
        }
    }

    /// Adds the next piece of input and redacts what is now settled. The
    /// work done is proportional to the piece (plus a few KiB of context).
    pub fn push(&mut self, piece: &str) -> Redaction {
        self.buf.push_str(piece);
        self.run(false)
    }

    /// Redacts what is left.
    #[must_use]
    pub fn finish(mut self) -> Redaction {
        self.run(true)
    }

    fn run(&mut self, last: bool) -> Redaction {
        let pre = if self.head.is_empty() {
            0
        } else {
            self.head.len() + 1
        };
        let window: Cow<'_, str> = if pre == 0 {
            Cow::Borrowed(&self.buf)
        } else {
            Cow::Owned(format!("{}\n{}", self.head, self.buf))
        };
        let from = pre + self.seen;
        let chosen = settle(&window, &self.policy);
        let cut = if last {
            Some(window.len())
        } else {
            safe_cut(&window, from, &chosen)
        };
        let Some(cut) = cut else {
            return Redaction {
                text: String::new(),
                findings: Vec::new(),
            };
        };
        let mine = chosen
            .into_iter()
            .filter(|c| c.range.end > from && c.range.start < cut)
            .map(|c| within(c, from, cut))
            .collect();
        let mut out = placeholder::apply(&window[from..cut], mine, &mut self.numbering);
        drop(window);
        let written = self.base + self.seen;
        for f in &mut out.findings {
            f.range = f.range.start + written..f.range.end + written;
        }
        self.keep_context(cut - pre);
        out
    }

    /// Drops what the next window no longer needs: all but the last
    /// [`CONTEXT`] bytes before `cut`, from a line start where there is one.
    fn keep_context(&mut self, cut: usize) {
        let b = self.buf.as_bytes();
        let mut keep = cut.saturating_sub(CONTEXT);
        while !self.buf.is_char_boundary(keep) {
            keep += 1;
        }
        if let Some(nl) = b[keep..cut].iter().position(|&c| c == b'\n') {
            keep += nl + 1;
        }
        // The paragraph's first line, if it is about to leave: a header row.
        let para = b[..keep]
            .windows(2)
            .rposition(|w| w == b"\n\n")
            .map(|p| p + 2);
        match para {
            Some(p) if p == keep => self.head.clear(),
            Some(p) => {
                let end = b[p..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |e| p + e);
                self.head.clear();
                if end - p <= MAX_HEAD && end < keep {
                    self.head.push_str(&self.buf[p..end]);
                }
            }
            None if self.base == 0 => {
                // Still in the input's first paragraph: its first line.
                let end = b.iter().position(|&c| c == b'\n').unwrap_or(b.len());
                if end <= MAX_HEAD && end < keep {
                    self.head.push_str(&self.buf[..end]);
                }
            }
            None => {}
        }
        self.buf.drain(..keep);
        self.base += keep;
        self.seen = cut - keep;
    }
}

/// Where to end this window's output: after the last line break before the
/// held-back tail (or a separator, on a very long line), moved back to the
/// start of a finding or of an open PEM block it would fall into. `None`
/// when nothing can be written yet.
fn safe_cut(window: &str, from: usize, chosen: &[Candidate]) -> Option<usize> {
    let b = window.as_bytes();
    let limit = b.len().checked_sub(TAIL)?;
    let fresh = b.get(from..limit)?;
    let mut at = match fresh.iter().rposition(|&c| c == b'\n') {
        Some(p) => from + p + 1,
        None if fresh.len() > LONG_LINE => {
            from + fresh
                .iter()
                .rposition(|&c| matches!(c, b',' | b' ' | b'&' | b';' | b'\t'))?
                + 1
        }
        None => return None,
    };
    if b.len() - from <= MAX_PENDING {
        if let Some(begin) = rfind(&b[from..at], b"-----BEGIN ") {
            if rfind(&b[from + begin..at], b"-----END ").is_none() {
                at = from + begin;
            }
        }
    }
    if let Some(c) = chosen
        .iter()
        .find(|c| c.range.start < at && at < c.range.end)
    {
        at = c.range.start;
    }
    (at > from).then_some(at)
}

/// `c` clipped to `from..cut` and moved to start at `from`. A finding that
/// crosses a cut (only on a forced one) is redacted on both sides, showing
/// nothing of itself.
fn within(mut c: Candidate, from: usize, cut: usize) -> Candidate {
    if c.range.start < from || c.range.end > cut {
        c.range = c.range.start.max(from)..c.range.end.min(cut);
        c.merged = true;
        c.shown = Shown::Nothing;
    }
    c.range = c.range.start - from..c.range.end - from;
    c
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
