//! Colon-separated credential records: PostgreSQL's `.pgpass`
//! (`host:port:database:user:password`). A line of exactly five fields whose
//! second is a port (digits or `*`) carries the password in the fifth.

use super::{looks_masked, Candidate};
use crate::{Confidence, Kind};

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut at = 0;
    while at < b.len() {
        let end = super::find_byte(b, at, b'\n').unwrap_or(b.len());
        record(b, at, end, out);
        at = end + 1;
    }
}

fn record(b: &[u8], start: usize, end: usize, out: &mut Vec<Candidate>) {
    let line = &b[start..end];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    // Cheap rejections first: not a comment, no blanks (most lines of a log
    // are turned away at their first space), four colons.
    if line.len() < 9 || line[0] == b'#' {
        return;
    }
    let mut colons = 0;
    for &c in line {
        if c.is_ascii_whitespace() {
            return;
        }
        colons += usize::from(c == b':');
    }
    if colons != 4 {
        return;
    }
    let mut parts = line.split(|&c| c == b':');
    let (Some(host), Some(port), Some(db), Some(user), Some(pw)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return;
    };
    let port_ok = port == b"*"
        || (!port.is_empty() && port.len() <= 5 && port.iter().all(u8::is_ascii_digit));
    if !port_ok || host.is_empty() || db.is_empty() || user.is_empty() || looks_masked(pw) {
        return;
    }
    if pw.eq_ignore_ascii_case(b"password") {
        return;
    }
    let s = start + line.len() - pw.len();
    out.push(Candidate::new(
        s..s + pw.len(),
        Kind::Password,
        "pgpass.password",
        Confidence::Certain,
    ));
}
