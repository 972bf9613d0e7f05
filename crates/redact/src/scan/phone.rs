//! West African mobile-money numbers: Côte d'Ivoire (+225, 10 digits since
//! 2021, starting 01/05/07 for mobiles, 2x for landlines) and Senegal (+221,
//! 9 digits, starting 7 for mobiles, 3 for landlines). Written `+225…`,
//! `00225…`, or bare `225…` when the digit run has exactly the right length
//! (MSISDNs in mobile-money logs).

use super::Candidate;
use crate::{Confidence, Kind};

struct Country {
    code: &'static [u8],
    digits: usize,
    first: &'static [u8],
    detail: &'static str,
}

const COUNTRIES: &[Country] = &[
    Country {
        code: b"225",
        digits: 10,
        first: b"02",
        detail: "+225",
    },
    Country {
        code: b"221",
        digits: 9,
        first: b"73",
        detail: "+221",
    },
];

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 3 < b.len() {
        let Some(p) = super::next_trigger(b, i, |c| matches!(c, b'+' | b'0' | b'2')) else {
            break;
        };
        i = p;
        if i + 3 >= b.len() {
            break;
        }
        let c = b[i];
        // `+` starts a number whatever precedes it (`…56+225…` is two numbers).
        let glued = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'+');
        if !(c == b'+' || c == b'0' || c == b'2') || (glued && c != b'+') {
            i += 1;
            continue;
        }
        let (code_at, bare) = match c {
            b'+' => (i + 1, false),
            b'0' if b.get(i + 1) == Some(&b'0') => (i + 2, false),
            b'2' => (i, true),
            _ => {
                i += 1;
                continue;
            }
        };
        let found = COUNTRIES.iter().find_map(|k| {
            let after = code_at + 3;
            (b.get(code_at..after)? == k.code).then_some(())?;
            number(b, after, k, bare).map(|end| (end, k))
        });
        match found {
            Some((end, k)) => {
                out.push(
                    Candidate::new(i..end, Kind::Phone, "phone.uemoa", Confidence::Likely)
                        .detail(k.detail),
                );
                i = end;
            }
            None => i += 1,
        }
    }
}

/// End of the national number after the country code, or `None`.
fn number(b: &[u8], at: usize, k: &Country, bare: bool) -> Option<usize> {
    let mut i = at;
    if !bare && matches!(b.get(i), Some(b' ' | b'-' | b'.')) {
        i += 1;
    }
    if !k.first.contains(b.get(i)?) {
        return None;
    }
    let mut n = 0;
    while n < k.digits {
        match b.get(i) {
            Some(c) if c.is_ascii_digit() => {
                n += 1;
                i += 1;
            }
            Some(b' ' | b'-' | b'.')
                if !bare && n > 0 && b.get(i + 1).is_some_and(u8::is_ascii_digit) =>
            {
                i += 1
            }
            _ => return None,
        }
    }
    (!b.get(i).is_some_and(u8::is_ascii_alphanumeric)).then_some(i)
}
