//! `key: value` and `key=value` in every dress: JSON (also escaped inside a
//! JSON string), HTTP header lines, `.env`, YAML, query strings, form bodies,
//! `-H 'Name: value'` in curl. The key name decides; the value is redacted
//! whatever it looks like.

use super::headers::{auth_value, cookie_value, preference};
use super::json::{string_end, Har};
use super::{looks_masked, Candidate};
use crate::names::{classify, KeyClass};
use crate::{Confidence, Kind};

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

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut har = Har::default();
    let mut i = 0;
    while let Some(p) = super::next_trigger(b, i, |c| c == b':' || c == b'=') {
        i = p;
        {
            if let Some(next) = pair(text, i, &mut har, out) {
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

fn pair(text: &str, sep: usize, har: &mut Har, out: &mut Vec<Candidate>) -> Option<usize> {
    let b = text.as_bytes();
    let next = b.get(sep + 1).copied();
    if b[sep] == b':' && (next == Some(b'/') || next == Some(b'=') || next == Some(b':')) {
        return None;
    }
    if b[sep] == b'='
        && (next == Some(b'=') || (sep > 0 && matches!(b[sep - 1], b'=' | b'!' | b'<' | b'>')))
    {
        return None;
    }
    let (key_start, key_end, ctx) = key_before(b, sep)?;
    let key = &b[key_start..key_end];
    // Decide on the key before reading the value: reading values of every
    // key would make the scan quadratic on input without line breaks.
    let named = classify(key);
    let har_key = matches!(ctx, Ctx::Quoted { .. })
        && (key.eq_ignore_ascii_case(b"name")
            || key.eq_ignore_ascii_case(b"value")
            || key.eq_ignore_ascii_case(b"cookies"));
    if named.is_none() && !har_key {
        return None;
    }

    // The value.
    let vs = super::run_end(b, sep + 1, |c| c == b' ' || c == b'\t');
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
    } else if first == b'{' || first == b'[' {
        (vs..vs, vs, Some(first))
    } else {
        let e = unquoted_end(b, vs, b[sep], ctx);
        (vs..e, e, None)
    };

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
    if range.is_empty() {
        return None;
    }
    // `token: Bearer abc…` in prose: the scheme is a word, the credential follows.
    let (class, range, resume) = match class {
        KeyClass::Value(_) if open.is_none() && is_scheme(&b[range.clone()]) => {
            let s = super::run_end(b, range.end, |c| c == b' ');
            let e = super::run_end(b, s, |c| super::is_token(c) || c == b'.' || c == b'~');
            if e > s {
                (KeyClass::Authorization, range.start..e, e)
            } else {
                (class, range, resume)
            }
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
        KeyClass::Authorization => auth_value(text, range, out),
        KeyClass::Cookie => cookie_value(text, range, true, out),
        KeyClass::SetCookie => cookie_value(text, range, false, out),
        KeyClass::Value(kind) => value(b, range, kind, rule, out),
        KeyClass::CookieValue => {
            if !preference(&b[range.clone()]) {
                value(b, range, Kind::Secret, "har.cookie", out);
            }
        }
    }
    Some(resume)
}

fn value(
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
    out.push(Candidate::new(range, kind, rule, Confidence::Certain));
}

/// The key ending just before `sep`, its span and its context.
fn key_before(b: &[u8], sep: usize) -> Option<(usize, usize, Ctx)> {
    let mut j = sep;
    while j > 0 && matches!(b[j - 1], b' ' | b'\t') && sep - j < 8 {
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
    while j > 0 && key_end - j < MAX_KEY && (is_key_char(b[j - 1]) || (quoted && b[j - 1] == b' '))
    {
        j -= 1;
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
            vs + b[vs..e].trim_ascii_end().len()
        }
        Ctx::LineStart | Ctx::Inline => {
            let e = super::run_end(b, vs, |c| {
                !c.is_ascii_whitespace() && !matches!(c, b'&' | b'"' | b'\'' | b'<' | b'>' | b'`')
            });
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

fn is_scheme(v: &[u8]) -> bool {
    v.eq_ignore_ascii_case(b"bearer")
        || v.eq_ignore_ascii_case(b"basic")
        || v.eq_ignore_ascii_case(b"token")
}
