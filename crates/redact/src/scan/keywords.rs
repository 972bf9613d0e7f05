//! CVV, PIN and OTP written in prose: only a digit group of the right length
//! shortly after a keyword (`cvv`, `cryptogramme`, `code pin`, `code secret`,
//! `otp`, `code de vérification`, `codice di verifica`…). A bare 4-digit
//! number is never enough.

use super::Candidate;
use crate::{Confidence, Kind};

struct Keyword {
    word: &'static [u8],
    kind: Kind,
    min: usize,
    max: usize,
}

const fn k(word: &'static [u8], kind: Kind) -> Keyword {
    let (min, max) = match kind {
        Kind::Cvv => (3, 4),
        _ => (4, 8),
    };
    Keyword {
        word,
        kind,
        min,
        max,
    }
}

// Longer phrases first, so `code pin` wins over `pin`.
const KEYWORDS: &[Keyword] = &[
    k(b"cryptogramme visuel", Kind::Cvv),
    k("code de sécurité".as_bytes(), Kind::Cvv),
    k(b"code de securite", Kind::Cvv),
    k(b"codice di sicurezza", Kind::Cvv),
    k(b"security code", Kind::Cvv),
    k(b"cryptogramme", Kind::Cvv),
    k(b"codice cvv", Kind::Cvv),
    k(b"cvv2", Kind::Cvv),
    k(b"cvc2", Kind::Cvv),
    k(b"cvv", Kind::Cvv),
    k(b"cvc", Kind::Cvv),
    k("code de vérification".as_bytes(), Kind::Otp),
    k(b"code de verification", Kind::Otp),
    k(b"code de validation", Kind::Otp),
    k(b"codice di verifica", Kind::Otp),
    k(b"verification code", Kind::Otp),
    k(b"one-time code", Kind::Otp),
    k(b"one time code", Kind::Otp),
    k(b"codice otp", Kind::Otp),
    k(b"code otp", Kind::Otp),
    k(b"code sms", Kind::Otp),
    k(b"sms code", Kind::Otp),
    k(b"2fa code", Kind::Otp),
    k(b"otp", Kind::Otp),
    k(b"codice segreto", Kind::Pin),
    k(b"code secret", Kind::Pin),
    k(b"codice pin", Kind::Pin),
    k(b"code pin", Kind::Pin),
    k(b"pin code", Kind::Pin),
    k(b"passcode", Kind::Pin),
    k(b"pin", Kind::Pin),
];

/// How far after the keyword the code may be, and how many filler words
/// (`is`, `est`, `reçu`, `è`…) may stand in between.
const WINDOW: usize = 40;
const MAX_WORDS: usize = 3;

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let Some(p) = super::next_trigger(b, i, |c| {
            matches!(c | 0x20, b'c' | b'p' | b'o' | b's' | b'v') || c == b'2'
        }) else {
            break;
        };
        i = p;
        let c = b[i] | 0x20;
        let starts_word = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if !starts_word || !matches!(c, b'c' | b'p' | b'o' | b's' | b'v' | b'2') {
            i = word_end(b, i);
            continue;
        }
        let second = b.get(i + 1).map_or(0, |c| c | 0x20);
        let Some(kw) = KEYWORDS.iter().find(|kw| {
            kw.word[0] == c
                && kw.word[1] == second
                && super::starts_with_ci(b, i, kw.word)
                && !b
                    .get(i + kw.word.len())
                    .is_some_and(|c| c.is_ascii_alphabetic())
        }) else {
            i = word_end(b, i);
            continue;
        };
        let after = i + kw.word.len();
        if let Some(r) = code_after(b, after, kw) {
            out.push(Candidate::new(
                r.clone(),
                kw.kind,
                "keyword.code",
                Confidence::Likely,
            ));
            i = r.end;
        } else {
            i = after;
        }
    }
}

