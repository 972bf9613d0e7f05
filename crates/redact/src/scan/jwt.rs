//! JSON Web Tokens (and JWE): base64url parts joined by dots, the first of
//! which decodes to a JSON object with an `"alg"` member.

use super::{b64_decode, run_end, Candidate};
use crate::{Confidence, Kind};

const fn is_b64url(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

const ALGS: &[&str] = &[
    "HS256",
    "HS384",
    "HS512",
    "RS256",
    "RS384",
    "RS512",
    "ES256",
    "ES384",
    "ES512",
    "PS256",
    "PS384",
    "PS512",
    "EdDSA",
    "none",
    "RSA-OAEP",
    "RSA-OAEP-256",
    "dir",
];

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 3 < b.len() {
        let Some(p) = super::find_byte(b, i, b'e') else {
            break;
        };
        i = p;
        if i + 3 >= b.len() {
            break;
        }
        // A JWT glued after `-` or `_` (a PEM footer, a prefix) is still one.
        if &b[i..i + 3] != b"eyJ"
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let h_end = run_end(b, i, is_b64url);
        let Some(alg) = header_alg(&b[i..h_end]) else {
            i = h_end;
            continue;
        };
        // header.payload.signature, or five parts for JWE.
        let mut end = h_end;
        let mut parts = 1;
        while parts < 5 && b.get(end) == Some(&b'.') {
            let e = run_end(b, end + 1, is_b64url);
            // An empty signature (`alg: none`) still ends the token.
            if e == end + 1 && parts < 2 {
                break;
            }
            end = e;
            parts += 1;
        }
        if parts < 3 {
            i = end.max(i + 1);
            continue;
        }
        out.push(Candidate::new(i..end, Kind::Jwt, "jwt.header", Confidence::Certain).detail(alg));
        i = end;
    }
}

fn header_alg(part: &[u8]) -> Option<&'static str> {
    let json = b64_decode(part)?;
    let json = std::str::from_utf8(&json).ok()?.trim();
    if !json.starts_with('{') {
        return None;
    }
    let at = json.find("\"alg\"")? + 5;
    let rest = json[at..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let value = &rest[..rest.find('"')?];
    Some(ALGS.iter().find(|a| **a == value).copied().unwrap_or("JWT"))
}
