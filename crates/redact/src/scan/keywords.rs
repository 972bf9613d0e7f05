//! CVV, PIN and OTP written in prose: only a digit group of the right length
//! shortly after a keyword (`cvv`, `cryptogramme`, `code pin`, `code secret`,
//! `otp`, `code de vérification`, `codice di verifica`…). A bare 4-digit
//! number is never enough.

use super::Candidate;
use crate::pairs::{starts_of, Pairs};
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
        // Nigeria's NUBAN has 10 digits; French, Italian and UEMOA accounts 11 or 12.
        Kind::BankAccount => (10, 20),
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
    k("code derrière".as_bytes(), Kind::Cvv),
    k(b"code derriere", Kind::Cvv),
    k(b"code au dos", Kind::Cvv),
    k(b"codice sul retro", Kind::Cvv),
    k(b"account number", Kind::BankAccount),
    k(b"account no", Kind::BankAccount),
    k(b"account", Kind::BankAccount),
    k(b"acct", Kind::BankAccount),
    k("numéro de compte".as_bytes(), Kind::BankAccount),
    k(b"numero de compte", Kind::BankAccount),
    k(b"compte", Kind::BankAccount),
    k(b"numero di conto", Kind::BankAccount),
    k(b"conto n.", Kind::BankAccount),
    k(b"conto", Kind::BankAccount),
];

/// Which keywords start with each letter (by its low five bits), as bit sets
/// over `KEYWORDS`.
const FIRST_LETTERS: [u64; 32] = {
    assert!(KEYWORDS.len() <= 64);
    let mut sets = [0u64; 32];
    let mut k = 0;
    while k < KEYWORDS.len() {
        sets[(KEYWORDS[k].word[0] & 31) as usize] |= 1 << k;
        k += 1;
    }
    sets
};

/// The keywords that may start with `c`, in their order in `KEYWORDS`.
fn by_first_letter(c: u8) -> impl Iterator<Item = &'static Keyword> {
    let mut set = FIRST_LETTERS[usize::from(c & 31)];
    std::iter::from_fn(move || {
        let k = set.trailing_zeros() as usize;
        set &= set.wrapping_sub(1);
        KEYWORDS.get(k)
    })
}

/// The first two bytes of every keyword.
const KEYWORD_STARTS: Pairs = starts_of!(KEYWORDS, |w| w.word);

/// How far after the keyword the code may be, and how many filler words
/// (`is`, `est`, `reçu`, `è`…) may stand in between.
const WINDOW: usize = 40;
const MAX_WORDS: usize = 3;

/// A keyword at the word `i..e`, and the code after it. Returns where this
/// detector reads on.
pub(crate) fn at_word(b: &[u8], i: usize, e: usize, out: &mut Vec<Candidate>) -> usize {
    let c = b[i] | 0x20;
    if !matches!(c, b'a' | b'c' | b'n' | b'p' | b'o' | b's' | b'v' | b'2') {
        return i + 1;
    }
    let second = b.get(i + 1).map_or(0, |c| c | 0x20);
    let listed = KEYWORD_STARTS.contains(c, second);
    let Some(kw) = by_first_letter(c).filter(|_| listed).find(|kw| {
        kw.word[0] == c
            && kw.word[1] == second
            && super::starts_with_ci(b, i, kw.word)
            // Not a placeholder's name: `[PIN#1]`.
            && !b
                .get(i + kw.word.len())
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'#')
    }) else {
        if let Some((r, kind)) = spoken_code(b, i, e) {
            out.push(Candidate::new(
                r.clone(),
                kind,
                "keyword.sentence",
                Confidence::Likely,
            ));
            return r.end;
        }
        return e;
    };
    let after = i + kw.word.len();
    // `"Account": "531298804417"` is a key of structured data, which names
    // decide (an AWS account is no bank account); this is for prose.
    if kw.kind == Kind::BankAccount && i > 0 && matches!(b[i - 1], b'"' | b'\'') {
        return after;
    }
    let found = code_after(b, after, kw).or_else(|| {
        matches!(kw.kind, Kind::Pin | Kind::Otp)
            .then(|| sentence_code(b, after))
            .flatten()
    });
    if let Some(r) = found {
        out.push(Candidate::new(
            r.clone(),
            kw.kind,
            "keyword.code",
            Confidence::Likely,
        ));
        r.end
    } else {
        after
    }
}

