//! Phone numbers. West African mobile-money numbers first: Côte d'Ivoire
//! (+225, 10 digits since 2021, 01/05/07 for mobiles, 2x for landlines),
//! Senegal (+221, 9 digits), Mali, Burkina Faso, Niger, Togo (8 digits),
//! Benin (8 digits, 10 since 2024), Guinea (9); then the European numbers
//! merchants write in signatures (France, Italy). Written `+225…` or
//! `00225…`; bare `225…` only with the exact length and a phone word
//! (`msisdn`, `phone`, `tel`…) shortly before, since bare digit runs are
//! usually order numbers. National numbers without a country code only in
//! the grouping people write them in (`07 07 12 34 56`, `77 654 32 10`).

use super::Candidate;
use crate::{Confidence, Kind};

struct Country {
    code: &'static [u8],
    min: usize,
    max: usize,
    first: &'static [u8],
    detail: &'static str,
}

const fn c(
    code: &'static [u8],
    min: usize,
    max: usize,
    first: &'static [u8],
    detail: &'static str,
) -> Country {
    Country {
        code,
        min,
        max,
        first,
        detail,
    }
}

// Three-digit codes before the two-digit ones they do not prefix anyway.
const COUNTRIES: &[Country] = &[
    c(b"225", 10, 10, b"0257", "+225"),
    c(b"221", 9, 9, b"73", "+221"),
    c(b"223", 8, 8, b"2456789", "+223"),
    c(b"224", 9, 9, b"36", "+224"),
    c(b"226", 8, 8, b"2567", "+226"),
    c(b"227", 8, 8, b"2789", "+227"),
    c(b"228", 8, 8, b"279", "+228"),
    c(b"229", 8, 10, b"0123456789", "+229"),
    c(b"233", 9, 9, b"235", "+233"),
    c(b"234", 10, 10, b"789", "+234"),
    c(b"237", 9, 9, b"26", "+237"),
    c(b"33", 9, 9, b"123456789", "+33"),
    c(b"39", 6, 11, b"03", "+39"),
];

/// Any other number written the international way, `+` and 8 to 15 digits
/// (ITU E.164), when no country above knows it.
const ANY: Country = c(b"", 8, 15, b"123456789", "+");

