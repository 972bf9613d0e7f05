//! `key: value` and `key=value` in every dress: JSON (also escaped inside a
//! JSON string), HTTP header lines, `.env`, YAML, query strings, form bodies,
//! `-H 'Name: value'` in curl. The key name decides; the value is redacted
//! whatever it looks like.

use super::headers::{auth_value, cookie_value, preference};
use super::json::{string_end, Har};
use super::{looks_masked, Candidate};
use crate::names::{self, KeyClass};
use crate::{Confidence, Kind};
use std::ops::Range;

/// How far the value of a public key (an id, a nonce) is read.
const MAX_PUBLIC: usize = 512;

const MAX_KEY: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// `"key": …` or `'key': …`; `escaped` for `\"key\":`.
    Quoted { escaped: bool },
    /// `'Authorization: Bearer x'`: the pair sits inside a quoted string.
    InString(u8),
    /// Header, `.env` or YAML line.
    LineStart,
    /// Query string, form body, prose.
    Inline,
}

/// Emits values under sensitive key names; records in `public` the values of
/// keys naming identifiers, nonces and hashes (see [`names::is_public`]).
pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>, public: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut har = Har::default();
    let mut i = 0;
    while let Some(p) = super::find_any(b, i, [b':', b'=']) {
        i = p;
        {
            if let Some(next) = pair(text, i, &mut har, out, public) {
                // The value was consumed: separators inside it are not keys.
                i = next.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
}

const fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'[' | b']')
}

