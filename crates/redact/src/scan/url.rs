//! Credentials in URLs: `scheme://user:password@host` (the user is kept),
//! and webhook URLs whose last path segment is the credential.

use super::{looks_masked, Candidate};
use crate::{Confidence, Kind};

const MAX_AUTHORITY: usize = 256;

/// Incoming-webhook URLs as their providers document them: the host and path,
/// how many public segments (workspace, channel or webhook ids) follow, and
/// the kind of the secret last segment. Anyone holding the URL can post.
const WEBHOOKS: &[(&[u8], usize, Kind)] = &[
    (b"hooks.slack.com/services/", 2, Kind::SlackToken),
    (b"hooks.slack.com/workflows/", 2, Kind::SlackToken),
    (b"discord.com/api/webhooks/", 1, Kind::Secret),
    (b"discordapp.com/api/webhooks/", 1, Kind::Secret),
];

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 3 < b.len() {
        let Some(p) = super::find_byte(b, i, b':') else {
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
        let end = |stops: &[u8]| {
            b[s..limit]
                .iter()
                .position(|&c| c.is_ascii_whitespace() || stops.contains(&c))
                .map_or(limit, |p| s + p)
        };
        let e = end(b"/?#\"'<>`");
        // Passwords are pasted with their `#` and `?` unencoded: the
        // authority runs to the `@` before the path, if the user part before
        // the colon is a plain name.
        let wide = end(b"/\"'<>`");
        if let Some(at) = b[s..wide].iter().rposition(|&c| c == b'@') {
            let userinfo = s..s + at;
            let colon = b[userinfo.clone()].iter().position(|&c| c == b':');
            let plain_user = |c: usize| !b[s..s + c].iter().any(|x| b"?#&=".contains(x));
            if let Some(colon) = colon.filter(|&c| plain_user(c)) {
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
        webhook(b, s, out);
        i = e.max(i + 3);
    }
}

fn webhook(b: &[u8], s: usize, out: &mut Vec<Candidate>) {
    let Some(&(prefix, ids, kind)) = WEBHOOKS.iter().find(|w| b[s..].starts_with(w.0)) else {
        return;
    };
    let segment = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
    let mut at = s + prefix.len();
    for _ in 0..ids {
        let e = super::run_end(b, at, segment);
        if e == at || b.get(e) != Some(&b'/') {
            return;
        }
        at = e + 1;
    }
    let e = super::run_end(b, at, segment);
    if e - at >= 16 && !looks_masked(&b[at..e]) {
        out.push(Candidate::new(
            at..e,
            kind,
            "url.webhook",
            Confidence::Certain,
        ));
    }
}