fn code_after(b: &[u8], from: usize, kw: &Keyword) -> Option<std::ops::Range<usize>> {
    let limit = (from + WINDOW).min(b.len());
    let mut i = from;
    let mut words = 0;
    while i < limit {
        let c = b[i];
        if c.is_ascii_digit() {
            let mut e = super::run_end(b, i, |c| c.is_ascii_digit());
            let mut n = e - i;
            if n < kw.min {
                if let Some((se, sn)) = spaced(b, i) {
                    (e, n) = (se, sn);
                }
            }
            let joined = |p: Option<&u8>, q: Option<&u8>| {
                matches!(p, Some(b'-' | b'/' | b'.' | b':' | b','))
                    && q.is_some_and(u8::is_ascii_digit)
            };
            let glued = b
                .get(e)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'%')
                || joined(b.get(e), b.get(e + 1))
                || (i > 0 && matches!(b[i - 1], b'+' | b'#' | b'$' | b'.' | b','));
            return (!glued && n >= kw.min && n <= kw.max).then_some(i..e);
        }
        if c.is_ascii_alphabetic() || c >= 0x80 {
            words += 1;
            let e = super::run_end(b, i, |c| c.is_ascii_alphabetic() || c >= 0x80 || c == b'\'');
            // `account id 1234567890` names the merchant's account, not a bank's.
            if words > MAX_WORDS
                || (kw.kind == Kind::BankAccount && b[i..e].eq_ignore_ascii_case(b"id"))
            {
                return None;
            }
            i = e;
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

/// How far a sentence is read for its code, and for words that make a
/// `code` a one-time or secret one.
const SENTENCE: usize = 120;
const BEFORE: usize = 80;

/// Words that make "code" in a sentence a one-time code or a PIN: how it
/// came (SMS, received), what it does (validation, login), how long it lasts.
/// Matched at a word start, as prefixes.
const CODE_CONTEXT: &[&[u8]] = &[
    b"sms",
    b"otp",
    b"valid",
    b"confirm",
    b"verif",
    "vérif".as_bytes(),
    b"login",
    b"connexion",
    b"expire",
    b"scad",
    "reçu".as_bytes(),
    b"recu",
    b"receiv",
    b"arriv",
    b"envoy",
    b"invia",
    b"3d",
    b"secret",
    b"pin",
    b"communiq",
    b"whatsapp",
    b"wave",
    b"momo",
];
/// What a message says after its code: how long it lasts, not to share it.
const VALIDITY: &[&[u8]] = &[
    b"valid",
    b"valab",
    b"expire",
    b"scad",
    b"communiq",
    b"share",
];
/// Of those, the words that make it a PIN rather than a one-time code.
const PIN_CONTEXT: &[&[u8]] = &[b"secret", b"pin", b"compte", b"account", b"conto"];
/// Words before `code` that make it anything but a secret.
const NOT_SECRET_CODE: &[&[u8]] = &[
    b"error",
    b"erreur",
    b"errore",
    b"status",
    b"statut",
    b"http",
    b"response",
    b"return",
    b"exit",
    b"postal",
    b"promo",
    b"ussd",
    b"country",
    b"pays",
    b"bank",
    b"banque",
    b"iso",
    b"merchant",
    b"marchand",
    b"product",
    b"produit",
    b"article",
    b"source",
    b"zip",
    b"reason",
    b"result",
    b"currency",
    b"devise",
    b"qr",
];
/// Words after a number that make it an amount, a duration or a count.
const UNITS: &[&[u8]] = &[
    b"f",
    b"fcfa",
    b"cfa",
    b"xof",
    b"francs",
    b"eur",
    b"euros",
    b"usd",
    b"min",
    b"minutes",
    b"minuti",
    b"mn",
    b"s",
    b"sec",
    b"secondes",
    b"seconds",
    b"ms",
    b"h",
    b"heures",
    b"hours",
    b"ore",
    b"jours",
    b"days",
    b"giorni",
    b"fois",
    b"times",
    b"volte",
    b"tentatives",
    b"attempts",
    b"tentativi",
];

/// `code` (or `codice`) from `i` to `e` in a sentence that says it is a
/// one-time code or a PIN (`votre code de confirmation … est 482915`,
/// `the code 661203 does not work` after an SMS): the code and its kind.
fn spoken_code(b: &[u8], i: usize, e: usize) -> Option<(std::ops::Range<usize>, Kind)> {
    let word = &b[i..e];
    if !(word.eq_ignore_ascii_case(b"code") || word.eq_ignore_ascii_case(b"codice")) {
        return None;
    }
    let prev_end = b[..i]
        .iter()
        .rposition(|c| c.is_ascii_alphabetic())
        .map_or(0, |p| p + 1);
    let prev_start = b[..prev_end]
        .iter()
        .rposition(|c| !c.is_ascii_alphabetic())
        .map_or(0, |p| p + 1);
    let prev = &b[prev_start..prev_end];
    if i - prev_end <= 2 && NOT_SECRET_CODE.iter().any(|w| prev.eq_ignore_ascii_case(w)) {
        return None;
    }
    let code = sentence_code(b, e)?;
    // A code read out group by group is being given, whatever the sentence says.
    let dictated = b[code.clone()].contains(&b' ');
    let before = &b[i.saturating_sub(BEFORE)..code.end];
    let after = &b[code.end..(code.end + BEFORE).min(b.len())];
    let has = |around: &[u8], words: &[&[u8]]| {
        words.iter().any(|w| {
            around.windows(w.len()).enumerate().any(|(k, x)| {
                x.eq_ignore_ascii_case(w) && (k == 0 || !around[k - 1].is_ascii_alphabetic())
            })
        })
    };
    if !dictated && !has(before, CODE_CONTEXT) && !has(after, VALIDITY) {
        return None;
    }
    let kind = if has(before, PIN_CONTEXT) {
        Kind::Pin
    } else {
        Kind::Otp
    };
    Some((code, kind))
}

/// The first code later in the same sentence: a group of 4 to 8 digits
/// standing alone, or three spaced pairs (`90 21 47`), passing over amounts,
/// durations, dates, years and phone numbers.
fn sentence_code(b: &[u8], from: usize) -> Option<std::ops::Range<usize>> {
    let limit = (from + SENTENCE).min(b.len());
    let mut i = from;
    while i < limit {
        let c = b[i];
        let ends = matches!(c, b'.' | b'!' | b'?' | b';')
            && b.get(i + 1).is_none_or(u8::is_ascii_whitespace);
        // A placeholder (`[PIN#1]`) ends the search too: redacting must not
        // move it on to another number.
        if c == b'\n' || c == b'[' || ends {
            return None;
        }
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let e = super::run_end(b, i, |c| c.is_ascii_digit());
        let attached = |k: usize| {
            b.get(k)
                .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'%')
                || (matches!(b.get(k), Some(b'/' | b':' | b'.' | b',' | b'-'))
                    && b.get(k + 1).is_some_and(u8::is_ascii_digit))
        };
        let glued = i > 0
            && (b[i - 1].is_ascii_alphanumeric()
                || matches!(b[i - 1], b'#' | b'+' | b'$' | b'/' | b'-' | b'.' | b','));
        // Spaced groups: a code read out (see `spaced`), anything else an
        // amount, a phone or a card.
        let mut end = e;
        let mut groups = 1;
        while b.get(end) == Some(&b' ') {
            let g = super::run_end(b, end + 1, |c| c.is_ascii_digit());
            if g == end + 1 || g - end - 1 > 4 {
                break;
            }
            groups += 1;
            end = g;
        }
        let n = e - i;
        let code = if groups > 1 {
            spaced(b, i)
                .filter(|&(se, _)| se == end)
                .map(|(se, _)| i..se)
        } else {
            let year =
                n == 4 && (b"19".as_slice() == &b[i..i + 2] || b"20".as_slice() == &b[i..i + 2]);
            ((4..=8).contains(&n) && !year).then_some(i..e)
        };
        if let Some(r) = code.filter(|r| !glued && !attached(r.end) && !unit_after(b, r.end)) {
            return Some(r);
        }
        i = end;
    }
    None
}

/// A code read out in equal groups: digit by digit (`4 8 2 9 1 5`), in
/// pairs (`90 21 47`) or in halves (`905 114`). Its end and how many digits.
fn spaced(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let k = super::run_end(b, i, |c| c.is_ascii_digit()) - i;
    let mut end = i + k;
    let mut groups = 1;
    while b.get(end) == Some(&b' ')
        && super::run_end(b, end + 1, |c| c.is_ascii_digit()) == end + 1 + k
    {
        groups += 1;
        end += 1 + k;
    }
    let read_out = match k {
        1 => (4..=8).contains(&groups),
        2 => groups == 3,
        3 => groups == 2,
        _ => false,
    };
    let more = b.get(end) == Some(&b' ') && b.get(end + 1).is_some_and(u8::is_ascii_digit);
    (read_out && !more).then_some((end, k * groups))
}

/// Whether the word after `at` (one space on) is a currency or a unit.
fn unit_after(b: &[u8], at: usize) -> bool {
    let s = if b.get(at) == Some(&b' ') { at + 1 } else { at };
    let e = super::run_end(b, s, |c| {
        c.is_ascii_alphabetic() || c == 0xe2 || c == 0x82 || c == 0xac
    });
    let w = &b[s..e];
    !w.is_empty() && (UNITS.iter().any(|u| w.eq_ignore_ascii_case(u)) || w == "€".as_bytes())
}

/// A one-time code (or a long PIN) found once is one everywhere it stands
/// alone (`the code 661203 does not work`, after the SMS that sent it).
/// Redacting in pieces (`Stream`) sees the repeats within its context only.
pub(crate) fn repeats(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut codes: Vec<(&[u8], Kind)> = out
        .iter()
        .filter(|c| matches!(c.kind, Kind::Pin | Kind::Otp))
        .map(|c| (&b[c.range.clone()], c.kind))
        // Four digits recur by chance (years, amounts); six rarely do.
        .filter(|(v, _)| v.len() >= 6 && v.iter().all(u8::is_ascii_digit))
        .collect();
    if codes.is_empty() {
        return;
    }
    codes.sort_unstable();
    codes.dedup_by_key(|c| c.0);
    let mut i = 0;
    while let Some(p) = super::find_range(b, i, b'0', b'9') {
        let e = super::run_end(b, p, |c| c.is_ascii_digit());
        let alone = (p == 0 || !b[p - 1].is_ascii_alphanumeric())
            && !b.get(e).is_some_and(u8::is_ascii_alphanumeric);
        if alone {
            if let Ok(k) = codes.binary_search_by(|c| c.0.cmp(&b[p..e])) {
                out.push(Candidate::new(
                    p..e,
                    codes[k].1,
                    "keyword.repeat",
                    Confidence::Likely,
                ));
            }
        }
        i = e;
    }
}

/// Words that introduce a credential in a sentence, and the kind it gets.
const CREDENTIAL_WORDS: &[(&[u8], Kind)] = &[
    (b"mot de passe", Kind::Password),
    (b"parola d'ordine", Kind::Password),
    (b"passphrase", Kind::Password),
    (b"passwort", Kind::Password),
    (b"password", Kind::Password),
    (b"mdp", Kind::Password),
    (b"pass", Kind::Password),
    (b"pwd", Kind::Password),
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

/// The first two bytes of every credential word.
const CREDENTIAL_STARTS: Pairs = starts_of!(CREDENTIAL_WORDS, |w| w.0);

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
pub(crate) fn password_at_word(b: &[u8], i: usize, e: usize, out: &mut Vec<Candidate>) -> usize {
    let (c0, c1) = (b[i] | 0x20, b.get(i + 1).map_or(0, |c| c | 0x20));
    if !CREDENTIAL_STARTS.contains(c0, c1) {
        return e;
    }
    let kw = CREDENTIAL_WORDS.iter().find(|(w, _)| {
        w[0] == c0
            && w[1] == c1
            && super::starts_with_ci(b, i, w)
            && b.get(i + w.len()).is_none_or(|&c| {
                c.is_ascii_whitespace() || matches!(c, b':' | b'=' | b'"' | b'\'' | b')' | b',')
            })
    });
    // `$password: String!`: a variable of code (GraphQL, PHP, shell).
    let Some(&(kw, kind)) = kw.filter(|_| i == 0 || b[i - 1] != b'$') else {
        return e;
    };
    let after = i + kw.len();
    // Words that are also everyday words or commands (`pass`, `pwd`) take
    // the credential only as the very next word.
    let near = if matches!(kw, b"pass" | b"pwd") {
        0
    } else {
        NEAR_WORDS
    };
    let Some(r) = credential_after(b, after, kind, near) else {
        return after;
    };
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
    r.end
}

/// Plain words allowed between the keyword and the credential, without and
/// with a colon introducing it.
const NEAR_WORDS: usize = 4;
const FAR_WORDS: usize = 12;
const REACH: usize = 160;

fn credential_after(
    b: &[u8],
    from: usize,
    kind: Kind,
    near: usize,
) -> Option<std::ops::Range<usize>> {
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
        // Trailing `!` are often part of the password; keep them if the rest is.
        if end < e && b[end] == b'!' && password_shaped(&b[i..=end]) {
            end = super::run_end(&b[..e], end, |c| c == b'!');
        }
        let t = &b[i..end];
        let shaped = match kind {
            Kind::Password => password_shaped(t),
            _ => key_shaped(t),
        };
        if shaped && words <= near {
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
        if words > FAR_WORDS || near == 0 {
            return None;
        }
        i = e;
    }
    None
}

fn password_shaped(t: &[u8]) -> bool {
    // `access_token`, `client_secret`: names of fields, not their values.
    if t.iter().all(|&c| c.is_ascii_lowercase() || c == b'_') {
        return false;
    }
    let letter = t.iter().any(u8::is_ascii_alphabetic);
    // A hyphen joins words (`e-mails`); other symbols and digits make a password.
    let other = t
        .iter()
        .any(|&c| c.is_ascii_digit() || (c.is_ascii_punctuation() && !matches!(c, b'\'' | b'-')));
    t.len() >= 6
        && letter
        && other
        && !matches!(t[0], b'/' | b'\\' | b'~' | b'(' | b'$')
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