fn pair(
    text: &str,
    sep: usize,
    har: &mut Har,
    out: &mut Vec<Candidate>,
    public: &mut Vec<Range<usize>>,
) -> Option<usize> {
    let full = text.as_bytes();
    let next = full.get(sep + 1).copied();
    if full[sep] == b':' && (next == Some(b'/') || next == Some(b'=') || next == Some(b':')) {
        return None;
    }
    if full[sep] == b'='
        && (next == Some(b'=') || (sep > 0 && matches!(full[sep - 1], b'=' | b'!' | b'<' | b'>')))
    {
        return None;
    }
    // PHP arrays and Perl hashes: `'cvv' => '862'`.
    let arrow = full[sep] == b'=' && next == Some(b'>');
    let b = full;
    let (key_start, key_end, ctx) = key_before(b, sep)?;
    let mut key = &b[key_start..key_end];
    // `10:42:07`, `192.168.1.10:8080`: no name has no letter.
    if !key.iter().any(u8::is_ascii_alphabetic) {
        return None;
    }
    // `data%5Bhash%5D=` in a form body sent as text: the brackets, decoded.
    let decoded = decode_brackets(key);
    // `• Merchant key : 13a9491c`: a label of a few words opening the line.
    let mut name = names::Name::parse(&decoded);
    let mut named = name.as_ref().and_then(names::Name::class);
    if named.is_none()
        && full[sep] == b':'
        && ctx == Ctx::Inline
        && key.iter().all(u8::is_ascii_alphabetic)
        && !name.as_ref().is_some_and(names::Name::is_public)
    {
        if let Some(s) = label_start(full, key_start) {
            key = &full[s..key_end];
            name = names::Name::parse(key);
            named = name.as_ref().and_then(names::Name::class);
        }
    }
    // Decided on the key before reading the value: reading values of every
    // key would make the scan quadratic on input without line breaks.
    let har_key = matches!(ctx, Ctx::Quoted { .. })
        && (key.eq_ignore_ascii_case(b"name")
            || key.eq_ignore_ascii_case(b"key")
            || key.eq_ignore_ascii_case(b"value")
            || key.eq_ignore_ascii_case(b"cookies"));
    let is_public =
        named.is_none() && !har_key && name.as_ref().is_some_and(names::Name::is_public);
    // PayDunya's IPN `hash` is the SHA-512 of the merchant's master key, the
    // same in every notification: as good as the key. Other hashes are
    // computed per message and public.
    let sha512 = named.is_none()
        && !har_key
        && !is_public
        && name.as_ref().is_some_and(names::Name::is_hash);
    if sha512 {
        named = Some(KeyClass::Value(Kind::Secret));
    }
    if named.is_none() && !har_key && !is_public {
        return None;
    }
    // A public value is only read a bounded distance, which keeps the scan
    // linear however many `id=` an input holds.
    let b = if is_public {
        &full[..(sep + MAX_PUBLIC).min(full.len())]
    } else {
        full
    };

    // The value.
    let vs = super::run_end(b, sep + 1 + usize::from(arrow), |c| c == b' ' || c == b'\t');
    let first = *b.get(vs)?;
    if first == b'\n' || first == b'\r' {
        return None;
    }
    let (range, resume, open) = if first == b'\\' && b.get(vs + 1) == Some(&b'"') {
        let e = string_end(b, vs + 2, b'"', true)?;
        (vs + 2..e, e + 2, Some(b'"'))
    } else if first == b'"' || first == b'\'' {
        match string_end(b, vs + 1, first, false) {
            Some(e) => (vs + 1..e, e + 1, Some(first)),
            None => {
                let e = line_end(b, vs);
                (vs + 1..e, e, Some(first))
            }
        }
    } else if let Some((range, resume, q)) = listed(b, vs) {
        (range, resume, Some(q))
    } else if first == b'{' || first == b'[' {
        (vs..vs, vs, Some(first))
    } else {
        let e = unquoted_end(b, vs, b[sep], ctx);
        (vs..e, e, None)
    };
    if is_public {
        if !range.is_empty() && (range.end < b.len() || b.len() == full.len()) {
            public.push(range);
        }
        return None;
    }

    let class = match ctx {
        Ctx::Quoted { .. } => {
            let value =
                (open != Some(b'{') && open != Some(b'[')).then_some((range.start, range.end));
            let value = if open == Some(b'[') {
                Some((vs, vs))
            } else {
                value
            };
            har.on_key(b, key, key_start, value, open).or(named)
        }
        _ => named,
    }?;
    if range.is_empty() || code_not_value(b, key_start, sep, &range, open) {
        return None;
    }
    // The IPN's own field, `data[hash]`, is taken in a SHA-256's length too.
    let hash_len =
        range.len() == 128 || (range.len() == 64 && decoded.eq_ignore_ascii_case(b"data[hash]"));
    if sha512 && !(hash_len && b[range.clone()].iter().all(u8::is_ascii_hexdigit)) {
        return Some(resume);
    }
    // `token: Bearer abc…` in prose: the scheme is a word, the credential follows.
    let (class, range, resume) = match class {
        KeyClass::Value(_) | KeyClass::Authorization
            if open.is_none() && is_scheme(&b[range.clone()]) =>
        {
            let s = super::run_end(b, range.end, |c| c == b' ');
            let e = super::run_end(b, s, |c| super::is_token(c) || c == b'.' || c == b'~');
            if e > s {
                (KeyClass::Authorization, range.start..e, e)
            } else {
                // A scheme word alone (`Authorization: Basic` in prose, or
                // before a placeholder) is no credential.
                return Some(resume);
            }
        }
        // `auth = 'Basic dXNlcjpwdw=='`: a quoted scheme and credential.
        KeyClass::Value(_) if open.is_some() && scheme_then_credential(&b[range.clone()]) => {
            (KeyClass::Authorization, range, resume)
        }
        _ => (class, range, resume),
    };
    let rule = match ctx {
        Ctx::Quoted { .. } => "json.key",
        Ctx::LineStart if b[sep] == b'=' => "env.key",
        Ctx::LineStart => "header.key",
        Ctx::InString(_) | Ctx::Inline => "kv.key",
    };
    match class {
        KeyClass::Authorization
            if open.is_none() && names::is_sensitive_name(&b[range.clone()]) => {}
        KeyClass::Authorization => auth_value(text, range, out),
        KeyClass::Cookie => cookie_value(text, range, true, out),
        KeyClass::SetCookie => cookie_value(text, range, false, out),
        KeyClass::Value(kind) => {
            // `api_key=api_key`, `Authorization: auth`: a variable, not a secret.
            let v = &b[range.clone()];
            if (open.is_some() || !names::is_sensitive_name(v))
                && !(kind == Kind::PrivateKey && key_id(key, v))
            {
                value(b, range, kind, rule, out);
            }
        }
        KeyClass::CookieValue => {
            if !preference(&b[range.clone()]) {
                value(b, range, Kind::Secret, "har.cookie", out);
            }
        }
    }
    Some(resume)
}

