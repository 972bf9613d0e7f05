//! How long a browser may keep what the app is made of. Trunk names each asset after a hash of
//! its content, so a hashed file never changes and is kept for a year; the HTML pages that name
//! those files are checked again on every load, so a new build is never shown stale; anything
//! else (the icon) is kept for an hour.

use axum::http::HeaderValue;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// An HTML page: revalidated each time.
    Page,
    /// A file named after its content.
    Hashed,
    /// A file whose name stays across builds.
    Other,
}

impl Freshness {
    /// The freshness of the file at a request path that named one (not an SPA fallback).
    pub fn of_file(path: &str) -> Self {
        let name = path.rsplit('/').next().unwrap_or_default();
        // An empty name is a folder, answered by its index.html.
        if name.is_empty() || name.ends_with(".html") {
            Self::Page
        } else if is_hashed(name) {
            Self::Hashed
        } else {
            Self::Other
        }
    }

    pub fn cache_control(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Self::Page => "no-cache",
            Self::Hashed => "public, max-age=31536000, immutable",
            Self::Other => "public, max-age=3600",
        })
    }
}

/// Whether a file name carries Trunk's content hash: `name-<hex>` then `.ext` or, for the wasm,
/// `_bg.wasm`. Trunk prints the 64-bit hash without leading zeros, so it is up to 16 digits and
/// sometimes fewer; fewer than 12 is too rare to matter (a missed hash costs only an hour's
/// cache) and would start to take ordinary names for hashes.
pub fn is_hashed(name: &str) -> bool {
    name.match_indices('-').any(|(at, _)| {
        let rest = &name[at + 1..];
        let digits = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            .count();
        (12..=16).contains(&digits) && matches!(rest.as_bytes().get(digits), Some(b'.' | b'_'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names() {
        for name in [
            "guichet-5f2c0a1b9d3e4f60_bg.wasm",
            "guichet-5f2c0a1b9d3e4f60.js",
            "main-1a2b3c4d5e6f7081.css",
            "desk-kit-0123456789abcdef.css",
            // A hash that began with a zero nibble.
            "main-a2b3c4d5e6f7081.css",
        ] {
            assert!(is_hashed(name), "{name}");
        }
        for name in [
            "favicon.svg",
            "guichet.js",
            "app-v2.css",
            "report-20260113.txt",
            "main-1A2B3C4D5E6F7081.css",
            "main-1a2b3c4d5e6f70819.css",
            "main-1a2b3c4d5e6f7081",
            "main-1a2b3c4d5e6f7081x.css",
        ] {
            assert!(!is_hashed(name), "{name}");
        }
    }

    #[test]
    fn pages_hashed_files_and_the_rest() {
        assert_eq!(Freshness::of_file("/"), Freshness::Page);
        assert_eq!(Freshness::of_file("/index.html"), Freshness::Page);
        assert_eq!(Freshness::of_file("/desk.html"), Freshness::Page);
        assert_eq!(
            Freshness::of_file("/guichet-5f2c0a1b9d3e4f60_bg.wasm"),
            Freshness::Hashed
        );
        assert_eq!(Freshness::of_file("/favicon.svg"), Freshness::Other);
    }
}