fn code_after(b: &[u8], from: usize, kw: &Keyword) -> Option<std::ops::Range<usize>> {
    let limit = (from + WINDOW).min(b.len());
    let mut i = from;
    let mut words = 0;
    while i < limit {
        let c = b[i];
        if c.is_ascii_digit() {
            let e = super::run_end(b, i, |c| c.is_ascii_digit());
            let joined = |p: Option<&u8>, q: Option<&u8>| {
                matches!(p, Some(b'-' | b'/' | b'.' | b':' | b','))
                    && q.is_some_and(u8::is_ascii_digit)
            };
            let glued = b
                .get(e)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'%')
                || joined(b.get(e), b.get(e + 1))
                || (i > 0 && matches!(b[i - 1], b'+' | b'#' | b'$' | b'.' | b','));
            let n = e - i;
            return (!glued && n >= kw.min && n <= kw.max).then_some(i..e);
        }
        if c.is_ascii_alphabetic() || c >= 0x80 {
            words += 1;
            if words > MAX_WORDS {
                return None;
            }
            i = super::run_end(b, i, |c| c.is_ascii_alphabetic() || c >= 0x80 || c == b'\'');
            continue;
        }
        if !matches!(
            c,
            b' ' | b'\t' | b':' | b'=' | b'-' | b'"' | b'\'' | b'(' | b')' | b'*'
        ) {
            return None;
        }
        i += 1;
    }
    None
}

/// Words that introduce a credential in a sentence, and the kind it gets.
const CREDENTIAL_WORDS: &[(&[u8], Kind)] = &[
    (b"mot de passe", Kind::Password),
    (b"parola d'ordine", Kind::Password),
    (b"passphrase", Kind::Password),
    (b"passwort", Kind::Password),
    (b"password", Kind::Password),
    (b"mdp", Kind::Password),
    (b"secret", Kind::Secret),
    (b"api key", Kind::Secret),
    (b"apikey", Kind::Secret),
    (b"api-key", Kind::Secret),
    (b"merchant key", Kind::Secret),
    ("clé api".as_bytes(), Kind::Secret),
    (b"cle api", Kind::Secret),
    ("clé secrète".as_bytes(), Kind::Secret),
    (b"chiave api", Kind::Secret),
];

/// Words after which the next token is a user name, not the credential.
const USER_WORDS: &[&[u8]] = &[
    b"user",
    b"username",
    b"login",
    b"utilisateur",
    b"identifiant",
    b"utente",
];

/// `le mot de passe du compte test est : Soleil2024!`, `our verification
/// secret is cd050a…`: a credential written in a sentence. Only a token
/// shaped like one counts (a password has letters with digits or symbols, a
/// key is long and mixes letters and digits), so `the password was wrong`
/// is left alone. The token comes within a few words of the keyword, or
/// right after a colon further on in the same sentence, which may wrap onto
/// a quoted (`> `) line.
pub(crate) fn scan_passwords(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = super::next_trigger(b, i, |c| {
        matches!(c | 0x20, b'p' | b'm' | b's' | b'a' | b'c')
    }) {
        i = p;
        let starts_word = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if !starts_word {
            i = word_end(b, i);
            continue;
        }
        let (c0, c1) = (b[i] | 0x20, b.get(i + 1).map_or(0, |c| c | 0x20));
        let kw = CREDENTIAL_WORDS.iter().find(|(w, _)| {
            w[0] == c0
                && w[1] == c1
                && super::starts_with_ci(b, i, w)
                && b.get(i + w.len()).is_none_or(|&c| {
                    c.is_ascii_whitespace() || matches!(c, b':' | b'=' | b'"' | b'\'' | b')' | b',')
                })
        });
        let Some(&(kw, kind)) = kw else {
            i = word_end(b, i);
            continue;
        };
        i += kw.len();
        if let Some(r) = credential_after(b, i, kind) {
            out.push(Candidate::new(
                r.clone(),
                kind,
                if kind == Kind::Password {
                    "keyword.password"
                } else {
                    "keyword.secret"
                },
                Confidence::Likely,
            ));
            i = r.end;
        }
    }
}

/// Plain words allowed between the keyword and the credential, without and
/// with a colon introducing it.
const NEAR_WORDS: usize = 4;
const FAR_WORDS: usize = 12;
const REACH: usize = 160;