/// `['value']`: a list of one string, as Python prints a form's fields
/// (`QueryDict`): the string's range, where to resume and its quote.
fn listed(b: &[u8], vs: usize) -> Option<(Range<usize>, usize, u8)> {
    let q = *b.get(vs + 1)?;
    if b[vs] != b'[' || !matches!(q, b'"' | b'\'') {
        return None;
    }
    let e = string_end(b, vs + 2, q, false)?;
    (b.get(e + 1) == Some(&b']')).then_some((vs + 2..e, e + 2, q))
}

pub(crate) fn value(
    b: &[u8],
    range: std::ops::Range<usize>,
    kind: Kind,
    rule: &'static str,
    out: &mut Vec<Candidate>,
) {
    let v = &b[range.clone()];
    if looks_masked(v) {
        return;
    }
    // `"cvv_check": "pass"` style results are not codes: a code has digits.
    if matches!(kind, Kind::Pin | Kind::Otp | Kind::Cvv)
        && (!v.iter().any(u8::is_ascii_digit) || v.len() > 16)
    {
        return;
    }
    // `phone: unknown`, `mobile: true`: a phone number is made of digits.
    if kind == Kind::Phone && !phone_shaped(v) {
        return;
    }
    // A UUID names an object (a request, a Postman run): never a secret.
    if kind == Kind::Secret && is_uuid(v) {
        return;
    }
    out.push(Candidate::new(range, kind, rule, Confidence::Certain));
}

/// The key ending just before `sep`, its span and its context.
fn key_before(b: &[u8], sep: usize) -> Option<(usize, usize, Ctx)> {
    let mut j = sep;
    // PowerShell's `Format-List` pads names to the longest one.
    while j > 0 && matches!(b[j - 1], b' ' | b'\t') && sep - j < 24 {
        j -= 1;
    }
    let mut quote = None;
    let mut escaped = false;
    if j > 0 && matches!(b[j - 1], b'"' | b'\'') {
        quote = Some(b[j - 1]);
        j -= 1;
        if b[j] == b'"' && j > 0 && b[j - 1] == b'\\' {
            escaped = true;
            j -= 1;
        }
    }
    let key_end = j;
    let quoted = quote.is_some();
    while j > 0 && key_end - j < MAX_KEY {
        if j >= 3 && encoded_bracket(&b[j - 3..j]) {
            j -= 3;
        } else if is_key_char(b[j - 1]) || (quoted && b[j - 1] == b' ') {
            j -= 1;
        } else {
            break;
        }
    }
    let key_start = j;
    if key_start == key_end || (key_end - key_start == MAX_KEY && j > 0 && is_key_char(b[j - 1])) {
        return None;
    }
    if let Some(q) = quote {
        let open = key_start.checked_sub(1)?;
        if b[open] != q || (escaped && (open == 0 || b[open - 1] != b'\\')) {
            return None;
        }
        return Some((key_start, key_end, Ctx::Quoted { escaped }));
    }
    if key_start > 0 && matches!(b[key_start - 1], b'"' | b'\'') {
        return Some((key_start, key_end, Ctx::InString(b[key_start - 1])));
    }
    let ctx = if at_line_start(b, key_start) {
        Ctx::LineStart
    } else {
        Ctx::Inline
    };
    Some((key_start, key_end, ctx))
}

