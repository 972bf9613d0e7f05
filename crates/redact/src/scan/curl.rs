//! curl options that carry credentials outside headers: `-u user:pass`,
//! `--user`, `--proxy-user`, `--oauth2-bearer`. Headers (`-H`) and bodies
//! (`-d`) are left to the key/value scanner, which sees inside the quotes.

use super::{looks_masked, run_end, Candidate};
use crate::{Confidence, Kind};

const USER_OPTS: &[&[u8]] = &[b"-u", b"--user", b"--proxy-user", b"-U"];

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 3 < b.len() {
        let Some(p) = super::find_byte(b, i, b'-') else {
            break;
        };
        i = p;
        if i + 3 >= b.len() {
            break;
        }
        if b[i] != b'-' || (i > 0 && !b[i - 1].is_ascii_whitespace()) {
            i += 1;
            continue;
        }
        let opt_end = run_end(b, i + 1, |c| c.is_ascii_alphanumeric() || c == b'-');
        let opt = &b[i..opt_end];
        let is_user = USER_OPTS.contains(&opt);
        let is_bearer = opt == b"--oauth2-bearer";
        if !(is_user || is_bearer) || !matches!(b.get(opt_end), Some(b' ' | b'=')) {
            i = opt_end.max(i + 1);
            continue;
        }
        let mut s = run_end(b, opt_end + 1, |c| c == b' ');
        let quote = b.get(s).copied().filter(|&q| q == b'\'' || q == b'"');
        if quote.is_some() {
            s += 1;
        }
        let e = run_end(b, s, |c| match quote {
            Some(q) => c != q && c != b'\n',
            None => !c.is_ascii_whitespace(),
        });
        if is_bearer {
            if !looks_masked(&b[s..e]) {
                out.push(Candidate::new(
                    s..e,
                    Kind::Bearer,
                    "curl.oauth2-bearer",
                    Confidence::Certain,
                ));
            }
        } else if let Some(colon) = b[s..e].iter().position(|&c| c == b':') {
            let p = s + colon + 1;
            if !looks_masked(&b[p..e]) {
                out.push(Candidate::new(
                    p..e,
                    Kind::Password,
                    "curl.user",
                    Confidence::Certain,
                ));
            }
        }
        i = e.max(i + 1);
    }
}