/// How far before a bare number a phone word is looked for.
const CONTEXT: usize = 128;
/// Phone words, and the parties of a mobile-money payment, which wallets
/// identify by their number (`payer.partyId`, `sender`).
const PHONE_WORDS: &[&[u8]] = &[
    b"msisdn",
    b"phone",
    b"tel",
    b"mobile",
    b"gsm",
    b"whatsapp",
    b"payer",
    b"payee",
    b"party",
    b"sender",
    b"receiver",
    b"subscriber",
];

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 3 < b.len() {
        let Some(p) = super::find_any(b, i, [b'+', b'0', b'2', b'7', b'%']) else {
            break;
        };
        i = p;
        if i + 3 >= b.len() {
            break;
        }
        // Inside a word or a digit run only a `+` starts a number.
        if i > 0 && b[i - 1].is_ascii_alphanumeric() && b[i] != b'+' && b[i] != b'%' {
            i = super::run_end(b, i, |c| c.is_ascii_alphanumeric());
            continue;
        }
        // `%2B225…`: a `+` encoded in a URL or a form body.
        if b[i] == b'%' {
            if b[i..i + 3].eq_ignore_ascii_case(b"%2B") {
                if let Some((end, k)) = international_at(b, i + 3) {
                    out.push(
                        Candidate::new(i + 3..end, Kind::Phone, "phone.number", Confidence::Likely)
                            .detail(k.detail),
                    );
                    i = end;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        if let Some(end) = national(b, i).or_else(|| named_local(b, i)) {
            out.push(
                Candidate::new(i..end, Kind::Phone, "phone.national", Confidence::Likely)
                    .detail("local"),
            );
            i = end;
            continue;
        }
        match at(b, i) {
            Some((end, k)) => {
                out.push(
                    Candidate::new(i..end, Kind::Phone, "phone.number", Confidence::Likely)
                        .detail(k.detail),
                );
                i = end;
            }
            None => i += 1,
        }
    }
}

/// A number starting at `i`: its end and country.
fn at(b: &[u8], i: usize) -> Option<(usize, &'static Country)> {
    let c = b[i];
    // `+` starts a number whatever precedes it (`…56+225…` is two numbers).
    let glued = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'+');
    if glued && c != b'+' {
        return None;
    }
    let (code_at, bare) = match c {
        b'+' => return international_at(b, i + 1),
        b'0' if b.get(i + 1) == Some(&b'0') => (i + 2, false),
        b'2' => (i, true),
        _ => return None,
    };
    let found = by_country(b, code_at, bare)?;
    // Last, as the costliest test.
    (!bare || context(b, i)).then_some(found)
}

/// The number whose country code starts at `code_at`, after a country's
/// rules.
fn by_country(b: &[u8], code_at: usize, bare: bool) -> Option<(usize, &'static Country)> {
    COUNTRIES.iter().find_map(|k| {
        let after = code_at + k.code.len();
        (b.get(code_at..after)? == k.code).then_some(())?;
        if bare && k.code.len() < 3 {
            return None;
        }
        number(b, after, k, bare).map(|end| (end, k))
    })
}

/// A number after a `+` (written or encoded), from its country code at
/// `code_at`.
fn international_at(b: &[u8], code_at: usize) -> Option<(usize, &'static Country)> {
    // A country whose rules the number breaks is not another country.
    let known = COUNTRIES
        .iter()
        .any(|k| b.get(code_at..code_at + k.code.len()) == Some(k.code));
    if known {
        return by_country(b, code_at, false);
    }
    number(b, code_at, &ANY, false).map(|e| (e, &ANY))
}

/// A national number right after a phone word (`tel: 0505123456`,
/// `payer=0707…`, `Tel. 011 555 0199`): 8 to 11 digits, grouped or not, from
/// a `0` (or a Senegalese `7`).
/// Without the word a digit run is as often an order number.
fn named_local(b: &[u8], i: usize) -> Option<usize> {
    if !matches!(b[i], b'0' | b'7') || i == 0 {
        return None;
    }
    let mut w = i;
    while w > 0 && i - w < 4 && matches!(b[w - 1], b' ' | b':' | b'=' | b'"' | b'\'' | b'.') {
        w -= 1;
    }
    if w == i || w == 0 || !b[w - 1].is_ascii_alphabetic() {
        return None;
    }
    let word_start = b[..w]
        .iter()
        .rposition(|c| !c.is_ascii_alphanumeric() && *c != b'_')
        .map_or(0, |p| p + 1);
    let word = &b[word_start..w];
    let phone_word = PHONE_WORDS
        .iter()
        .any(|p| word.len() >= p.len() && word[word.len() - p.len()..].eq_ignore_ascii_case(p))
        || [&b"numero"[..], b"number", "numéro".as_bytes()]
            .iter()
            .any(|p| word.eq_ignore_ascii_case(p));
    if !phone_word {
        return None;
    }
    let mut at = i;
    let mut digits = 0;
    loop {
        let e = super::run_end(b, at, |c| c.is_ascii_digit());
        digits += e - at;
        at = e;
        match (b.get(at), b.get(at + 1)) {
            (Some(b' ' | b'.' | b'-'), Some(c)) if c.is_ascii_digit() && digits < 11 => at += 1,
            _ => break,
        }
    }
    let glued = b.get(at).is_some_and(|c| c.is_ascii_alphanumeric());
    ((8..=11).contains(&digits) && !glued).then_some(at)
}

/// National groupings: Côte d'Ivoire and France in five pairs (`07 07 12 34
/// 56`, `27 22 49 51 00`), Senegal as 2-3-2-2 (`77 654 32 10`), separated
/// by one space or dot throughout. Digits run together are left to the
/// international forms: they are as often order numbers.
fn national(b: &[u8], i: usize) -> Option<usize> {
    const PAIRS: &[usize] = &[2, 2, 2, 2, 2];
    const SENEGAL: &[usize] = &[2, 3, 2, 2];
    let before = i.checked_sub(1).map(|k| b[k]);
    if before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.' | b'/'))
        || (before == Some(b' ') && i >= 2 && b[i - 2].is_ascii_digit())
    {
        return None;
    }
    let (first, second) = (b[i], *b.get(i + 1)?);
    let groups = match (first, second) {
        (b'0', b'1'..=b'9') | (b'2', b'1' | b'5' | b'7') => PAIRS,
        (b'7', b'0' | b'5'..=b'8') => SENEGAL,
        _ => return None,
    };
    let sep = *b.get(i + 2)?;
    if !matches!(sep, b' ' | b'.') {
        return None;
    }
    let mut at = i;
    for (k, &len) in groups.iter().enumerate() {
        if k > 0 {
            if b.get(at) != Some(&sep) {
                return None;
            }
            at += 1;
        }
        if super::run_end(b, at, |c| c.is_ascii_digit()) != at + len {
            return None;
        }
        at += len;
    }
    let glued = b.get(at).is_some_and(|&c| c.is_ascii_alphanumeric())
        || (b.get(at) == Some(&sep) && b.get(at + 1).is_some_and(u8::is_ascii_digit));
    (!glued).then_some(at)
}

/// Whether a phone word stands shortly before `i`.
fn context(b: &[u8], i: usize) -> bool {
    let w = &b[i.saturating_sub(CONTEXT)..i];
    PHONE_WORDS
        .iter()
        .any(|p| w.windows(p.len()).any(|x| x.eq_ignore_ascii_case(p)))
}

/// Whether all of `v` is one prefixed international number (`+2250707…`,
/// `00221 77…`).
pub(crate) fn international(v: &[u8]) -> bool {
    !v.is_empty() && v[0] != b'2' && at(v, 0).is_some_and(|(end, _)| end == v.len())
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
    while n < k.max {
        match b.get(i) {
            Some(c) if c.is_ascii_digit() => {
                n += 1;
                i += 1;
            }
            Some(b' ' | b'-' | b'.')
                if !bare && n > 0 && b.get(i + 1).is_some_and(u8::is_ascii_digit) =>
            {
                i += 1;
            }
            _ => break,
        }
    }
    // A separator consumed before a digit group that did not fit.
    while i > at && matches!(b[i - 1], b' ' | b'-' | b'.') {
        i -= 1;
    }
    (n >= k.min && !b.get(i).is_some_and(u8::is_ascii_alphanumeric)).then_some(i)
}

/// Whether all of `v` is a country code and a national number without `+`
/// (fields of USSD strings, which have no room for one).
pub(crate) fn international_bare(v: &[u8]) -> bool {
    COUNTRIES.iter().any(|k| {
        k.code.len() == 3
            && v.starts_with(k.code)
            && number(v, 3, k, true).is_some_and(|e| e == v.len())
    })
}