/// What stands where a value would but is code or a dump's notation: a
/// GraphQL variable's type (`$password: String!`), a function call
/// (`'ApiKey' => env('…')`), Symfony's `array:1 [`, and var_dump's class of a
/// private property (`["secretKey":"Yabacon\Config":private]`).
fn code_not_value(
    b: &[u8],
    key_start: usize,
    sep: usize,
    range: &Range<usize>,
    open: Option<u8>,
) -> bool {
    let v = &b[range.clone()];
    let after = &b[range.end..];
    let graphql = key_start > 0 && b[key_start - 1] == b'$' && b[sep] == b':';
    let ident = |v: &[u8]| {
        !v.is_empty()
            && v.iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b':'))
    };
    let call = open.is_none()
        && (v.ends_with(b"(") && ident(&v[..v.len() - 1]) || ident(v) && after.starts_with(b"("));
    let dump = open.is_none() && v.starts_with(b"array:") && v[6..].iter().all(u8::is_ascii_digit);
    let private = open.is_some()
        && [&b":private]"[..], b":protected]"]
            .iter()
            .any(|s| after.get(1..).is_some_and(|a| a.starts_with(s)));
    graphql || call || dump || private
}

/// `%5B` or `%5D`: a bracket of a key, URL-encoded.
fn encoded_bracket(t: &[u8]) -> bool {
    t[0] == b'%' && t[1] == b'5' && matches!(t[2] | 0x20, b'b' | b'd')
}

/// `key` with its URL-encoded brackets decoded.
fn decode_brackets(key: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !key.contains(&b'%') {
        return key.into();
    }
    let mut out = Vec::with_capacity(key.len());
    let mut i = 0;
    while i < key.len() {
        if i + 3 <= key.len() && encoded_bracket(&key[i..i + 3]) {
            out.push(if key[i + 2] | 0x20 == b'b' {
                b'['
            } else {
                b']'
            });
            i += 3;
        } else {
            out.push(key[i]);
            i += 1;
        }
    }
    out.into()
}

/// Start of a label of up to four words that opens its line (after
/// indentation or a bullet) and ends at `key_start`'s word.
fn label_start(b: &[u8], key_start: usize) -> Option<usize> {
    let mut j = key_start;
    let mut words = 1;
    while j > 0 && key_start - j < 48 {
        let c = b[j - 1];
        if c == b' ' {
            j -= 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            break;
        }
        words += 1;
        if words > 4 {
            return None;
        }
        while j > 0 && b[j - 1].is_ascii_alphabetic() {
            j -= 1;
        }
    }
    let s = super::run_end(b, j, |c| c == b' ');
    if s == key_start {
        return None;
    }
    // What precedes: the line start, maybe one bullet.
    let blanks = |mut k: usize| {
        while k > 0 && matches!(b[k - 1], b' ' | b'\t') {
            k -= 1;
        }
        k
    };
    let mut k = blanks(j);
    if k > 0 && matches!(b[k - 1], b'-' | b'*' | b'>') {
        k = blanks(k - 1);
    } else if k >= 3 && &b[k - 3..k] == "•".as_bytes() {
        k = blanks(k - 3);
    }
    (k == 0 || b[k - 1] == b'\n').then_some(s)
}

/// Whether only indentation, `export `, a YAML `- ` or curl's `> `/`< ` stands
/// between the line start and `at`. Looks back a bounded distance.
fn at_line_start(b: &[u8], at: usize) -> bool {
    let mut k = at;
    while k > 0 && matches!(b[k - 1], b' ' | b'\t') && at - k < 16 {
        k -= 1;
    }
    let line_start = |k: usize| k == 0 || b[k - 1] == b'\n';
    if line_start(k) {
        return true;
    }
    if k > 0 && matches!(b[k - 1], b'>' | b'<' | b'-') && line_start(k - 1) {
        return true;
    }
    k >= 7 && &b[k - 7..k] == b"export " && line_start(k - 7)
}

