//! Payment card numbers: 13 to 19 digits, optionally grouped by single spaces
//! or dashes, accepted only with a valid Luhn check digit AND a known issuer
//! range and length. Masked numbers (`424242******4242`) never match: a digit
//! run touching `*` is rejected.

use super::Candidate;
use crate::{Confidence, Kind};

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    // Reused across runs: no allocation per digit.
    let mut groups = Vec::new();
    while let Some(p) = super::find_range(b, i, b'0', b'9') {
        i = p;
        let run_end = scan_run(b, i, &mut groups, out);
        i = run_end.max(i + 1);
    }
}

/// Handles the run of digit groups starting at `start`; returns its end.
fn scan_run(
    b: &[u8],
    start: usize,
    groups: &mut Vec<(usize, usize)>,
    out: &mut Vec<Candidate>,
) -> usize {
    // Most runs are one short group (an amount, a time): done at once.
    let e = super::run_end(b, start, |c| c.is_ascii_digit());
    let grouped =
        matches!(b.get(e), Some(b' ' | b'-')) && b.get(e + 1).is_some_and(u8::is_ascii_digit);
    if e - start < 13 && !grouped {
        return e;
    }
    // Groups: (start, end) of each digit run, separated by one space or dash.
    groups.clear();
    let mut at = start;
    let mut sep = 0u8;
    loop {
        let e = super::run_end(b, at, |c| c.is_ascii_digit());
        groups.push((at, e));
        let s = b.get(e).copied();
        let next_digit = b.get(e + 1).is_some_and(u8::is_ascii_digit);
        match s {
            Some(c @ (b' ' | b'-')) if next_digit && (sep == 0 || sep == c) => {
                sep = c;
                at = e + 1;
            }
            _ => break,
        }
    }
    let n = groups.len();
    let run_end = groups[n - 1].1;
    // Dates, times and amounts: too few digits in all for any card.
    if groups.iter().map(|(s, e)| e - s).sum::<usize>() < 13 {
        return run_end;
    }
    // A dash inside a hyphenated identifier (`ORDER-4111…`) is not a separator.
    let glued_dash = start >= 2 && b[start - 1] == b'-' && b[start - 2].is_ascii_alphanumeric();
    let before_ok = start == 0 || !(bad_neighbour(b[start - 1]) || glued_dash);
    let after_ok = |e: usize| match b.get(e) {
        None => true,
        // No amount has 13 integer digits, so a following `.` or `,` is
        // punctuation, not a decimal part.
        Some(&c) if c.is_ascii_alphanumeric() || c == b'*' || c == b'_' => false,
        _ => true,
    };
    let mut digits = [0u8; 19];
    let mut s = 0;
    while s < n {
        if s == 0 && !before_ok {
            s += 1;
            continue;
        }
        let mut len = 0;
        let mut found = None;
        for (e, &(gs, ge)) in groups.iter().enumerate().skip(s) {
            if len + (ge - gs) > 19 {
                break;
            }
            digits[len..len + ge - gs].copy_from_slice(&b[gs..ge]);
            len += ge - gs;
            if len >= 13 && (e + 1 < n || after_ok(ge)) {
                if let Some(brand) = brand(&digits[..len]) {
                    if luhn(&digits[..len]) {
                        found = Some((e, brand));
                    }
                }
            }
        }
        if let Some((e, brand)) = found {
            out.push(
                Candidate::new(
                    groups[s].0..groups[e].1,
                    Kind::Card,
                    "card.luhn-iin",
                    Confidence::Certain,
                )
                .detail(brand),
            );
            s = e + 1;
        } else {
            s += 1;
        }
    }
    run_end
}

const fn bad_neighbour(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'*' | b'_' | b'/' | b'+' | b'#' | b'x' | b'X' | b'.' | b'\xe2'
        )
}

pub(crate) fn luhn(d: &[u8]) -> bool {
    let mut sum = 0u32;
    for (k, &c) in d.iter().rev().enumerate() {
        let mut v = u32::from(c - b'0');
        if k % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

fn prefix(d: &[u8], n: usize) -> u32 {
    d[..n].iter().fold(0, |a, &c| a * 10 + u32::from(c - b'0'))
}

/// Issuer from the IIN ranges and lengths networks publish.
pub(crate) fn brand(d: &[u8]) -> Option<&'static str> {
    let len = d.len();
    let p2 = prefix(d, 2);
    let p3 = prefix(d, 3);
    let p4 = prefix(d, 4);
    let p6 = prefix(d, 6);
    let brand = if matches!(p6, 506_099..=506_198 | 650_002..=650_027 | 507_865..=507_964) {
        ("VERVE", matches!(len, 16 | 18 | 19))
    } else if d[0] == b'4' {
        ("VISA", matches!(len, 13 | 16 | 19))
    } else if p2 == 34 || p2 == 37 {
        ("AMEX", len == 15)
    } else if (51..=55).contains(&p2) || (2221..=2720).contains(&p4) {
        ("MASTERCARD", len == 16)
    } else if (300..=305).contains(&p3) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39 {
        ("DINERS", (14..=19).contains(&len))
    } else if (3528..=3589).contains(&p4) {
        ("JCB", (16..=19).contains(&len))
    } else if p4 == 6011
        || (644..=649).contains(&p3)
        || p2 == 65
        || (622_126..=622_925).contains(&p6)
    {
        ("DISCOVER", (16..=19).contains(&len))
    } else if p2 == 62 {
        ("UNIONPAY", (16..=19).contains(&len))
    } else if p2 == 50 || (56..=58).contains(&p2) || p2 == 67 || p4 == 6304 {
        ("MAESTRO", (13..=19).contains(&len))
    } else {
        return None;
    };
    brand.1.then_some(brand.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands() {
        assert_eq!(brand(b"4242424242424242"), Some("VISA"));
        assert_eq!(brand(b"2223003122003222"), Some("MASTERCARD"));
        assert_eq!(brand(b"378282246310005"), Some("AMEX"));
        assert_eq!(brand(b"6011111111111117"), Some("DISCOVER"));
        assert_eq!(brand(b"3566002020360505"), Some("JCB"));
        assert_eq!(brand(b"6200000000000005"), Some("UNIONPAY"));
        assert_eq!(brand(b"36227206271667"), Some("DINERS"));
        assert_eq!(brand(b"5061000000000000"), Some("VERVE"));
        assert_eq!(brand(b"1736760000000"), None);
        assert!(luhn(b"4242424242424242"));
        assert!(!luhn(b"4242424242424241"));
    }
}
