//! IBANs: per-country length, then the ISO 13616 mod-97 check, with or without
//! spaces. Includes the UEMOA countries (CI, SN, BJ, BF, ML, NE, TG: 28
//! characters; GW: 25) and CEMAC, whose banks issue IBANs outside the SWIFT
//! registry.

use super::Candidate;
use crate::{Confidence, Kind};

/// Country code and total length.
const LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BI", 27),
    (b"BR", 29),
    (b"BY", 28),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DJ", 27),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FK", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"LY", 25),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MN", 20),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NI", 28),
    (b"NL", 18),
    (b"NO", 15),
    (b"OM", 23),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"RU", 33),
    (b"SA", 24),
    (b"SC", 31),
    (b"SD", 18),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"SO", 23),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
    (b"YE", 30),
    // UEMOA
    (b"BF", 28),
    (b"BJ", 28),
    (b"CI", 28),
    (b"GW", 25),
    (b"ML", 28),
    (b"NE", 28),
    (b"SN", 28),
    (b"TG", 28),
    // CEMAC and other African IBAN-like formats
    (b"CM", 27),
    (b"CF", 27),
    (b"CG", 27),
    (b"GA", 27),
    (b"GQ", 27),
    (b"TD", 27),
    (b"MA", 28),
    (b"DZ", 26),
    (b"AO", 25),
    (b"CV", 25),
    (b"MG", 27),
    (b"MZ", 25),
    (b"KM", 27),
];

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let Some(p) = super::find_range(b, i, b'A', b'Z') else {
            break;
        };
        i = p;
        if i + 4 > b.len() {
            break;
        }
        let start_ok = b[i].is_ascii_uppercase()
            && b[i + 1].is_ascii_uppercase()
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !start_ok {
            // No IBAN starts inside a word: the rest of it is skipped whole.
            i = super::run_end(b, i + 1, |c| c.is_ascii_alphanumeric());
            continue;
        }
        if let Some(end) = iban_at(b, i) {
            out.push(Candidate::new(
                i..end,
                Kind::Iban,
                "iban.mod97",
                Confidence::Certain,
            ));
            i = end;
        } else {
            i += 1;
        }
    }
}

fn iban_at(b: &[u8], start: usize) -> Option<usize> {
    let cc = [b[start], b[start + 1]];
    let len = LENGTHS.iter().find(|(c, _)| **c == cc)?.1;
    let mut chars = [0u8; 34];
    let mut n = 0;
    let mut i = start;
    while n < len {
        let c = *b.get(i)?;
        if c.is_ascii_uppercase() || c.is_ascii_digit() {
            chars[n] = c;
            n += 1;
            i += 1;
        } else if c == b' ' && n % 4 == 0 && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        } else {
            return None;
        }
    }
    if b.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    mod97(&chars[..len]).then_some(i)
}

/// ISO 13616: move the first four characters to the end, read letters as
/// 10..35, and the number must be 1 modulo 97.
pub(crate) fn mod97(iban: &[u8]) -> bool {
    let (head, tail) = iban.split_at(4);
    let mut rem = 0u32;
    for &c in tail.iter().chain(head) {
        rem = if c.is_ascii_digit() {
            (rem * 10 + u32::from(c - b'0')) % 97
        } else {
            (rem * 100 + u32::from(c - b'A') + 10) % 97
        };
    }
    rem == 1
}

#[cfg(test)]
mod tests {
    #[test]
    fn checksum() {
        assert!(super::mod97(b"FR1420041010050500013M02606"));
        assert!(super::mod97(b"GB82WEST12345698765432"));
        assert!(!super::mod97(b"GB82WEST12345698765433"));
    }
}
