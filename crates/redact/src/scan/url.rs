//! Credentials in URLs: `scheme://user:password@host`. The user is kept.

use super::{looks_masked, Candidate};
use crate::{Confidence, Kind};

const MAX_AUTHORITY: usize = 256;

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 3 < b.len() {
        let Some(p) = super::next_trigger(b, i, |c| c == b':') else {
            break;
        };
        i = p;
        if i + 3 >= b.len() {
            break;
        }
        if b[i] != b':' || b[i + 1] != b'/' || b[i + 2] != b'/' {
            i += 1;
            continue;
        }
        let s = i + 3;
        let limit = (s + MAX_AUTHORITY).min(b.len());
        let e = b[s..limit]
            .iter()
            .position(|&c| {
                c.is_ascii_whitespace()
                    || matches!(c, b'/' | b'?' | b'#' | b'"' | b'\'' | b'<' | b'>' | b'`')
            })
            .map_or(limit, |p| s + p);
        if let Some(at) = b[s..e].iter().rposition(|&c| c == b'@') {
            let userinfo = s..s + at;
            if let Some(colon) = b[userinfo.clone()].iter().position(|&c| c == b':') {
                let p = userinfo.start + colon + 1;
                if !looks_masked(&b[p..userinfo.end]) {
                    out.push(Candidate::new(
                        p..userinfo.end,
                        Kind::Password,
                        "url.userinfo",
                        Confidence::Certain,
                    ));
                }
            }
        }
        i = e.max(i + 3);
    }
}