fn credential_after(b: &[u8], from: usize, kind: Kind) -> Option<std::ops::Range<usize>> {
    let limit = (from + REACH).min(b.len());
    let mut i = from;
    let mut words = 0;
    let mut depth = 0i32;
    while i < limit {
        let c = b[i];
        if c == b':' {
            // A colon introduces the value: the word count starts again.
            words = 0;
            i += 1;
            continue;
        }
        if matches!(c, b' ' | b'\t' | b'=' | b'"' | b'\'') {
            i += 1;
            continue;
        }
        if c == b'\n' {
            // A sentence may wrap onto the next quoted line of an e-mail.
            let q = super::run_end(b, i + 1, |c| c == b'>' || c == b' ');
            if q == i + 1 || b.get(i + 1) != Some(&b'>') {
                return None;
            }
            i = q;
            continue;
        }
        if c == b'[' {
            return None;
        }
        // Bounded: a password is short, and an unbounded run would make the
        // scan quadratic on input without whitespace.
        let e = super::run_end(&b[..(i + 128).min(b.len())], i, |c| {
            !c.is_ascii_whitespace() && c != b'&'
        });
        // `Password=x;Encrypt=True`: the value stops before the next pair.
        let e = super::kv::next_pair(b, i, e);
        if e <= i {
            // A separator the loop does not skip (`&`): step over it, or the
            // scan would never end (found by the fuzzer: `-mdP=pA&dP"c:2`).
            i += 1;
            continue;
        }
        let mut end = e;
        while end > i
            && matches!(
                b[end - 1],
                b'.' | b',' | b';' | b'!' | b'?' | b')' | b'"' | b'\'' | b':'
            )
        {
            end -= 1;
        }
        let raw = &b[i..e];
        depth += raw.iter().filter(|&&c| c == b'(').count() as i32;
        depth -= raw.iter().filter(|&&c| c == b')').count() as i32;
        // A sentence that ends without the credential: `oublié ? Contactez…`.
        let sentence_end = matches!(b[e - 1], b'.' | b'?' | b'!');
        if end == i {
            if depth < 0 || sentence_end {
                return None;
            }
            i = e;
            continue;
        }
        // A trailing `!` is often part of the password; keep it if the rest is.
        if end < e && b[end] == b'!' && password_shaped(&b[i..=end]) {
            end += 1;
        }
        let t = &b[i..end];
        let shaped = match kind {
            Kind::Password => password_shaped(t),
            _ => key_shaped(t),
        };
        if shaped && words <= NEAR_WORDS {
            return Some(i..end);
        }
        // The keyword sat inside parentheses that close here: `(using
        // password: YES) in /var/www/…` says nothing more.
        if depth < 0 || sentence_end {
            return None;
        }
        let word = t
            .iter()
            .all(|&c| c.is_ascii_alphabetic() || c >= 0x80 || c == b'\'' || c == b'(' || c == b')');
        if !word || USER_WORDS.iter().any(|u| t.eq_ignore_ascii_case(u)) {
            return None;
        }
        words += 1;
        if words > FAR_WORDS {
            return None;
        }
        i = e;
    }
    None
}

fn password_shaped(t: &[u8]) -> bool {
    let letter = t.iter().any(u8::is_ascii_alphabetic);
    // A hyphen joins words (`e-mails`); other symbols and digits make a password.
    let other = t
        .iter()
        .any(|&c| c.is_ascii_digit() || (c.is_ascii_punctuation() && !matches!(c, b'\'' | b'-')));
    t.len() >= 6
        && letter
        && other
        && !matches!(t[0], b'/' | b'\\' | b'~' | b'(')
        && !t.windows(3).any(|w| w == b"://")
        && !t
            .iter()
            .any(|&c| matches!(c, b'[' | b'"' | b'{' | b'}' | b'<' | b'>'))
}

/// An API key or signing secret: long, letters and digits, no spaces; not
/// a UUID, which names an object.
fn key_shaped(t: &[u8]) -> bool {
    t.len() >= 16
        && t.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
        && t.iter().any(u8::is_ascii_digit)
        && t.iter().any(u8::is_ascii_alphabetic)
        && !super::kv::is_uuid(t)
}

/// End of the word at `i` (at least `i + 1`): no keyword starts inside a word.
fn word_end(b: &[u8], i: usize) -> usize {
    super::run_end(b, i + 1, |c| c.is_ascii_alphanumeric() || c == b'_')
}
