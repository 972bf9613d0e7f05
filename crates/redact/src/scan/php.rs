//! PHP's dumps of arrays and objects: `var_dump` (`["api_key"]=>` and, on the
//! next line, `string(32) "…"` or `int(4821)`) and `print_r`/`var_export`
//! (`[cvc:protected] => 381`). The bracketed name decides, as in `kv`.

use std::ops::Range;

use super::kv::value;
use super::{find_byte, run_end, Candidate};
use crate::names::{KeyClass, Name};

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>, public: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = find_byte(b, i, b'>') {
        i = p + 1;
        if p == 0 || b[p - 1] != b'=' {
            continue;
        }
        let Some(name) = bracketed_name(b, p - 1) else {
            continue;
        };
        let Some(name) = Name::parse(name) else {
            continue;
        };
        let named = name.class();
        if named.is_none() && !name.is_public() {
            continue;
        }
        let Some(range) = dumped_value(b, p + 1) else {
            continue;
        };
        match named {
            Some(KeyClass::Value(kind)) => value(b, range.clone(), kind, "php.dump", out),
            None => public.push(range.clone()),
            Some(_) => {}
        }
        i = range.end.max(i);
    }
}

/// The name in `["name"]`, `['name']`, `[name]` or `[name:protected]`
/// (`:private`, `:Class:private`) just before the arrow at `arrow`.
fn bracketed_name(b: &[u8], arrow: usize) -> Option<&[u8]> {
    let close = arrow - (b[..arrow].len() - b[..arrow].trim_ascii_end().len());
    if close == 0 || b[close - 1] != b']' {
        return None;
    }
    let inner_end = close - 1;
    let open = b[inner_end.saturating_sub(80)..inner_end]
        .iter()
        .rposition(|&c| c == b'[' || c == b'\n')
        .map(|o| inner_end.saturating_sub(80) + o)?;
    if b[open] != b'[' {
        return None;
    }
    let inner = &b[open + 1..inner_end];
    let inner = inner
        .strip_prefix(b"\"")
        .and_then(|i| i.strip_suffix(b"\""))
        .or_else(|| inner.strip_prefix(b"'").and_then(|i| i.strip_suffix(b"'")))
        .unwrap_or(inner);
    // Visibility, and the declaring class of a private property.
    let name = inner.split(|&c| c == b':').next()?;
    (!name.is_empty()).then_some(name)
}

/// The value after `=>`: var_dump's `string(N) "…"` or `int(N)` (on the same
/// line or the next), else print_r's rest of the line.
fn dumped_value(b: &[u8], from: usize) -> Option<Range<usize>> {
    let vs = run_end(b, from, |c| c == b' ' || c == b'\t');
    let vs = if b.get(vs) == Some(&b'\n') {
        run_end(b, vs + 1, |c| c == b' ' || c == b'\t')
    } else {
        vs
    };
    let rest = b.get(vs..)?;
    if let Some(after) = rest.strip_prefix(b"string(") {
        let digits = run_end(after, 0, |c| c.is_ascii_digit());
        let len: usize = std::str::from_utf8(&after[..digits]).ok()?.parse().ok()?;
        let quote = vs + 7 + digits + 3;
        let tail = b.get(vs + 7 + digits..quote)?;
        if tail != b") \"" || b.get(quote + len) != Some(&b'"') {
            return None;
        }
        return Some(quote..quote + len);
    }
    for prefix in [&b"int("[..], b"float("] {
        if let Some(after) = rest.strip_prefix(prefix) {
            let s = vs + prefix.len();
            let e = s + run_end(after, 0, |c| c != b')' && c != b'\n');
            return (b.get(e) == Some(&b')')).then_some(s..e);
        }
    }
    // print_r: the rest of the line, unless it opens a nested array.
    let e = run_end(b, vs, |c| c != b'\n');
    let e = vs + b[vs..e].trim_ascii_end().len();
    let v = &b[vs..e];
    (e > vs && !v.starts_with(b"Array") && !v.ends_with(b"Object") && !v.starts_with(b"array("))
        .then_some(vs..e)
}
