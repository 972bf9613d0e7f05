//! The Content-Security-Policy. Trunk writes an inline `<script type="module">` into each entry's
//! page to start its wasm; rather than allow every inline script, the policy names those exact
//! scripts by their SHA-256, computed from the built pages at start-up (one policy for them all).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// `'sha256-…'` sources for each inline script (one without `src`) of an HTML document: the
/// base64 SHA-256 of the exact text between the opening tag's `>` and `</script>`, as browsers
/// hash it.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script").map(|i| i + from) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| i + tag_end) else {
            break;
        };
        let tag = &lower[start..tag_end];
        if !has_src_attribute(tag) {
            let body = &html[tag_end + 1..close];
            hashes.push(format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            ));
        }
        from = close;
    }
    hashes
}

fn has_src_attribute(tag: &str) -> bool {
    tag.split(|c: char| c.is_ascii_whitespace())
        .any(|attr| attr == "src" || attr.starts_with("src="))
}

pub fn content_security_policy(script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for h in script_hashes {
        script_src.push(' ');
        script_src.push_str(h);
    }
    // The redaction engine runs in a Web Worker. Without worker-src, browsers take workers'
    // sources from script-src (CSP 3) or child-src and default-src (CSP 2); named, it stays
    // 'self' (no blob: or data: workers) whatever those come to allow.
    format!(
        "default-src 'self'; script-src {script_src}; worker-src 'self'; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html = r#"<html><head><script src="/a.js"></script>
<SCRIPT type="module">init();</SCRIPT><script>x</script></head></html>"#;
        let hashes = inline_script_hashes(html);
        let expected = |s: &str| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(s)));
        assert_eq!(hashes, vec![expected("init();"), expected("x")]);
    }

    #[test]
    fn policy_never_allows_arbitrary_inline_code() {
        let p = content_security_policy(&["'sha256-abc'".into()]);
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"));
        assert!(!p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"));
        assert!(p.contains("; worker-src 'self';"), "{p}");
    }
}