/// In a connection string (`User Id=shop;Password=x;Encrypt=True`) a value
/// ends at the `;` that starts the next `Key=`.
pub(crate) fn next_pair(b: &[u8], vs: usize, e: usize) -> usize {
    let mut i = vs;
    while let Some(p) = b[i..e].iter().position(|&c| c == b';') {
        let semi = i + p;
        let k = super::run_end(b, semi + 1, |c| {
            c.is_ascii_alphanumeric() || c == b' ' || c == b'_'
        });
        if k > semi + 1 && b.get(k) == Some(&b'=') && b.get(k + 1) != Some(&b'=') {
            return semi;
        }
        i = semi + 1;
    }
    e
}

fn line_end(b: &[u8], from: usize) -> usize {
    let e = super::run_end(b, from, |c| c != b'\n');
    from + b[from..e].trim_ascii_end().len()
}

fn unquoted_end(b: &[u8], vs: usize, sep: u8, ctx: Ctx) -> usize {
    match ctx {
        Ctx::LineStart if sep == b':' => line_end(b, vs),
        Ctx::Quoted { .. } => super::run_end(b, vs, |c| {
            !c.is_ascii_whitespace() && !matches!(c, b',' | b'}' | b']' | b'"' | b'\'')
        }),
        Ctx::InString(q) => {
            let e = super::run_end(b, vs, |c| {
                c != q && c != b'\n' && c != b'\\' && !(sep == b'=' && c == b'&')
            });
            let e = if sep == b'=' { next_pair(b, vs, e) } else { e };
            vs + b[vs..e].trim_ascii_end().len()
        }
        Ctx::LineStart | Ctx::Inline => {
            let e = super::run_end(b, vs, |c| {
                !c.is_ascii_whitespace() && !matches!(c, b'&' | b'"' | b'\'' | b'<' | b'>' | b'`')
            });
            let e = if sep == b'=' { next_pair(b, vs, e) } else { e };
            if ctx == Ctx::Inline {
                // Sentence punctuation after a value written in prose.
                let mut e = e;
                while e > vs
                    && matches!(
                        b[e - 1],
                        b'.' | b',' | b';' | b'!' | b'?' | b')' | b'}' | b']'
                    )
                {
                    e -= 1;
                }
                e
            } else {
                e
            }
        }
    }
}

/// `+225 07 07 12 34 56`, `(051) 643-2219`, `0707123456`: 8 to 15 digits,
/// an optional leading `+`, and grouping only.
fn phone_shaped(v: &[u8]) -> bool {
    let v = v.strip_prefix(b"+").unwrap_or(v);
    let digits = v.iter().filter(|c| c.is_ascii_digit()).count();
    (8..=15).contains(&digits)
        && v.iter()
            .all(|&c| c.is_ascii_digit() || matches!(c, b' ' | b'-' | b'.' | b'(' | b')'))
}

pub(crate) fn is_uuid(v: &[u8]) -> bool {
    v.len() == 36
        && v.iter().enumerate().all(|(i, &c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// git's `user.signingkey` names a GPG key by its id or fingerprint (8, 16
/// or 40 hex digits): public, unlike the key it names.
fn key_id(key: &[u8], v: &[u8]) -> bool {
    let last = key.rsplit(|&c| c == b'.').next().unwrap_or(key);
    let v = v.strip_prefix(b"0x").unwrap_or(v);
    last.eq_ignore_ascii_case(b"signingkey")
        && matches!(v.len(), 8 | 16 | 40)
        && v.iter().all(u8::is_ascii_hexdigit)
}

fn scheme_then_credential(v: &[u8]) -> bool {
    let Some(sp) = v.iter().position(|&c| c == b' ') else {
        return false;
    };
    is_scheme(&v[..sp]) && sp + 1 < v.len() && !v[sp + 1..].contains(&b' ')
}

fn is_scheme(v: &[u8]) -> bool {
    v.eq_ignore_ascii_case(b"bearer")
        || v.eq_ignore_ascii_case(b"basic")
        || v.eq_ignore_ascii_case(b"token")
}
