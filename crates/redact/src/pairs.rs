//! A set of two-byte pairs, ASCII case folded, built at compile time from
//! word lists: a detector that matches words from a list
//! turns most words away on one lookup of their first or last two bytes.

#[derive(Clone, Copy)]
pub(crate) struct Pairs([u64; 16]);

impl Pairs {
    pub const EMPTY: Self = Self([0; 16]);

    /// Slot of a pair: the low five bits of each byte, which are the same for
    /// a letter in either case. Other bytes may share a slot with a letter:
    /// the set says "maybe" a little more often, never "no" wrongly.
    const fn slot(a: u8, b: u8) -> usize {
        ((a as usize & 31) << 5) | (b as usize & 31)
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

/// The set of the first two bytes of each entry's word in a const list:
/// `starts_of!(LIST, |entry| entry.word)`.
macro_rules! starts_of {
    ($list:expr, |$e:ident| $word:expr) => {{
        let mut set = $crate::pairs::Pairs::EMPTY;
        let mut k = 0;
        while k < $list.len() {
            let $e = &$list[k];
            set = set.with($word[0], $word[1]);
            k += 1;
        }
        set
    }};
}
pub(crate) use starts_of;
