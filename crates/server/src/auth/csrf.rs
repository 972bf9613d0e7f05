//! Double-submit CSRF check: a cross-site page can make the browser send the cookie, but cannot
//! read `Me.csrf_token` to echo it in a header.

use axum::http::{HeaderMap, Method};
use guichet_domain::paths::headers::CSRF_TOKEN;
use rand::rngs::OsRng;
use rand::RngCore;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn is_mutating(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

pub fn header_matches(headers: &HeaderMap, expected: &str) -> bool {
    headers
        .get(CSRF_TOKEN)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|given| constant_time_eq(given.as_bytes(), expected.as_bytes()))
}

/// Comparison time does not depend on where the first difference is.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_only_the_exact_token() {
        let token = new_token();
        let mut h = HeaderMap::new();
        assert!(!header_matches(&h, &token));
        h.insert(CSRF_TOKEN, token.parse().unwrap());
        assert!(header_matches(&h, &token));
        assert!(!header_matches(&h, &new_token()));
    }
}
