//! A set of two-byte pairs (ASCII letters and digits, case folded), built at
//! compile time from word lists: a detector that matches words from a list
//! turns most words away on one lookup of their first or last two bytes.

#[derive(Clone, Copy)]
pub(crate) struct Pairs([u64; 22]);

impl Pairs {
    pub const EMPTY: Self = Self([0; 22]);

    /// Slot of a pair: 36 letters and digits, and one for anything else.
    const fn slot(a: u8, b: u8) -> usize {
        const fn one(c: u8) -> usize {
            match c.to_ascii_lowercase() {
                c @ b'a'..=b'z' => (c - b'a') as usize,
                c @ b'0'..=b'9' => 26 + (c - b'0') as usize,
                _ => 36,
            }
        }
        one(a) * 37 + one(b)
    }

    #[must_use]
    pub const fn with(mut self, a: u8, b: u8) -> Self {
        let s = Self::slot(a, b);
        self.0[s / 64] |= 1 << (s % 64);
        self
    }

    #[inline]
    pub const fn contains(&self, a: u8, b: u8) -> bool {
        let s = Self::slot(a, b);
        self.0[s / 64] & (1 << (s % 64)) != 0
    }
}
