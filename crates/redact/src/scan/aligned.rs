//! Names and values set apart by white space alone, as tools print them:
//! environment tables (`APP_KEY          base64:…`), dot leaders
//! (`password........Rec0n!`), and nginx directives that set a header or a
//! parameter (`proxy_set_header X-Api-Key 3d0d…;`). The name decides, as in
//! `kv`; the value is the one token that ends the line.

use super::kv::value;
use super::{find_byte, run_end, Candidate};
use crate::names::{classify, KeyClass};

/// nginx directives whose first argument names the second.
const DIRECTIVES: &[&[u8]] = &[
    b"proxy_set_header",
    b"grpc_set_header",
    b"add_header",
    b"more_set_headers",
    b"fastcgi_param",
    b"uwsgi_param",
    b"scgi_param",
];

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut at = 0;
    while at < b.len() {
        let end = find_byte(b, at, b'\n').unwrap_or(b.len());
        line(b, at, end, out);
        at = end + 1;
    }
}

fn line(b: &[u8], start: usize, end: usize, out: &mut Vec<Candidate>) {
    let mut ks = run_end(b, start, |c| c == b' ' || c == b'\t');
    if ks >= end || !b[ks].is_ascii_alphabetic() {
        return;
    }
    let mut ke = name_end(b, ks, end);
    let nginx = DIRECTIVES.contains(&&b[ks..ke]);
    if nginx {
        ks = run_end(b, ke, |c| c == b' ' || c == b'\t');
        ke = name_end(b, ks, end);
    }
    let gap = run_end(b, ke, |c| c == b' ' || c == b'\t');
    let leader = run_end(b, ke, |c| c == b'.');
    let vs = if leader - ke >= 3 {
        run_end(b, leader, |c| c == b' ' || c == b'\t')
    } else if gap - ke >= 2 || (nginx && gap > ke) {
        gap
    } else {
        return;
    };
    let mut ve = start + b[start..end].trim_ascii_end().len();
    if ve <= vs {
        return;
    }
    if nginx && b[ve - 1] == b';' {
        ve -= 1;
    }
    let mut vs = vs;
    if ve > vs + 1 && matches!(b[vs], b'"' | b'\'') && b[ve - 1] == b[vs] {
        vs += 1;
        ve -= 1;
    }
    // One token: a sentence or a table row is no value.
    if ve <= vs || b[vs..ve].iter().any(u8::is_ascii_whitespace) {
        return;
    }
    if let Some(KeyClass::Value(kind)) = classify(&b[ks..ke]) {
        value(b, vs..ve, kind, "aligned.key", out);
    }
}

/// End of a name at `from`: letters, digits, `_`, `-`, and dots between
/// words (`spring.datasource.password`), not a dot leader.
fn name_end(b: &[u8], from: usize, end: usize) -> usize {
    let mut i = from;
    while i < end {
        let c = b[i];
        let dotted = c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
        if !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-') || dotted) {
            break;
        }
        i += 1;
    }
    i
}
