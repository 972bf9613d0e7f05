//! Setters and builder calls whose name is sensitive, with a literal
//! argument: `->setCvc('123')`, `.setPassword("x")`, `withApiKey('…')`;
//! and database connections whose third positional argument is the
//! password: `new PDO($dsn, 'shop', 'pw')`, `PDO->__construct(…)` in a PHP
//! stack frame, `mysqli_connect('h', 'u', 'pw')`.

use super::kv::value;
use super::{run_end, Candidate};
use crate::names::{classify, KeyClass};

/// Calls whose third argument is a database password.
fn connect_call(b: &[u8], s: usize, name: &[u8]) -> bool {
    match name {
        b"PDO" | b"mysqli_connect" | b"mysql_connect" | b"mysqli" => true,
        b"__construct" => {
            let before = &b[s.saturating_sub(8)..s];
            before.ends_with(b"PDO->")
                || before.ends_with(b"PDO::")
                || before.ends_with(b"mysqli->")
        }
        _ => false,
    }
}

/// The third argument when it is a quoted literal (the first two may be
/// anything without parentheses).
fn third_literal(b: &[u8], from: usize) -> Option<std::ops::Range<usize>> {
    let limit = (from + 512).min(b.len());
    let mut i = from;
    let mut arg = 0;
    while i < limit {
        match b[i] {
            q @ (b'\'' | b'"') => {
                let e = run_end(&b[..limit], i + 1, |c| c != q && c != b'\n');
                if b.get(e) != Some(&q) {
                    return None;
                }
                if arg == 2 {
                    return Some(i + 1..e);
                }
                i = e + 1;
            }
            b',' => {
                arg += 1;
                i += 1;
            }
            b'(' | b')' | b'\n' => return None,
            _ => i += 1,
        }
    }
    None
}

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = super::find_byte(b, i, b'(') {
        i = p + 1;
        let mut s = p;
        while s > 0 && p - s < 64 && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'_') {
            s -= 1;
        }
        let name = &b[s..p];
        if connect_call(b, s, name) {
            if let Some(r) = third_literal(b, p + 1) {
                value(b, r.clone(), crate::Kind::Password, "code.connect", out);
                i = r.end;
            }
            continue;
        }
        let rest = ["set", "with"].iter().find_map(|pre| {
            let r = name.strip_prefix(pre.as_bytes())?;
            // `setCvc`, `set_cvc`: the verb must end a word.
            r.first()
                .filter(|c| c.is_ascii_uppercase() || **c == b'_')
                .map(|_| r)
        });
        let Some(Some(KeyClass::Value(kind))) = rest.map(classify) else {
            continue;
        };
        let Some(&q) = b.get(p + 1) else { continue };
        if q != b'\'' && q != b'"' {
            continue;
        }
        let lim = (p + 2 + 257).min(b.len());
        let e = run_end(&b[..lim], p + 2, |c| c != q && c != b'\n');
        if b.get(e) == Some(&q) && e - (p + 2) <= 256 {
            value(b, p + 2..e, kind, "code.setter", out);
            i = e;
        }
    }
}
